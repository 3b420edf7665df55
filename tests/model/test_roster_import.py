from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.conftest import dump
from tests.model.spreadsheets import csv_text, csv_to_xlsx

HEADER = [
    "Roll No",
    "Name",
    "Father Name",
    "Gender",
    "CNIC",
    "Email",
    "Program",
    "Intake",
    "Semester",
]
GOOD = [
    "fa23-bcs-001",
    "Ayesha Khan",
    "Imran Khan",
    "F",
    "35202-1234567-2",
    "ayesha.khan@dist.edu.pk",
    "BSCS",
    "Fall 2023",
    "5",
]


@pytest.fixture
def policy(services: Services, samples: Path) -> Services:
    services.policy.import_file(samples / "policy.json")
    return services


def roster(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_roster_adds_then_leaves_unchanged(policy: Services, samples: Path) -> None:
    first = policy.students.import_roster(samples / "roster.csv")
    assert len(first.added) == 10 and first.updated == () and first.unchanged == 0
    before = [s for s in policy.students.list()]
    again = policy.students.import_roster(samples / "roster.csv")
    assert again.added == () and again.updated == () and again.unchanged == 10
    assert policy.students.list() == before
    shown = policy.students.show("FA24-BBA-003")
    assert (
        shown.name,
        shown.father_name,
        shown.gender,
        shown.cnic,
        shown.degree,
        shown.intake,
        shown.semester,
    ) == (
        "Ahmed Nawaz",
        "Shahid Nawaz",
        "M",
        "36302-9012345-9",
        "BBA",
        "Fall 2024",
        3,
    )


def test_changed_rows_are_updated(policy: Services, samples: Path, tmp_path: Path) -> None:
    policy.students.import_roster(samples / "roster.csv")
    text = (samples / "roster.csv").read_text().replace("BSCS,Fall 2023,5", "BSCS,Fall 2023,6", 1)
    result = policy.students.import_roster(roster(tmp_path, text))
    assert result.updated == ("fa23-bcs-001",) and result.unchanged == 9
    assert policy.students.show("fa23-bcs-001").semester == 6


def test_aliases_case_and_missing_optional_columns(policy: Services, tmp_path: Path) -> None:
    text = csv_text(
        [
            "REG. NO",
            "Student Name",
            "Father's Name",
            "Sex",
            "CNIC No",
            "E-mail",
            "Degree",
            "Session",
        ],
        [
            [
                "sp24-bcs-009",
                "Omar Farooq",
                "Farooq Ahmed",
                "Male",
                "3520212345671",
                " Omar@DIST.edu.pk ",
                "bscs",
                "spring-24",
            ]
        ],
    )
    assert policy.students.import_roster(roster(tmp_path, text)).added == ("sp24-bcs-009",)
    s = policy.students.show("sp24-bcs-009")
    assert (s.gender, s.cnic, s.email, s.degree, s.intake, s.semester) == (
        "M",
        "35202-1234567-1",
        "omar@dist.edu.pk",
        "BSCS",
        "Spring 2024",
        1,
    )


def test_every_bad_field_is_named_by_line_and_column(policy: Services, tmp_path: Path) -> None:
    rows = [
        GOOD,
        ["fa23-bcs-002", "Ali", "", "X", "3520-12", "not-an-email", "BSXX", "Autumn 2023", "13"],
        ["FA23-BCS-001", "Copy", "", "M", "", "", "BSCS", "Fall 2023", "1"],
    ]
    before = dump(policy)
    with pytest.raises(ValidationError) as error:
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER, rows)))
    problems = error.value.texts
    assert problems == [
        "line 3, column G (Program): 'BSXX' is not a degree code (known: BBA, BSCS).",
        (
            "line 3, column H (Intake): 'Autumn 2023' is not an intake: write Spring, Summer or "
            "Fall and a year, e.g. Fall 2023."
        ),
        "line 3, column D (Gender): 'X' is not M or F (Male or Female).",
        "line 3, column E (CNIC): '3520-12' is not a CNIC like 35202-1234567-1.",
        "line 3, column F (Email): 'not-an-email' is not an email address.",
        "line 3, column I (Semester): '13' is not a semester from 1 to 12.",
        "line 4, column A (Roll No): roll number FA23-BCS-001 is already on line 2.",
    ]
    assert dump(policy) == before


def test_line_numbers_count_newlines_inside_quoted_fields(policy: Services, tmp_path: Path) -> None:
    rows = [
        GOOD[:1] + ["Ayesha\nKhan"] + GOOD[2:],
        ["fa23-bcs-002", "Ali", "", "M", "", "", "BSCS", "Fall 2023", "0"],
    ]
    with pytest.raises(ValidationError) as error:
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER, rows)))
    assert error.value.texts == ["line 4, column I (Semester): '0' is not a semester from 1 to 12."]


