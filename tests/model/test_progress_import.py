import csv
from pathlib import Path

import pytest
from sqlalchemy import text

from advisor.model.certificate_code import certificate_code
from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.conftest import ACTIVITY, SPECIALIZATION, USAGE, dump
from tests.model.spreadsheets import csv_text, csv_to_xlsx

COURSE_FILES = (USAGE, ACTIVITY)


def import_all(services: Services, samples: Path) -> None:
    for name in (USAGE, ACTIVITY, SPECIALIZATION):
        services.progress.import_export(samples / name)


def progress_rows(services: Services) -> list[tuple]:
    with services.db.read() as session:  # dates as text, as SQLite stores them
        return [
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT s.roll_no, c.slug, p.status, p.progress, p.grade, "
                    "CAST(p.completed_on AS TEXT), p.certificate FROM course_progress p "
                    "JOIN students s ON s.id = p.student_id "
                    "JOIN courses c ON c.id = p.course_id ORDER BY 1, 2"
                )
            )
        ]


def progress_tables(services: Services) -> str:
    return "\n".join(
        line
        for line in dump(services).splitlines()
        if line.startswith(('INSERT INTO "course_progress"', 'INSERT INTO "program_certificates"'))
    )


def completed(services: Services, roll: str) -> dict[str, object]:
    return {c.slug: c for c in services.students.show(roll).courses if c.status == "completed"}


def test_samples_give_exactly_the_completions_the_files_imply(
    department: Services, samples: Path
) -> None:
    import_all(department, samples)
    expected: set[tuple[str, str]] = set()
    roster = {r["Email"]: r["Roll No"] for r in csv.DictReader((samples / "roster.csv").open())}
    for name in COURSE_FILES:
        with (samples / name).open(encoding="utf-8-sig", newline="") as handle:
            for r in csv.DictReader(handle):
                if r["Completed"] == "Yes":
                    expected.add((roster[r["Email"].strip().lower()], r["Course Slug"]))
    recorded = {
        (roll, slug)
        for roll, slug, status, *_ in progress_rows(department)
        if status == "completed"
    }
    assert recorded == expected

    ali = completed(department, "fa23-bcs-002")
    gda = [
        "foundations-data",
        "ask-questions-make-decisions",
        "data-preparation",
        "process-data",
        "analyze-data",
        "visualize-data",
        "data-analysis-r",
        "google-data-analytics-capstone",
    ]
    assert all(ali[s].certificate == "" for s in gda)
    cyber = department.catalog.program("google-cybersecurity").program.courses
    assert sum(s in ali for s in cyber) == 3 and len(cyber) == 8
    assert completed(department, "fa23-bcs-004")["it-security"].grade == 55
    nawaz = department.students.show("fa24-bba-003")
    assert len(nawaz.courses) == 5 and sum(c.status == "completed" for c in nawaz.courses) == 2
    assert {c.slug for c in nawaz.courses if c.status == "completed"} == {
        "meta-marketing-analytics-foundation",
        "meta-introduction-to-data-analytics",
    }
    sana = department.students.show("fa23-bba-002")
    assert [(p.slug, str(p.completed_on)) for p in sana.program_certificates] == [
        ("meta-social-media-marketing", "2024-08-20")
    ]
    assert certificate_code(sana.program_certificates[0].certificate) == "7QX2M9PLK4RT"
    # Fatima's shared IBM courses keep their first (January) completion from the usage report
    fatima = completed(department, "fa23-bcs-003")
    assert str(fatima["python-for-applied-data-science-ai"].completed_on) == "2024-01-13"
    assert len(fatima) == 12 + 5 + 6  # IBM Data Science, Google IT Support, IBM Data Analyst's own


def test_reimport_and_dry_run_change_nothing(department: Services, samples: Path) -> None:
    dry = department.progress.rehearsed().import_export(samples / USAGE)
    assert dry.records_added == 86 and progress_tables(department) == ""
    import_all(department, samples)
    before = progress_tables(department)
    for name in (USAGE, ACTIVITY, SPECIALIZATION):
        again = department.progress.import_export(samples / name)
        assert again.updated == 0 and again.records_added == again.records_changed == 0
        assert again.unchanged == again.rows
    assert progress_tables(department) == before
    kinds = [e.kind for e in department.progress.import_history()]
    assert kinds.count("course report") == 4 and kinds.count("specialization report") == 2


HEADER = [
    "Name",
    "Email",
    "External Id",
    "Course",
    "Course ID",
    "Course Slug",
    "University",
    "Overall Progress",
    "Completed",
    "Completion Time",
    "Course Grade",
    "Course Certificate URL",
]


