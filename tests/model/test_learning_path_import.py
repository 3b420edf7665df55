"""LearningPathActivity: badges complete programs (slug with pathway suffix, title fallback),
Badge Link verifies, courses complete, clamped progress, all or nothing, never downgrade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.importing.badge_match import BadgeMatcher, base_slug, split_title
from advisor.model.services import Services
from tests.model.conftest import dump
from tests.model.coursera_files import (
    LEARNING_PATH_HEADER,
    LEARNING_PATH_NAME,
    badge_rows,
    write_export,
)

GDA = [
    "Foundations: Data, Data, Everywhere",
    "Ask Questions to Make Data-Driven Decisions",
    "Prepare Data for Exploration",
    "Process Data from Dirty to Clean",
    "Analyze Data to Answer Questions",
    "Share Data Through the Art of Visualization",
    "Data Analysis with R Programming",
    "Google Data Analytics Capstone: Complete a Case Study",
]
CREDLY = "https://www.credly.com/badges/5f2c1d7e-8a9b-4c3d-b2e1-0f9e8d7c6b5a"
TODAY = date(2026, 1, 31)


def gda_file(tmp_path: Path, *, done: bool = True, progress: str = "100") -> Path:
    rows = badge_rows(
        " Hira.Shah@DIST.edu.pk ",
        "google-data-analytics-pathway-hr2it",
        "Google Data Analytics Professional Certificate (Google)",
        GDA,
        done=done,
        link=CREDLY,
        progress=progress,
        name="Hira Shah",
    )
    return write_export(tmp_path / LEARNING_PATH_NAME, LEARNING_PATH_HEADER, rows)


def test_badge_with_pathway_suffix_completes_and_verifies_the_program(
    department: Services, tmp_path: Path
) -> None:
    result = department.progress.import_export(gda_file(tmp_path))
    assert result.kind == "learning path report" and result.unmatched == ()
    assert (result.rows, result.matched, result.records_added) == (8, 8, 9)
    hira = department.students.show("fa25-bcs-001")
    assert [(p.slug, p.completed_on, p.certificate) for p in hira.program_certificates] == [
        ("google-data-analytics", date(2025, 3, 12), CREDLY)
    ]
    assert {c.status for c in hira.courses} == {"completed"} and len(hira.courses) == 8
    audit = department.audit.audit_student("fa25-bcs-001", today=TODAY)
    program = audit.program("google-data-analytics")
    assert program is not None and program.status == "completed" and program.verified


def test_reimport_and_an_older_file_change_nothing(department: Services, tmp_path: Path) -> None:
    department.progress.import_export(gda_file(tmp_path))
    before = dump(department)
    assert department.progress.import_export(gda_file(tmp_path)).updated == 0
    older = gda_file(tmp_path, done=False, progress="40")
    assert department.progress.import_export(older).updated == 0
    after = dump(department)
    # each import is recorded (the imports table, the change log); nothing else changes
    logged = ('INSERT INTO "imports"', 'INSERT INTO "change_log"')
    strip = [line for line in after.splitlines() if not line.startswith(logged)]
    assert strip == [line for line in before.splitlines() if not line.startswith(logged)]


def test_progress_outside_0_100_is_clamped_with_a_note(
    department: Services, tmp_path: Path
) -> None:
    result = department.progress.import_export(gda_file(tmp_path, progress="104"))
    assert len(result.notes) == 8
    assert (
        result.notes[0]
        == "line 2, column H (Progress in Badge (%)): 104 is outside 0–100, read as 100."
    )


def test_title_with_provider_in_parentheses_and_unknown_badges(
    department: Services, tmp_path: Path
) -> None:
    rows = (
        badge_rows(
            "ayesha.khan@dist.edu.pk",
            "introduction-to-data-science-pathway-x9",
            "Introduction to Data Science Specialization (IBM)",
            ["What is Data Science?"],
            done=True,
            link="https://www.credly.com/badges/ids",
        )
        + badge_rows(
            "ayesha.khan@dist.edu.pk",
            "project-management-and-pmp-certification-pathway-hr2it",
            "Project Management Professional Certificate (Microsoft)",
            ["Project Management Foundations"],
            done=False,
            progress="25",
        )
        + badge_rows("nobody@example.com", "x", "Y", ["Z"], done=False)
    )
    result = department.progress.import_export(
        write_export(tmp_path / "lp.csv", LEARNING_PATH_HEADER, rows)
    )
    ayesha = department.students.show("fa23-bcs-001")
    assert [p.slug for p in ayesha.program_certificates] == ["ibm-introduction-to-data-science"]
    assert [(u.line, u.reason) for u in result.unmatched] == [
        (
            3,
            "program not in the catalog (badge slug project-management-and-pmp-certification-"
            "pathway-hr2it, 'Project Management Professional Certificate (Microsoft)'); course "
            "not in the catalog ('Project Management Foundations')",
        ),
        (4, "student not on the roster (email nobody@example.com)"),
    ]


def test_a_bad_cell_refuses_the_whole_file(department: Services, tmp_path: Path) -> None:
    rows = badge_rows("hira.shah@dist.edu.pk", "google-data-analytics", "GDA", GDA, done=True)
    rows[5]["Badge Completed"] = "Maybe"
    rows[6]["Course Completion Timestamp"] = "last Tuesday"
    before = dump(department)
    with pytest.raises(ValidationError) as caught:
        department.progress.import_export(
            write_export(tmp_path / "lp.csv", LEARNING_PATH_HEADER, rows)
        )
    assert caught.value.texts == [
        "line 7, column M (Badge Completed): 'Maybe' is not Yes or No.",
        "line 8, column L (Course Completion Timestamp): 'last Tuesday' is not a date and time "
        "like 2024-02-01T14:30:00.000Z.",
    ]
    assert dump(department) == before


def test_badge_matching_rules() -> None:
    assert base_slug("project-management-and-pmp-certification-pathway-hr2it") == (
        "project-management-and-pmp-certification"
    )
    assert split_title("Project Management Professional Certificate (Microsoft)") == (
        "project management professional certificate",
        "microsoft",
    )
    badges = BadgeMatcher(
        [
            (
                1,
                "google-project-management",
                "Google Project Management: Professional Certificate",
                "Google",
            ),
            (2, "ibm-pm", "Project Management Professional Certificate", "IBM"),
            (3, "ms-pm", "Project Management Professional Certificate", "Microsoft"),
        ]
    )
    assert badges.find("google-project-management-pathway-ab12", "") == 1
    assert badges.find("", "Google Project Management Professional Certificate") == 1
    assert (
        badges.find("pmp-pathway-hr2it", "Project Management Professional Certificate (Microsoft)")
        == 3
    )
    assert badges.find("", "Project Management Professional Certificate") is None  # two providers


def test_the_import_desk_names_a_learning_path_file(services: Services, tmp_path: Path) -> None:
    renamed = tmp_path / "export (3).csv"
    renamed.write_bytes(gda_file(tmp_path).read_bytes())
    preview = services.imports.preview(renamed)
    assert preview.kind == "coursera" and "LearningPathActivity" in preview.label
    assert preview.total_rows == 8


def test_the_import_desk_shows_the_notes(department: Services, tmp_path: Path) -> None:
    outcome = department.imports.dry_run(gda_file(tmp_path, progress="104"))
    assert outcome.summary.count("\nNote: ") == 8 and "read as 100" in outcome.summary
