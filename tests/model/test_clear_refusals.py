"""Every refusal is a clear error naming the file and the place (issue 16, item 5): none of
these may end in "something went wrong", and none may change the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.conftest import dump

REPO = Path(__file__).resolve().parents[2]


def policy(samples: Path) -> dict[str, Any]:
    return json.loads((samples / "policy.json").read_text(encoding="utf-8"))


def small_bundle() -> dict[str, Any]:
    bundle = json.loads((REPO / "resources" / "catalog" / "coursera-catalog.json").read_text())
    bundle["programs"] = bundle["programs"][:2]
    slugs = {s for p in bundle["programs"] for s in p["courses"]}
    bundle["courses"] = [c for c in bundle["courses"] if c["slug"] in slugs]
    return bundle


def refuses(services: Services, run: Any, path: Path, *expected: str) -> str:
    before = dump(services)
    with pytest.raises(ValidationError) as refused:
        run(path)
    assert dump(services) == before
    message = str(refused.value)
    assert path.name in message
    for text in expected:
        assert text in message, message
    return message


def test_json_nested_too_deeply(department: Services, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "advisor-policy/1", "degrees": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    refuses(department, department.policy.import_file, path, "nested")


def test_a_lone_surrogate_is_named_by_its_path(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    data = policy(samples)
    data["degrees"][0]["title"] = "Computer \ud800 Science"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(data))  # ASCII JSON: the escape \ud800 as the file holds it
    refuses(
        department, department.policy.import_file, path, "degrees[0].title", "invalid character"
    )


@pytest.mark.parametrize("number", ["1" + "0" * 5000, str(2**63)])
def test_huge_numbers(department: Services, samples: Path, tmp_path: Path, number: str) -> None:
    data = policy(samples)
    data["degrees"][0]["policies"][0]["credit_cap"] = "@@"
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data).replace('"@@"', number))
    refuses(department, department.policy.import_file, path, "degrees[0].policies[0].credit_cap")


def test_a_credit_cap_beyond_its_bounds_says_the_bounds(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    data = policy(samples)
    data["degrees"][0]["policies"][0]["credit_cap"] = 10**15
    path = tmp_path / "cap.json"
    path.write_text(json.dumps(data))
    refuses(
        department,
        department.policy.import_file,
        path,
        "'credit_cap' must be a whole number from 1 to 400",
    )


def test_nan_hours_in_a_catalog_bundle(services: Services, tmp_path: Path) -> None:
    bundle = small_bundle()
    bundle["courses"][0]["hours"] = float("nan")
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(bundle))  # writes NaN, as some tools do
    refuses(
        services, services.catalog.import_bundle, path, "courses[0].hours", "NaN is not a number"
    )


def test_elective_groups_of_the_wrong_type(services: Services, tmp_path: Path) -> None:
    bundle = small_bundle()
    bundle["programs"][0]["elective_groups"] = True
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(bundle))
    refuses(services, services.catalog.import_bundle, path, "'elective_groups' must be a list")


def test_a_policy_prefix_obeys_the_settings_rules(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    data = policy(samples)
    data["institution"]["letter_prefix"] = "../ x\n" + "P" * 300
    path = tmp_path / "prefix.json"
    path.write_text(json.dumps(data))
    refuses(department, department.policy.import_file, path, "letter_prefix")
    data["institution"]["letter_prefix"] = "../x"
    path.write_text(json.dumps(data))
    refuses(department, department.policy.import_file, path, "letter reference prefix must start")


def roster_rows(samples: Path) -> list[str]:
    return (samples / "roster.csv").read_text(encoding="utf-8-sig").splitlines()


def test_a_superscript_semester(department: Services, samples: Path, tmp_path: Path) -> None:
    lines = roster_rows(samples)
    header = lines[0].split(",")
    column = next(i for i, h in enumerate(header) if h.strip().lower().startswith("sem"))
    cells = lines[1].split(",")
    cells[column] = "²"
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    refuses(department, department.students.import_roster, path, "line 2", "'²' is not a semester")


def test_a_long_name_is_one_error(department: Services, samples: Path, tmp_path: Path) -> None:
    lines = roster_rows(samples)
    cells = lines[1].split(",")
    cells[1] = "N" * 250
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    message = refuses(department, department.students.import_roster, path, "longer than 200")
    assert "empty" not in message and "1 problem(s)" in message


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_utf32_is_called_utf32(
    department: Services, samples: Path, tmp_path: Path, encoding: str
) -> None:
    for name, run in (
        ("roster.csv", department.students.import_roster),
        ("policy.json", department.policy.import_file),
    ):
        path = tmp_path / name
        path.write_bytes((samples / name).read_text(encoding="utf-8-sig").encode(encoding))
        message = refuses(department, run, path, "UTF-32")
        assert "UTF-16" not in message


def workbook_with(path: Path, big: str, column: int) -> Path:
    """A roster workbook whose row 2 holds `big` in `column` (0-based). openpyxl cuts cells at
    Excel's 32,767 characters when it writes, so the text goes into the sheet's XML directly."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Roll No", "Name", "Program", "Intake"])
    row = ["fa23-bcs-900", "Zara", "BSCS", "Fall 2023"]
    row[column] = "@@BIG@@"
    sheet.append(row)
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if b"@@BIG@@" in data:
                data = data.replace(b"@@BIG@@", big.encode())
            out.writestr(item, data)
    return path


def test_an_xlsx_cell_is_capped_like_a_csv_cell(department: Services, tmp_path: Path) -> None:
    path = workbook_with(tmp_path / "roster.xlsx", "BSCS" + "S" * 150_000, 2)
    refuses(
        department,
        department.students.import_roster,
        path,
        "line 2, column C",
        "150,004 characters",
    )


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_before_reading(
    department: Services, tmp_path: Path
) -> None:
    path = workbook_with(tmp_path / "bomb.xlsx", "a" * 30_000_000, 1)
    assert path.stat().st_size < 100_000
    refuses(department, department.students.import_roster, path, "unpacks to", "CSV UTF-8")


def test_a_bad_row_after_the_first_batches_still_changes_nothing(
    department: Services, tmp_path: Path
) -> None:
    """Rosters are written in batches as they are read: a problem on line 4,500 must still roll
    back the 4,000 students already written."""
    from advisor.model.importing.roster_import import BATCH

    rows = ["Roll No,Name,Program,Intake"]
    rows += [f"r-{i:05d},Student {i},BSCS,Fall 2023" for i in range(2 * BATCH + 500)]
    rows.append("r-00001,Again,BSCS,Fall 2023")
    path = tmp_path / "long-roster.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    message = refuses(
        department, department.students.import_roster, path, f"line {2 * BATCH + 502}"
    )
    assert "already on line 3" in message