def export(
    tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER, name: str = "export.csv"
) -> Path:
    path = tmp_path / name
    path.write_text(csv_text(header, rows), encoding="utf-8")
    return path


def test_an_older_or_emptier_row_never_downgrades(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    import_all(department, samples)
    before = progress_tables(department)
    older = [
        [
            "Ayesha Khan",
            "ayesha.khan@dist.edu.pk",
            "",
            "",
            "",
            "it-security",
            "Google",
            "40",
            "No",
            "",
            "",
            "",
        ],
        [
            "Ayesha Khan",
            "",
            "fa23-bcs-001",
            "",
            "",
            "python",
            "",
            "100",
            "Yes",
            "2025-01-01T00:00:00Z",
            "50",
            "",
        ],
        [
            "Hassan Raza",
            "hassan.raza@dist.edu.pk",
            "",
            "",
            "",
            "it-security",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    result = department.progress.import_export(export(tmp_path, older))
    assert result.matched == 3 and result.updated == 0
    assert progress_tables(department) == before


def test_a_newer_row_moves_forward(department: Services, samples: Path, tmp_path: Path) -> None:
    import_all(department, samples)
    newer = [
        [
            "",
            "m.ali@dist.edu.pk",
            "",
            "",
            "",
            "linux-and-sql",
            "",
            "100",
            "Yes",
            "2025-02-01T10:00:00.123Z",
            "91",
            "https://coursera.org/verify/ABCDEF123456",
        ],
        [
            "",
            "m.ali@dist.edu.pk",
            "",
            "",
            "",
            "foundations-data",
            "",
            "100",
            "Yes",
            "",
            "",
            "https://coursera.org/verify/GDA1",
        ],
    ]
    result = department.progress.import_export(export(tmp_path, newer))
    assert (result.updated, result.records_changed) == (2, 2)
    ali = completed(department, "fa23-bcs-002")
    assert (ali["linux-and-sql"].grade, str(ali["linux-and-sql"].completed_on)) == (
        91,
        "2025-02-01",
    )
    assert ali["foundations-data"].certificate.endswith("/GDA1")
    assert str(ali["foundations-data"].completed_on) == "2024-03-01"  # the date was kept


def test_title_with_university_and_unmatched_rows(department: Services, tmp_path: Path) -> None:
    rows = [
        [
            "",
            "usman.tariq@dist.edu.pk",
            "",
            "Introduction to Data Analytics",
            "",
            "",
            "Meta",
            "100",
            "Yes",
            "2024-02-02",
            "90",
            "",
        ],
        [
            "",
            "",
            "FA23-BCS-003",
            "Introduction to Data Analytics",
            "",
            "",
            "IBM",
            "50",
            "No",
            "",
            "",
            "",
        ],
        [
            "",
            "nobody@dist.edu.pk",
            "zz-000",
            "Python Data Structures",
            "",
            "",
            "University of Michigan",
            "100",
            "Yes",
            "",
            "",
            "",
        ],
        [
            "",
            "m.ali@dist.edu.pk",
            "",
            "Underwater Basket Weaving",
            "",
            "",
            "Nowhere",
            "10",
            "No",
            "",
            "",
            "",
        ],
        ["", "m.ali@dist.edu.pk", "", "", "", "python-data", "", "10", "No", "", "", ""],
    ]
    result = department.progress.import_export(export(tmp_path, rows))
    assert (result.rows, result.matched, result.updated) == (5, 3, 3)
    assert [(u.line, u.reason) for u in result.unmatched] == [
        (4, "student not on the roster (email nobody@dist.edu.pk, External Id zz-000)"),
        (5, "course not in the catalog ('Underwater Basket Weaving', University Nowhere)"),
    ]
    assert "meta-introduction-to-data-analytics" in completed(department, "fa23-bba-001")
    fatima = department.students.show("fa23-bcs-003").courses
    assert [(c.slug, c.status) for c in fatima] == [
        ("introduction-to-data-analytics", "in_progress")
    ]


def test_malformed_cells_refuse_the_whole_file(department: Services, tmp_path: Path) -> None:
    good = ["", "m.ali@dist.edu.pk", "", "", "", "python-data", "", "10", "No", "", "", ""]
    rows = [
        good,
        ["", "m.ali@dist.edu.pk", "", "", "", "python", "", "abc", "Maybe", "yesterday", "101", ""],
        good[:7] + ["\n100"] + good[8:],
        ["", "m.ali@dist.edu.pk", "", "", "", "python", "", "10", "No", "", "-1", ""],
    ]
    before = dump(department)
    with pytest.raises(ValidationError) as error:
        department.progress.import_export(export(tmp_path, rows))
    assert error.value.texts == [
        "line 3, column I (Completed): 'Maybe' is not Yes or No.",
        "line 3, column H (Overall Progress): 'abc' is not a number.",
        "line 3, column K (Course Grade): 101 is not between 0 and 100.",
        "line 3, column J (Completion Time): 'yesterday' is not a date and time like 2024-02-01T14:30:00.000Z.",
        "line 6, column K (Course Grade): -1 is not between 0 and 100.",
    ]
    assert "5 problem(s)" in str(error.value)
    assert dump(department) == before


def test_cells_python_reads_but_a_person_never_writes_are_refused(
    department: Services, tmp_path: Path
) -> None:
    # float('8_8') is 88 and fromisoformat('0001-01-01') a date: a year-1 completion date was
    # stored and, the earliest date being kept, stuck for good.
    good = ["", "m.ali@dist.edu.pk", "", "", "", "python-data", "", "10", "No", "", "", ""]
    rows = [
        good[:7] + ["1_0_0", "Yes", "2024-05-01T14:30:00Z", "8_8", ""],
        good[:7] + ["100", "Yes", "0001-01-01T00:00:00Z", "88", ""],
        good[:7] + ["100", "Yes", "2999-01-01", "88", ""],
    ]
    before = dump(department)
    with pytest.raises(ValidationError) as error:
        department.progress.import_export(export(tmp_path, rows))
    assert error.value.texts == [
        "line 2, column H (Overall Progress): '1_0_0' is not a number.",
        "line 2, column K (Course Grade): '8_8' is not a number.",
        "line 3, column J (Completion Time): '0001-01-01T00:00:00Z' is not a date of a Coursera "
        "record (years 2012 to 2099).",
        "line 4, column J (Completion Time): '2999-01-01' is not a date of a Coursera record "
        "(years 2012 to 2099).",
    ]
    assert dump(department) == before


@pytest.mark.parametrize("name", [USAGE, ACTIVITY, SPECIALIZATION])
def test_xlsx_exports_import_like_their_csv(
    department: Services, samples: Path, tmp_path: Path, name: str
) -> None:
    book = csv_to_xlsx(samples / name, tmp_path / "export.xlsx")
    first = department.progress.import_export(book)
    assert first.unmatched == () and first.updated == first.rows
    from_xlsx = progress_tables(department)
    again = department.progress.import_export(samples / name)
    assert again.updated == 0 and progress_tables(department) == from_xlsx


def test_not_an_export(department: Services, samples: Path) -> None:
    with pytest.raises(ValidationError, match="not a Coursera report Sanad can read"):
        department.progress.import_export(samples / "roster.csv")


def test_certificate_code() -> None:
    assert certificate_code("https://coursera.org/verify/121934DCACB6") == "121934DCACB6"
    assert (
        certificate_code(" https://www.coursera.org/verify/professional-cert/7QX2?utm=x ") == "7QX2"
    )
    assert certificate_code("7QX2M9PLK4RT") == "7QX2M9PLK4RT"


def test_xlsx_with_real_dates_and_numbers(department: Services, tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Email",
            "External ID",
            "Course Slug",
            "Overall Progress",
            "Completed",
            "Completion Time",
            "Course Grade",
            "Course Certificate URL",
        ]
    )
    sheet.append(
        [
            "m.ali@dist.edu.pk",
            None,
            "python",
            100.0,
            "Yes",
            datetime(2025, 3, 4, 22, 15),
            87.5,
            None,
        ]
    )
    sheet.append([None, "fa23-bcs-004", "python-data", 12, "No", None, None, None])
    sheet.append([None, "fa23-bcs-004", "python-network-data", "abc", "No", None, None, None])
    book.save(tmp_path / "export.xlsx")
    with pytest.raises(
        ValidationError, match=r"line 4, column D \(Overall Progress\): 'abc' is not a number"
    ):
        department.progress.import_export(tmp_path / "export.xlsx")
    sheet.delete_rows(4)
    book.save(tmp_path / "export.xlsx")
    assert department.progress.import_export(tmp_path / "export.xlsx").records_added == 2
    python = completed(department, "fa23-bcs-002")["python"]
    assert (python.grade, str(python.completed_on), python.progress) == (87.5, "2025-03-04", 100)
    assert [
        (c.slug, c.status, c.progress) for c in department.students.show("fa23-bcs-004").courses
    ] == [("python-data", "in_progress", 12)]
