"""The whole sample department through import and audit, against expected-audit.json exactly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from advisor.model.services import Services
from tests.model.conftest import ACTIVITY, SPECIALIZATION, USAGE

TODAY = date(2026, 1, 31)


@pytest.fixture
def imported(department: Services, samples: Path) -> Services:
    for name in (USAGE, ACTIVITY, SPECIALIZATION):
        department.progress.import_export(samples / name)
    return department


def test_sample_cohort_matches_expected_audit(imported: Services, samples: Path) -> None:
    expected = json.loads((samples / "expected-audit.json").read_text(encoding="utf-8"))["students"]
    results = {r.roll_no: r for r in imported.audit.audit_cohort(today=TODAY)}
    assert set(results) == set(expected)
    for roll_no, want in expected.items():
        r = results[roll_no]
        got = {
            "policy_year": r.policy_year,
            "eligible_credits": r.eligible_credits,
            "pending_credits": r.pending_credits,
            "slots": {q.id: list(q.satisfied_by) for q in r.requirements if q.satisfied_by},
        }
        assert got == {k: want[k] for k in got}, roll_no


def test_one_student_audit_equals_the_cohort_line(imported: Services) -> None:
    cohort = imported.audit.audit_cohort(today=TODAY)
    streamed = list(imported.audit.stream_cohort(today=TODAY))
    assert streamed == cohort and len(cohort) == 10
    for r in cohort:
        assert imported.audit.audit_student(r.roll_no, today=TODAY) == r
    bba = list(imported.audit.stream_cohort("BBA", "Fall 2023", today=TODAY))
    assert bba == [r for r in cohort if r.degree == "BBA" and r.intake == "Fall 2023"] != []


def reason(r, slug: str) -> str:  # type: ignore[no-untyped-def]
    program = r.program(slug)
    assert program is not None, slug
    return program.reason


def test_the_sample_reasons_explain_each_case(imported: Services) -> None:
    audit = {r.roll_no: r for r in imported.audit.audit_cohort(today=TODAY)}
    assert "not verified yet: 8 courses without a certificate URL" in reason(
        audit["fa23-bcs-002"], "google-data-analytics"
    )
    assert "3 of 8 courses complete" in reason(audit["fa23-bcs-002"], "google-cybersecurity")
    assert (
        "only one of IBM Data Analyst Professional Certificate, IBM Data Science Professional Certificate may earn credit, and IBM Data Science Professional Certificate (completed 2024-01-21) counts"
        in reason(audit["fa23-bcs-003"], "ibm-data-analyst")
    )
    assert (
        "IT Security: Defense against the digital dark arts has grade 55, below the minimum 60"
        in reason(audit["fa23-bcs-004"], "google-it-support")
    )
    assert (
        audit["fa22-bcs-010"].policy_note
        == "No BSCS policy covers intake year 2022: the oldest policy (2023) applies."
    )
    assert "not counted: completed before the Spring 2024 intake began on 2024-02-01" in reason(
        audit["sp24-bcs-005"], "google-it-support"
    )
    assert "below the minimum 70" in reason(audit["fa25-bcs-001"], "google-data-analytics")
    assert (
        "CERT-CORE is filled by Meta Marketing Analytics Professional Certificate (completed 2024-02-05)"
        in reason(audit["fa23-bba-001"], "google-project-management")
    )
    assert "program certificate recorded on" in reason(
        audit["fa23-bba-002"], "meta-social-media-marketing"
    )
    assert "2 of 5 courses complete" in " ".join(p.reason for p in audit["fa24-bba-003"].programs)
