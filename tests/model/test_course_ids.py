"""Coursera's internal Course IDs: learned when a row matches by slug, then used when the slug is
blank or has changed; carried by catalog bundles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.coursera_files import write_export

HEADER = [
    "Name",
    "Email",
    "External ID",
    "Course",
    "Course ID",
    "Course Slug",
    "University",
    "Enrollment Time",
    "Overall Progress",
    "Completed",
    "Removed From Program",
    "Completion Time",
    "Course Grade",
    "Course Certificate URL",
]


def activity(tmp_path: Path, name: str, slug: str, course_id: str, completed: str) -> Path:
    row = {
        "Name": "Hassan Raza",
        "Email": "hassan.raza@dist.edu.pk",
        "External ID": "fa23-bcs-004",
        "Course": "Foundations: Data, Data, Everywhere",
        "Course ID": course_id,
        "Course Slug": slug,
        "University": "Google",
        "Overall Progress": "100" if completed == "Yes" else "40",
        "Completed": completed,
        "Removed From Program": "No",
        "Completion Time": "2025-02-01T10:00:00.000Z" if completed == "Yes" else "",
    }
    return write_export(tmp_path / name, HEADER, [row])


def course_id_of(services: Services, slug: str) -> str | None:
    bundle = tmp = services.db.file.parent / "bundle.json"  # type: ignore[union-attr]
    services.catalog.export_bundle(tmp)
    courses = json.loads(bundle.read_text(encoding="utf-8"))["courses"]
    return next(c["coursera_id"] for c in courses if c["slug"] == slug)


@pytest.mark.sqlite_only
def test_an_id_learned_by_slug_matches_a_row_whose_slug_changed(
    department: Services, tmp_path: Path
) -> None:
    department.progress.import_export(
        activity(tmp_path, "a.csv", "foundations-data", "lgy789C8Ee6SjxKHxThXWw", "No")
    )
    assert course_id_of(department, "foundations-data") == "lgy789C8Ee6SjxKHxThXWw"
    renamed = activity(
        tmp_path, "b.csv", "foundations-data-data-everywhere", "lgy789C8Ee6SjxKHxThXWw", "Yes"
    )
    result = department.progress.import_export(renamed)
    assert result.unmatched == () and result.records_changed == 1
    hassan = {c.slug: c.status for c in department.students.show("fa23-bcs-004").courses}
    assert hassan["foundations-data"] == "completed"
    blank = activity(tmp_path, "c.csv", "", "lgy789C8Ee6SjxKHxThXWw", "Yes")
    assert department.progress.import_export(blank).unmatched == ()


@pytest.mark.sqlite_only
def test_an_id_held_by_another_course_is_not_moved(department: Services, tmp_path: Path) -> None:
    department.progress.import_export(activity(tmp_path, "a.csv", "foundations-data", "ID1", "No"))
    row = activity(tmp_path, "b.csv", "ask-questions-make-decisions", "ID1", "No")
    department.progress.import_export(row)
    assert course_id_of(department, "ask-questions-make-decisions") is None
    assert course_id_of(department, "foundations-data") == "ID1"


@pytest.mark.sqlite_only
def test_bundles_carry_the_ids_and_refuse_one_id_twice(services: Services, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    services.catalog.export_bundle(bundle)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["courses"][0]["coursera_id"] = "UK7yonsIEey1tgpUmO8AYQ"
    bundle.write_text(json.dumps(data), encoding="utf-8")
    services.catalog.import_bundle(bundle)
    assert course_id_of(services, data["courses"][0]["slug"]) == "UK7yonsIEey1tgpUmO8AYQ"
    data["courses"][1]["coursera_id"] = "UK7yonsIEey1tgpUmO8AYQ"
    bundle.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ValidationError, match="coursera_id 'UK7yonsIEey1tgpUmO8AYQ' is also course"
    ):
        services.catalog.import_bundle(bundle)


def test_removed_from_program_keeps_the_record_and_says_so(
    department: Services, tmp_path: Path
) -> None:
    path = activity(tmp_path, "a.csv", "foundations-data", "", "Yes")
    path.write_bytes(path.read_bytes().replace(b'"No","2025', b'"Yes","2025'))
    result = department.progress.import_export(path)
    assert result.records_added == 1
    assert result.notes == (
        "Removed from the Coursera program, their records kept as the file gives them: "
        "fa23-bcs-004.",
    )
