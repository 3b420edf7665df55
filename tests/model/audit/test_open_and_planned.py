"""What the audit says about requirements and programs that do not simply count: a completed
program that earns nothing names why (as data, for the advising view); an open requirement
lists only the options that would still count and names the completed ones that cannot; an
approved plan makes an open requirement Planned, with its program and date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.model.services import Services
from tests.model.test_progress_import import import_all

TODAY = date(2026, 1, 31)
FATIMA = "fa23-bcs-003"  # IBM Data Science counts; IBM Data Analyst (its rival) does not
DATA_PAIR = (
    "only one of IBM Data Analyst Professional Certificate, IBM Data Science Professional "
    "Certificate may earn credit, and IBM Data Science Professional Certificate counts"
)


@pytest.fixture
def imported(department: Services, samples: Path) -> Services:
    import_all(department, samples)
    return department


def test_a_completed_program_that_does_not_count_carries_the_reason(imported: Services) -> None:
    audit = imported.audit.audit_student(FATIMA, today=TODAY)
    analyst = audit.program("ibm-data-analyst")
    assert analyst is not None and analyst.status == "completed" and analyst.counted_for is None
    assert analyst.not_counted.startswith(
        "only one of IBM Data Analyst Professional Certificate, IBM Data Science Professional "
        "Certificate may earn credit, and IBM Data Science Professional Certificate (completed"
    )
    assert f"not counted: {analyst.not_counted}" in analyst.reason
    assert analyst.to_json()["not_counted"] == analyst.not_counted
    science = audit.program("ibm-data-science")
    assert science is not None and science.not_counted == ""
    early = imported.audit.audit_student("sp24-bcs-005", today=TODAY).program("google-it-support")
    assert early is not None
    assert early.not_counted == "completed before the Spring 2024 intake began on 2024-02-01"


def test_an_open_requirement_offers_only_what_would_count(imported: Services) -> None:
    audit = imported.audit.audit_student(FATIMA, today=TODAY)
    open_slot = audit.requirement("CERT-ELEC-2")
    assert open_slot is not None and open_slot.status == "unsatisfied"
    assert "ibm-data-analyst" in open_slot.options  # the policy's list is unchanged
    assert "ibm-data-analyst" not in open_slot.open_options
    assert "ibm-data-science" not in open_slot.open_options
    assert "python-for-everybody" in open_slot.open_options
    assert dict(open_slot.blocked) == {
        "ibm-data-science": "it counts for CERT-ELEC-1",
        "ibm-data-analyst": DATA_PAIR,
    }
    choose = open_slot.reason.split(". ")[0]
    assert choose.startswith("Not yet satisfied: choose 1 of Google Data Analytics")
    assert "IBM" not in choose
    assert (
        "Completed but cannot count here: IBM Data Science Professional Certificate (it counts "
        "for CERT-ELEC-1); IBM Data Analyst Professional Certificate (" + DATA_PAIR + ")."
    ) in open_slot.reason
    as_json = open_slot.to_json()
    assert {"program": "ibm-data-analyst", "why": DATA_PAIR} in as_json["blocked"]


def test_an_approved_plan_makes_an_open_requirement_planned(imported: Services) -> None:
    before = imported.audit.audit_student(FATIMA, today=TODAY).requirement("CERT-ELEC-2")
    assert before is not None and before.shown_status == "unsatisfied" and not before.planned_by
    plan = imported.plans.create(
        FATIMA, ["python-for-everybody"], today=TODAY, start=date(2026, 2, 2)
    )
    draft = imported.audit.audit_student(FATIMA, today=TODAY).requirement("CERT-ELEC-2")
    assert draft is not None and draft.shown_status == "unsatisfied"  # a draft plans nothing
    imported.plans.approve(FATIMA, today=TODAY)
    audit = imported.audit.audit_student(FATIMA, today=TODAY)
    planned = audit.requirement("CERT-ELEC-2")
    assert planned is not None
    assert planned.status == "unsatisfied"  # the JSON contract's status stays
    assert planned.shown_status == "planned"
    assert planned.planned_by == ("python-for-everybody",)
    (target,) = plan.targets
    assert planned.planned_on == target.completion
    assert f"complete by {target.completion.isoformat()}" in planned.reason
    assert planned.to_json()["planned_by"] == ["python-for-everybody"]
    assert audit.eligible_credits == 6  # planned is not earned
    cohort = {a.roll_no: a for a in imported.audit.audit_cohort(today=TODAY)}
    assert cohort[FATIMA] == audit