def test_missing_column_and_same_email_twice(policy: Services, tmp_path: Path) -> None:
    with pytest.raises(
        ValidationError,
        match=r"(?s)line 1 \(the header\).*no 'intake' column \(also accepted: session, batch\)",
    ):
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER[:7], [GOOD[:7]])))
    twin = ["fa23-bcs-002", "Ali", "", "M", "", GOOD[5].upper(), "BSCS", "Fall 2023", "5"]
    with pytest.raises(ValidationError, match="line 3, column F .*already the email of line 2"):
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER, [GOOD, twin])))


def test_unknown_degree_before_any_policy(services: Services, samples: Path) -> None:
    with pytest.raises(ValidationError, match="none yet: import the policy first"):
        services.students.import_roster(samples / "roster.csv")


def test_xlsx_roster_matches_the_csv(policy: Services, samples: Path, tmp_path: Path) -> None:
    book = csv_to_xlsx(samples / "roster.csv", tmp_path / "roster.xlsx")
    assert len(policy.students.import_roster(book).added) == 10
    assert policy.students.import_roster(samples / "roster.csv").unchanged == 10


def test_a_workbook_named_csv_is_read_as_a_workbook(
    policy: Services, samples: Path, tmp_path: Path
) -> None:
    # Files are told apart by their content; openpyxl, given the path, refused the name.
    book = csv_to_xlsx(samples / "roster.csv", tmp_path / "roster (3).csv")
    assert len(policy.students.import_roster(book).added) == 10


def test_an_email_already_used_by_another_student_is_refused(
    policy: Services, samples: Path, tmp_path: Path
) -> None:
    policy.students.import_roster(samples / "roster.csv")
    taken = [
        "sp26-bcs-001",
        "New Student",
        "",
        "M",
        "",
        "M.Ali@dist.edu.pk",
        "BSCS",
        "Spring 2026",
        "1",
    ]
    with pytest.raises(
        ValidationError,
        match="line 2, the Email column: m.ali@dist.edu.pk is the email of fa23-bcs-002",
    ):
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER, [taken])))
    # two students of the file may swap their emails
    text = (samples / "roster.csv").read_text()
    swapped = (
        text.replace("ayesha.khan@", "TMP@")
        .replace("m.ali@", "ayesha.khan@")
        .replace("TMP@", "m.ali@")
    )
    assert policy.students.import_roster(roster(tmp_path, swapped)).updated == (
        "fa23-bcs-001",
        "fa23-bcs-002",
    )


@pytest.mark.parametrize("intake", ["Fall 0001", "Fall 0023", "Spring 0099"])
def test_a_four_digit_year_is_taken_as_written(
    policy: Services, tmp_path: Path, intake: str
) -> None:
    # Only a two-digit year means 20xx: 'Fall 0023' was stored as Fall 2023.
    row = GOOD[:7] + [intake, "5"]
    before = dump(policy)
    with pytest.raises(ValidationError) as error:
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER, [row])))
    year = int(intake.split()[1])
    assert error.value.texts == [
        f"line 2, column H (Intake): '{intake}': the year {year} is out of range."
    ]
    assert dump(policy) == before


def test_invisible_characters_make_no_look_alike_student(policy: Services, tmp_path: Path) -> None:
    # A zero-width space or a byte-order mark pasted into a roll number made a second student
    # who looks exactly like the first; a name of zero-width spaces was not empty; an email
    # holding one matched no Coursera row.
    policy.students.import_roster(roster(tmp_path, csv_text(HEADER, [GOOD])))
    rows = [
        ["fa23-bcs-\u200b001", "Ayesha Khan", "", "F", "", "a1@x.pk", "BSCS", "Fall 2023", "5"],
        ["\ufefffa23-bcs-002", "Ali", "", "M", "", "a2@x.pk", "BSCS", "Fall 2023", "5"],
        ["fa23-bcs-003", "\u200b\u200b", "", "F", "", "a3@x.pk", "BSCS", "Fall 2023", "5"],
        ["fa23-bcs-005", "Sana", "", "F", "", "sana\u200b@x.pk", "BSCS", "Fall 2023", "5"],
        [
            "fa23-bcs-004",
            "\u0639\u0627\u0626\u0634\u06c1\u200c",
            "",
            "F",
            "",
            "",
            "BSCS",
            "Fall 2023",
            "5",
        ],
    ]
    before = dump(policy)
    with pytest.raises(ValidationError) as error:
        policy.students.import_roster(roster(tmp_path, csv_text(HEADER, rows)))
    assert error.value.texts == [
        "line 2, column A (Roll No): roll number fa23-bcs-\u200b001 holds an invisible character "
        "(U+200B), so it would not be the same as the one it looks like: type it again.",
        "line 3, column A (Roll No): roll number \ufefffa23-bcs-002 holds an invisible character "
        "(U+FEFF), so it would not be the same as the one it looks like: type it again.",
        "line 4, column B (Name): the name is empty.",
        "line 5, column F (Email): sana\u200b@x.pk holds an invisible character (U+200B).",
    ]
    assert dump(policy) == before
