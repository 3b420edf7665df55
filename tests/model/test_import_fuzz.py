"""Whatever arrives on the USB stick, an import either works or is refused with a ValidationError,
and a refused file leaves the database exactly as it was."""

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from advisor.model.errors import ValidationError
from advisor.model.importing import json_input
from advisor.model.services import Services
from tests.model.conftest import ACTIVITY, USAGE, dump

FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def importers(services: Services):  # type: ignore[no-untyped-def]
    return (services.progress.import_export, services.students.import_roster)


def refused(services: Services, path: Path) -> None:
    before = dump(services)
    for run in importers(services):
        with pytest.raises(ValidationError):
            run(path)
        assert dump(services) == before


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_refused(department: Services, tmp_path: Path, data: bytes) -> None:
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"junk{suffix}"
        path.write_bytes(data)
        refused(department, path)


def complete_rows(text: str) -> bool:
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    return all(len(r) == len(rows[0]) for r in rows)


@FUZZ
@given(fraction=st.floats(min_value=0.0, max_value=0.999))
def test_a_cut_off_export_is_refused_unless_its_rows_are_whole(
    department: Services, samples: Path, tmp_path: Path, fraction: float
) -> None:
    data = (samples / ACTIVITY).read_bytes()
    cut = data[: int(len(data) * fraction)]
    path = tmp_path / "cut.csv"
    path.write_bytes(cut)
    try:
        text = cut.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    assume(text is None or not complete_rows(text) or "Course" not in text)
    refused(department, path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_wrong_encodings_are_refused(
    department: Services, samples: Path, tmp_path: Path, encoding: str
) -> None:
    for name in (USAGE, "roster.csv"):
        text = (samples / name).read_text(encoding="utf-8-sig").replace("Ayesha", "Ayeshä")
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        before = dump(department)
        run = (
            department.students.import_roster
            if name == "roster.csv"
            else department.progress.import_export
        )
        with pytest.raises(ValidationError, match="UTF-8|UTF-16|cannot be read|NUL"):
            run(path)
        assert dump(department) == before


def table(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_table(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@FUZZ
@given(order=st.permutations(range(28)))
def test_columns_in_any_order_give_the_same_records(
    department: Services, samples: Path, tmp_path: Path, order: list[int]
) -> None:
    rows = table(samples / USAGE)
    shuffled = write_table(tmp_path / "shuffled.csv", [[r[i] for i in order] for r in rows])
    dry = department.progress.rehearsed().import_export(shuffled)
    assert (dry.rows, dry.matched, dry.records_added) == (86, 86, 86)


@pytest.mark.parametrize(
    "column, required",
    [
        ("Email", False),
        ("External Id", False),
        ("Course Slug", False),
        ("Completed", True),
        ("Course Grade", False),
        ("University", False),
    ],
)
def test_a_missing_column(
    department: Services, samples: Path, tmp_path: Path, column: str, required: bool
) -> None:
    rows = table(samples / USAGE)
    drop = rows[0].index(column)
    path = write_table(tmp_path / "fewer.csv", [r[:drop] + r[drop + 1 :] for r in rows])
    if required:
        before = dump(department)
        with pytest.raises(ValidationError, match=f"no '{column}' column"):
            department.progress.import_export(path)
        assert dump(department) == before
    else:
        assert department.progress.rehearsed().import_export(path).matched == 86


def test_both_student_keys_missing_is_refused(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    rows = table(samples / USAGE)
    keep = [i for i, h in enumerate(rows[0]) if h not in ("Email", "External Id")]
    path = write_table(tmp_path / "anonymous.csv", [[r[i] for i in keep] for r in rows])
    with pytest.raises(ValidationError, match="no 'Email' or 'External Id' column"):
        department.progress.import_export(path)


@pytest.mark.parametrize("size", [150_000, 2_000_000])
def test_huge_fields_are_refused(
    department: Services, samples: Path, tmp_path: Path, size: int
) -> None:
    for name, column in ((USAGE, "Course"), ("roster.csv", "Name")):
        rows = table(samples / name)
        rows[3][rows[0].index(column)] = "x" * size
        refused(department, write_table(tmp_path / name, rows))


@pytest.mark.parametrize("size", [150_000, 2_000_000])
def test_a_cell_past_the_csv_modules_limit_is_named_by_line_and_column(
    department: Services, samples: Path, tmp_path: Path, size: int
) -> None:
    # Past 131,072 characters the csv module gives up mid-record: the message named the line
    # only, in the module's words ("field larger than field limit").
    rows = table(samples / "roster.csv")
    rows[3][2] = 'Imran, "Khan"\nSr.'  # quoted: a comma, quotes and a newline inside
    rows[3][4] = "x" * size
    with pytest.raises(
        ValidationError,
        match=r"^roster\.csv, line 4, column E: a cell holds more than 100,000 characters",
    ):
        department.students.import_roster(write_table(tmp_path / "roster.csv", rows))


def test_an_overlong_cell_within_limits_is_a_cell_error(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    rows = table(samples / "roster.csv")
    rows[2][1] = "y" * 5000
    with pytest.raises(ValidationError, match=r"line 3, column B \(Name\): longer than 200"):
        department.students.import_roster(write_table(tmp_path / "r.csv", rows))


def _long_roster(samples: Path, students: int) -> list[list[str]]:
    """The sample roster's header and `students` made-up rows like its first."""
    rows = table(samples / "roster.csv")
    first = rows[1]
    return rows[:1] + [
        [f"fa23-bcs-{i:04d}", f"Name {i}", *first[2:5], f"s{i}@x.pk", *first[6:]]
        for i in range(students)
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_wrong_byte_deep_in_the_file_names_its_own_line(
    department: Services, samples: Path, tmp_path: Path, newline: str
) -> None:
    # The reader decodes ahead in blocks of several KB: the line must be the byte's, not the
    # block's (a Windows-1252 'é' on line 902 was reported on line 745, or on line 1).
    body = _long_roster(samples, 900)
    first = body[1]
    body.append(["fa23-bcs-0999", "Café", *first[2:5], "cafe@x.pk", *first[6:]])
    text = newline.join(",".join(r) for r in body) + newline
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode("cp1252"))
    before = dump(department)
    with pytest.raises(ValidationError, match=r"^roster\.csv, line 902: the file is not UTF-8"):
        department.students.import_roster(path)
    assert dump(department) == before


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b"])
def test_a_control_character_past_the_first_block_is_refused_with_its_cell(
    department: Services, samples: Path, tmp_path: Path, control: str
) -> None:
    # Only the first 4 KB were checked for binary bytes: an ESC or a bell further down went
    # into the database (and an ESC recolours the terminal that lists the student).
    body = _long_roster(samples, 200)
    body[150][1] = f"Bell{control}Name"
    before = dump(department)
    with pytest.raises(ValidationError, match=r"^roster\.csv, line 151, column B: a cell holds"):
        department.students.import_roster(write_table(tmp_path / "roster.csv", body))
    assert dump(department) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_device_is_refused_not_read_forever(
    department: Services, tmp_path: Path
) -> None:
    # Opening a pipe waited for a writer for ever; /dev/zero was hashed (or, for a policy,
    # read into memory) for ever.
    pipe = tmp_path / "roster.csv"
    os.mkfifo(pipe)
    runs = (*importers(department), department.policy.import_file, department.catalog.import_bundle)
    before = dump(department)
    for path in (pipe, Path("/dev/zero")):
        for run in runs:
            with pytest.raises(ValidationError, match="is not a file but a device or a pipe"):
                run(path)
    assert dump(department) == before


def test_a_json_file_far_larger_than_any_policy_is_refused_unread(
    department: Services, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_input, "MAX_JSON_BYTES", 1000)  # rather than write 100 MB
    with pytest.raises(ValidationError, match=r"^policy\.json: the policy file is 0 MB, far"):
        department.policy.import_file(samples / "policy.json")
