import json
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.conftest import USAGE, dump


def bundle(services: Services, tmp_path: Path) -> dict:
    services.catalog.export_bundle(tmp_path / "current.json")
    return json.loads((tmp_path / "current.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_newer_bundle_updates_titles_hours_membership_and_keeps_progress(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    department.progress.import_export(samples / USAGE)
    before = department.students.show("fa23-bcs-001").courses
    data = bundle(department, tmp_path)
    data["version"] = "2027.01"
    course = next(c for c in data["courses"] if c["slug"] == "python-data")
    course["title"], course["hours"] = "Python Data Structures (2027 edition)", 20
    data["courses"].append(
        {
            "slug": "python-ai-helpers",
            "title": "Python and AI Helpers",
            "provider": "University of Michigan",
            "hours": 10,
        }
    )
    p4e = next(p for p in data["programs"] if p["slug"] == "python-for-everybody")
    p4e["courses"].insert(2, "python-ai-helpers")
    result = department.catalog.import_bundle(write(tmp_path, data))
    assert (result.version, result.courses_added, result.courses_removed) == ("2027.01", 1, 0)
    assert result.courses_updated == 1
    detail = department.catalog.program("python-for-everybody")
    assert detail.program.courses[2] == "python-ai-helpers" and len(detail.program.courses) == 6
    assert {c.slug: c.hours for c in detail.courses}["python-data"] == 20
    after = department.students.show("fa23-bcs-001").courses
    assert [(c.slug, c.status, c.grade, c.completed_on, c.certificate) for c in after] == [
        (c.slug, c.status, c.grade, c.completed_on, c.certificate) for c in before
    ]
    assert next(c for c in after if c.slug == "python-data").title.endswith("(2027 edition)")


def test_bundle_that_drops_used_courses_or_programs_is_refused(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    department.progress.import_export(samples / USAGE)
    department.progress.import_export(samples / "coursera-specialization-report.csv")
    data = bundle(department, tmp_path)
    data["courses"] = [c for c in data["courses"] if c["slug"] != "it-security"]
    for p in data["programs"]:
        p["courses"] = [c for c in p["courses"] if c != "it-security"]
    gone = {"ibm-data-analyst", "meta-social-media-marketing", "ibm-introduction-to-data-science"}
    data["programs"] = [p for p in data["programs"] if p["slug"] not in gone]
    before = dump(department)
    with pytest.raises(ValidationError) as error:
        department.catalog.import_bundle(write(tmp_path, data))
    problems = error.value.texts
    assert "course it-security: 4 student(s) have progress in it" in problems
    assert "program ibm-data-analyst: the BSCS 2023 policy counts it for CERT-ELEC-1" in problems
    assert "program ibm-data-analyst: the BBA 2023 policy counts it for CERT-ELEC" in problems
    assert (
        "program ibm-data-analyst: the BSCS 2023 policy names it in an exclusive group" in problems
    )
    assert (
        "program meta-social-media-marketing: 1 program certificate(s) are recorded for it"
        in problems
    )
    assert not any("ibm-introduction-to-data-science" in p for p in problems)  # unused: may go
    assert dump(department) == before


def test_an_unused_program_may_be_dropped(department: Services, tmp_path: Path) -> None:
    data = bundle(department, tmp_path)
    data["programs"] = [
        p for p in data["programs"] if p["slug"] != "ibm-introduction-to-data-science"
    ]
    assert department.catalog.import_bundle(write(tmp_path, data)).programs_removed == 1


def test_wrong_types_and_look_alike_slugs_are_refused(department: Services, tmp_path: Path) -> None:
    # "retired": "false" marked the course retired (bool("false") is True), a dict of notes
    # was stored as its Python repr, and 'Python-Data' sat beside 'python-data' though progress
    # files match slugs in lower case.
    data = bundle(department, tmp_path)
    course = next(c for c in data["courses"] if c["slug"] == "python-data")
    course["retired"], course["notes"] = "false", {"see": "page 2"}
    twin = dict(course, slug="Python-Data", coursera_id=None, retired=False, notes="")
    ghost = dict(twin, slug="python-data\u200b")
    data["courses"] += [twin, ghost]
    before = dump(department)
    with pytest.raises(ValidationError) as error:
        department.catalog.import_bundle(write(tmp_path, data))
    where = f"courses[{data['courses'].index(course) + 1}]"
    assert error.value.texts == [
        f"{where}: 'retired' must be true or false (found 'false').",
        f"{where}: 'notes' must be text.",
        f"courses[{len(data['courses']) - 1}]: the slug 'Python-Data' must be in lower case, as "
        "Coursera writes it ('python-data').",
        f"courses[{len(data['courses'])}]: the slug 'python-data\u200b' holds a space or an "
        "invisible character (U+200B).",
    ]
    assert dump(department) == before


def test_the_same_bundle_again_updates_nothing(department: Services, tmp_path: Path) -> None:
    # Every program of the bundle was counted as updated, though none had changed.
    data = bundle(department, tmp_path)
    again = department.catalog.import_bundle(write(tmp_path, data))
    assert (again.courses_updated, again.programs_added, again.programs_updated) == (0, 0, 0)
    p4e = next(p for p in data["programs"] if p["slug"] == "python-for-everybody")
    p4e["courses"].reverse()
    moved = department.catalog.import_bundle(write(tmp_path, data))
    assert (moved.courses_updated, moved.programs_updated) == (0, 1)
