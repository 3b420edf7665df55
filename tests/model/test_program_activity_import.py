"""ProgramActivity as membership: joined, invited, removed and missing students; emails and
External IDs learned; numeric IDs reported, never guessed; one person under two emails reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli.main import main
from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.conftest import location_of
from tests.model.conftest import dump
from tests.model.coursera_files import (
    LEARNING_PATH_HEADER,
    PROGRAM_ACTIVITY_HEADER,
    PROGRAM_ACTIVITY_NAME,
    badge_rows,
    write_export,
)


def member(
    name: str, email: str, external: str, state: str, joined: str = "", **more: str
) -> dict[str, str]:
    return {
        "Name": name,
        "Email": email,
        "External ID": external,
        "Program Name": more.get("program", "DIST Coursera 2023"),
        "Program Slug": "dist-coursera-2023",
        "# Enrolled Courses": more.get("enrolled", "0"),
        "# Completed Courses": "0",
        "Member State": state,
        "Join Date": joined,
        "Invitation Date": "2023-09-04T08:00:00.000Z",
        "Contract(s)": "DIST-2023",
        "Location Country": "Pakistan",
    }


ROWS = [
    member(
        "Ayesha Khan",
        "AYESHA.KHAN@dist.edu.pk",
        "",
        "MEMBER",
        "2023-09-05T10:00:00.000Z",
        enrolled="5",
    ),
    member("Muhammad Ali", "ali.m1999@gmail.com", "fa23-bcs-002", "INVITED"),
    member(
        "Fatima Zahra",
        "fatima.zahra@dist.edu.pk",
        "fa23-bcs-003",
        "MEMBER",
        "2023-09-06T10:00:00.000Z",
    ),
    member(
        "Fatima Zahra",
        "fatimazahra.lhr@gmail.com",
        "fa23-bcs-003",
        "MEMBER",
        "2023-10-01T10:00:00.000Z",
    ),
    member(
        "Bilal Ahmed",
        "bilal.ahmed@dist.edu.pk",
        "sp24-bcs-005",
        "REMOVED",
        "2024-02-10T10:00:00.000Z",
        program="DIST Coursera 2023 (Archived)",
    ),
    member(
        "Nguyễn Thị Hương",
        "huong.nguyen@example.vn",
        "20231234",
        "MEMBER",
        "2024-01-01T10:00:00.000Z",
    ),
    member("عائشہ بی بی", "", "20239999", "INVITED"),
]


def program_file(tmp_path: Path, rows: list[dict[str, str]] = ROWS) -> Path:
    return write_export(tmp_path / PROGRAM_ACTIVITY_NAME, PROGRAM_ACTIVITY_HEADER, rows)


def test_joined_invited_removed_and_missing(department: Services, tmp_path: Path) -> None:
    result = department.progress.import_export(program_file(tmp_path))
    assert result.kind == "program membership report"
    assert (result.rows, result.matched, result.records_added) == (7, 5, 4)
    states = {s.roll_no: s.coursera for s in department.students.list()}
    assert states == {
        "fa23-bcs-001": "joined",
        "fa23-bcs-002": "invited",
        "fa23-bcs-003": "joined",
        "sp24-bcs-005": "removed",
        "fa22-bcs-010": "missing",
        "fa25-bcs-001": "missing",
        "fa23-bcs-004": "missing",
        "fa23-bba-001": "missing",
        "fa23-bba-002": "missing",
        "fa24-bba-003": "missing",
    }
    chase = [s.roll_no for s in department.students.list(degree="BSCS", coursera="not joined")]
    assert chase == ["fa22-bcs-010", "fa23-bcs-002", "fa23-bcs-004", "fa25-bcs-001"]
    removed = department.students.list(coursera="removed")
    assert [(s.roll_no, s.coursera_program) for s in removed] == [
        ("sp24-bcs-005", "DIST Coursera 2023 (Archived)")
    ]
    assert [(u.line, u.reason) for u in result.unmatched] == [
        (
            7,
            "student not on the roster (email huong.nguyen@example.vn, External ID 20231234); "
            "External ID 20231234 is a number that is no roll number, so Sanad does not guess "
            "who it is",
        ),
        (
            8,
            "student not on the roster (External ID 20239999); External ID 20239999 is a number "
            "that is no roll number, so Sanad does not guess who it is",
        ),
    ]
    assert result.notes[0] == (
        "fa23-bcs-003 (Fatima Zahra) is in the file under more than one email: "
        "fatima.zahra@dist.edu.pk (line 4), fatimazahra.lhr@gmail.com (line 5); one person with "
        "two Coursera accounts, for a person to merge."
    )
    assert "Removed from the program (kept, shown as removed): sp24-bcs-005." in result.notes
    again = department.progress.import_export(program_file(tmp_path))
    assert again.updated == 0 and again.records_added == again.records_changed == 0


def test_a_learned_email_matches_later_exports(department: Services, tmp_path: Path) -> None:
    department.progress.import_export(program_file(tmp_path))
    rows = badge_rows(
        "ali.m1999@gmail.com",
        "google-it-support-pathway-q1",
        "Google IT Support Professional Certificate (Google)",
        ["Technical Support Fundamentals"],
        done=False,
    )
    result = department.progress.import_export(
        write_export(tmp_path / "lp.csv", LEARNING_PATH_HEADER, rows)
    )
    assert result.unmatched == ()
    assert [c.slug for c in department.students.show("fa23-bcs-002").courses] == [
        "technical-support-fundamentals"
    ]


def test_a_bad_date_refuses_the_file(department: Services, tmp_path: Path) -> None:
    rows = [dict(r) for r in ROWS]
    rows[2]["Join Date"] = "06/09/2023 ish"
    before = dump(department)
    with pytest.raises(ValidationError) as caught:
        department.progress.import_export(program_file(tmp_path, rows))
    assert caught.value.texts == [
        "line 4, column I (Join Date): '06/09/2023 ish' is not a date and time like "
        "2024-02-01T14:30:00.000Z."
    ]
    assert dump(department) == before


def test_students_list_json_carries_the_membership(
    department: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    department.progress.import_export(program_file(tmp_path))
    db = location_of(department)
    assert main(["--db", db, "students", "list", "--coursera", "invited", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "roll_no": "fa23-bcs-002",
            "name": "Muhammad Ali",
            "degree": "BSCS",
            "intake": "Fall 2023",
            "coursera": "invited",
            "coursera_program": "DIST Coursera 2023",
        }
    ]
