"""Files as a clerk's Excel makes them: a damaged .csv is told of a CSV problem, a semicolon CSV
(Excel where the decimal mark is a comma) is read, a CNIC Excel turned into 3.52025E+12 is named
as Excel's doing, counts read as one sentence, and a refusal saves as a CSV to fix in Excel."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from advisor.model.errors import Problem, ValidationError
from advisor.model.importing.roster_import import RosterImportResult
from advisor.model.services.progress_service import ProgressImportResult

ROSTER_HEADER = "Roll No;Name;Father Name;Gender;CNIC;Email;Program;Intake;Semester"


@pytest.fixture
def department(services, samples: Path):  # type: ignore[no-untyped-def]
    services.policy.import_file(samples / "policy.json")
    return services


def _semicolon_roster(tmp_path: Path, cnic: str = "35202-1234567-2") -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(
        "\ufeff" + ROSTER_HEADER + "\r\n"
        f"fa23-bcs-001;Ayesha Khan;Imran Khan;F;{cnic};ayesha@dist.edu.pk;BSCS;Fall 2023;5\r\n"
        'fa23-bcs-002;"Ali; Muhammad";Tariq Ali;M;35201-7654321-1;ali@dist.edu.pk;BSCS;Fall 2023;5\r\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "content",
    [
        b'{"broken',
        b"{\xff\xfe not text",
        bytes(random.Random(7).randrange(256) for _ in range(3000)),
    ],
)
def test_a_damaged_csv_is_told_of_a_csv_problem_not_a_json_one(
    department, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "students.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        department.imports.prepare(path)
    message = str(refused.value)
    assert "JSON" not in message
    assert "students.csv" in message and "CSV" in message or "Roll No" in message


def test_a_semicolon_csv_with_roll_no_and_name_is_read(department, tmp_path: Path) -> None:
    result = department.imports.import_file(_semicolon_roster(tmp_path))
    assert result.kind == "roster"
    names = {s.roll_no: s.name for s in department.students.list()}
    assert names == {"fa23-bcs-001": "Ayesha Khan", "fa23-bcs-002": "Ali; Muhammad"}


def test_a_cnic_excel_turned_into_a_number_says_so_and_how_to_keep_it(
    department, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as refused:
        department.imports.import_file(_semicolon_roster(tmp_path, cnic="3.52025E+12"))
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (2, "column E (CNIC)")
    assert "Excel" in problem.message and "Text" in problem.message
    assert ".xlsx" in problem.message
    assert department.students.list() == []


def test_counts_say_what_they_count_in_one_sentence() -> None:
    roster = RosterImportResult(6000, ("a",) * 3000, ("b",) * 3000, 0).describe()
    assert roster == "Roster of 6,000 rows: 3,000 new students, 3,000 updated and 0 unchanged."
    progress = ProgressImportResult(
        "export.csv", "course report", 6000, 6000, 6000, 0, 3000, 3000, (), dry_run=True
    ).describe()
    assert "would add 3,000 new progress records and update 3,000;" in progress
    assert progress.count("3,000") == 2  # each count once, with its noun


def test_the_problems_of_a_refused_file_save_as_a_formula_safe_csv(
    department, tmp_path: Path
) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "Roll No,Name,Program,Intake\n"
        'fa23-bcs-001,=HYPERLINK("http://x";"Ali"),BSXX,Fall 2023\n'
        "fa23-bcs-002,Sana,BSCS,Autumn\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as refused:
        department.imports.import_file(path)
    target = tmp_path / "problems.csv"
    assert department.imports.save_problems(refused.value, target) == 2
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Line", "Column", "Problem"]
    assert [(r[0], r[1]) for r in rows[1:]] == [("2", "C (Program)"), ("3", "D (Intake)")]
    assert "BSXX" in rows[1][2]


def test_a_problem_that_reads_like_a_formula_is_written_inert(department, tmp_path: Path) -> None:
    refusal = ValidationError("refused", [Problem('=HYPERLINK("x")', 2, "column C (Program)")])
    target = tmp_path / "problems.csv"
    department.imports.save_problems(refusal, target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["2", "C (Program)", '\'=HYPERLINK("x")']


def test_a_file_that_cannot_be_read_saves_its_one_problem(department, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(ValidationError) as refused:
        department.imports.prepare(path)
    target = tmp_path / "problems.csv"
    assert department.imports.save_problems(refused.value, target) == 1
    assert "roster.csv" in target.read_text(encoding="utf-8-sig")


def test_a_policy_problem_is_saved_with_its_place_in_the_file(department, tmp_path: Path) -> None:
    path = ("degrees", 0, "policies", 1, "requirements", 2)
    refusal = ValidationError("refused", [Problem("'credits' is missing.", path=path)])
    target = tmp_path / "problems.csv"
    department.imports.save_problems(refusal, target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["", "degrees[0].policies[1].requirements[2]", "'credits' is missing."]


def test_a_workbook_whose_table_is_not_on_the_first_sheet_says_so(
    department, samples: Path, tmp_path: Path
) -> None:
    # It was refused as "empty: it has no header line", though the roster was right there.
    with (samples / "roster.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    book.active.title = "Notes"
    roster = book.create_sheet("Roster")
    for row in rows:
        roster.append(row)
    book.save(tmp_path / "roster.xlsx")
    with pytest.raises(
        ValidationError, match=r"^roster\.xlsx: its first sheet \('Notes'\) is empty"
    ):
        department.students.import_roster(tmp_path / "roster.xlsx")
