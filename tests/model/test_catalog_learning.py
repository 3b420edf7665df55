"""The catalog that learns: programs and courses seen in imports are listed, adopted (with the
students' progress counting at once), accepted in a policy, and counted by the audit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from advisor.cli.main import main
from advisor.model.catalog_bundle import BundleElectiveGroup
from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.services import Services
from advisor.model.services.catalog_edit_service import CourseEdit, ProgramEdit
from tests.conftest import location_of
from tests.model.coursera_files import LEARNING_PATH_HEADER, badge_rows, write_export

PMP = "project-management-and-pmp-certification"
PMP_COURSES = [
    "Foundations of Project Management (Microsoft)",
    "Project Management Planning and Execution",
    "Agile Project Management with Microsoft Tools",
]
TODAY = date(2026, 1, 31)


def pmp_file(tmp_path: Path) -> Path:
    rows = badge_rows(
        "ayesha.khan@dist.edu.pk",
        f"{PMP}-pathway-hr2it",
        "Project Management Professional Certificate (Microsoft)",
        PMP_COURSES,
        done=True,
        link="https://www.credly.com/badges/7a1c2e3f",
        when="2024-05-20T09:45:00.000Z",
    ) + badge_rows(
        "m.ali@dist.edu.pk",
        f"{PMP}-pathway-hr2it",
        "Project Management Professional Certificate (Microsoft)",
        PMP_COURSES[:1],
        done=False,
        progress="33",
    )
    return write_export(tmp_path / "lp.csv", LEARNING_PATH_HEADER, rows)


def test_unknown_lists_what_the_files_say(department: Services, tmp_path: Path) -> None:
    department.progress.import_export(pmp_file(tmp_path))
    program, *courses = department.catalog_edits.unknown()
    assert (program.kind, program.slug, program.provider) == ("program", PMP, "Microsoft")
    assert program.title == "Project Management Professional Certificate (Microsoft)"
    assert (program.students, program.completed, program.course_count) == (2, 1, 3)
    assert [c.title for c in program.courses] == PMP_COURSES
    assert sorted(c.title for c in courses) == sorted(PMP_COURSES)
    assert {c.kind for c in courses} == {"course"}


def test_adopted_program_counts_after_a_policy_edit(department: Services, tmp_path: Path) -> None:
    department.progress.import_export(pmp_file(tmp_path))
    before = department.audit.audit_student("fa23-bcs-001", today=TODAY)
    result = department.catalog_edits.adopt(PMP)
    assert result.slug == PMP and len(result.courses_added) == 3
    assert (result.students, result.records) == (2, 5)  # 1 certificate, 3 + 1 course records
    assert department.catalog_edits.unknown() == []
    detail = department.catalog.program(PMP)
    assert detail.program.title == "Project Management Professional Certificate"
    assert detail.program.provider == "Microsoft" and detail.program.hours_estimated
    ayesha = department.students.show("fa23-bcs-001")
    assert [(p.slug, p.completed_on) for p in ayesha.program_certificates if p.slug == PMP] == [
        (PMP, date(2024, 5, 20))
    ]
    audit = department.audit.audit_student("fa23-bcs-001", today=TODAY)
    program = audit.program(PMP)
    assert program is not None and program.status == "completed" and program.verified
    assert audit.eligible_credits == before.eligible_credits  # not in the policy yet

    policy = department.policy.current()
    bscs = next(d for d in policy["degrees"] if d["code"] == "BSCS")
    slot = next(s for p in bscs["policies"] for s in p["requirements"] if s["id"] == "CERT-ELEC-2")
    slot["from"].append(PMP)
    department.policy.save_edited(policy)
    after = department.audit.audit_student("fa23-bcs-001", today=TODAY)
    assert after.eligible_credits == before.eligible_credits + 3
    assert PMP in next(r for r in after.requirements if r.id == "CERT-ELEC-2").satisfied_by


def test_the_editor_validates_like_a_bundle_and_export_carries_it(
    department: Services, tmp_path: Path
) -> None:
    edit = ProgramEdit(
        "dist-ai-basics",
        "AI Basics",
        "Specialization",
        "DeepLearning.AI",
        (
            CourseEdit("ai-for-everyone", "AI For Everyone", 6.0),
            CourseEdit("generative-ai-for-everyone", "Generative AI for Everyone", 5.0, True),
        ),
        (BundleElectiveGroup("pick one", 1, ("ai-for-everyone", "generative-ai-for-everyone")),),
    )
    department.catalog_edits.save_program(edit)
    bundle = tmp_path / "out.json"
    department.catalog.export_bundle(bundle)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    program = next(p for p in data["programs"] if p["slug"] == "dist-ai-basics")
    assert program["courses"] == ["ai-for-everyone", "generative-ai-for-everyone"]
    assert program["elective_groups"][0]["choose"] == 1
    assert "edited in Sanad" in data["source"]
    bad = ProgramEdit("dist-bad", "Bad", "Bootcamp", "X", ())
    with pytest.raises(ValidationError) as caught:
        department.catalog_edits.save_program(bad)
    assert any("'type' must be one of" in p for p in caught.value.texts)
    assert any("'courses' must be a non-empty list" in p for p in caught.value.texts)


def test_cli_unknown_and_adopt(department: Services, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    department.progress.import_export(pmp_file(tmp_path))
    db = location_of(department)
    assert main(["--db", db, "catalog", "unknown", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["slug"] == PMP and listed[0]["students"] == 2
    assert main(["--db", db, "catalog", "adopt", "no-such-thing"]) == 1
    assert "Nothing called 'no-such-thing' was seen" in capsys.readouterr().err
    assert main(["--db", db, "catalog", "adopt", PMP]) == 0
    assert "now count" in capsys.readouterr().out
    with pytest.raises(NotFoundError):
        department.catalog_edits.adopt(PMP)


def test_a_dry_run_or_a_refused_file_learns_nothing(department: Services, tmp_path: Path) -> None:
    department.progress.rehearsed().import_export(pmp_file(tmp_path))
    assert department.catalog_edits.unknown() == []
    bad = pmp_file(tmp_path)
    bad.write_bytes(bad.read_bytes().replace(b'"33"', b'"a third"'))
    with pytest.raises(ValidationError, match="line 5, column H"):
        department.progress.import_export(bad)
    assert department.catalog_edits.unknown() == []


def test_an_item_a_later_bundle_brings_is_no_longer_unknown(
    department: Services, tmp_path: Path
) -> None:
    department.progress.import_export(pmp_file(tmp_path))
    edit = ProgramEdit(
        PMP, "PMP", "Professional Certificate", "Microsoft", (CourseEdit("pm-1", "PM 1", 5.0),)
    )
    department.catalog_edits.save_program(edit)
    assert PMP not in {i.slug for i in department.catalog_edits.unknown()}
    with pytest.raises(ValidationError, match="already has"):
        department.catalog_edits.adopt(PMP)
