"""Issue 10 items 9, 10, 11 and 12 on the demo department: a planned retake is projected; plans
print DRAFT or the advisor's name; the cohort names each intake's cap; one semester rule."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.model.demo import load_demo
from advisor.model.roles import Actor, Role
from advisor.model.services import Services
from tests.reports.pdf_reading import pdf_text

TARGETS = ["google-it-support", "google-data-analytics", "ibm-data-science"]


@pytest.fixture
def demo(services: Services) -> Services:
    load_demo(services)
    return services


def test_a_planned_retake_of_a_failed_course_is_projected(demo: Services) -> None:
    # fa23-bcs-004 failed IT Security (55 < 60): the plan retakes it, so IT Support counts
    detail = demo.plans.create("fa23-bcs-004", TARGETS, today=date(2026, 1, 15))
    assert any(c.course_title.startswith("IT Security") for c in detail.items)
    it_support = next(t for t in detail.targets if t.slug == "google-it-support")
    assert it_support.counts_for == "CERT-CORE" and it_support.credits == 3
    assert detail.projected_credits == 9
    projected = demo.audit.audit_student("fa23-bcs-004", today=date(2026, 1, 15), with_plan=True)
    assert projected.projected_credits == 9


def test_a_draft_prints_as_a_draft_and_an_approved_plan_names_its_advisor(demo: Services) -> None:
    today = date(2026, 1, 15)
    demo.plans.create("fa23-bcs-004", TARGETS[:1], today=today)
    draft = pdf_text(demo.documents.plan("fa23-bcs-004", today=today, advisor="Ms. Hira Tariq").pdf)
    assert "DRAFT" in draft and "We agree on this plan" not in draft
    demo.plans.approve("fa23-bcs-004", today=today)  # by the signed-in administrator
    approved = pdf_text(demo.documents.plan("fa23-bcs-004", today=today).pdf)
    assert "DRAFT" not in approved and "Test Administrator Advisor" in approved


def test_a_plan_names_its_approver_by_full_name_and_a_draft_the_signed_in_advisor(
    demo: Services,
) -> None:
    today = date(2026, 1, 15)
    demo.accounts.add("hira", "advisor", "advisor password 1", full_name="Ms. Hira Tariq")
    demo.db.seat.sit(Actor("hira", "Ms. Hira Tariq", Role.ADVISOR))
    demo.plans.create("fa23-bcs-004", TARGETS[:1], today=today)
    draft = pdf_text(demo.documents.plan("fa23-bcs-004", today=today).pdf)
    assert "DRAFT" in draft
    demo.plans.approve("fa23-bcs-004", today=today)
    approved = pdf_text(demo.documents.plan("fa23-bcs-004", today=today).pdf)
    assert "Ms. Hira Tariq Advisor" in approved and "hira" not in approved.replace("Hira", "")


def test_every_document_counts_the_semester_from_the_intake_and_today(demo: Services) -> None:
    today = date(2026, 12, 1)  # a Fall 2023 student is in semester 7 (Sep 2026 – Feb 2027)
    demo.plans.create("fa23-bcs-004", TARGETS[:1], today=today)
    report = pdf_text(demo.documents.progress_report("fa23-bcs-004", today=today).pdf)
    plan = pdf_text(demo.documents.plan("fa23-bcs-004", today=today).pdf)
    audit = demo.audit.audit_student("fa23-bcs-004", today=today)
    assert "Semester 7" in report and "Semester 7" in plan
    assert "Semester 5" not in report + plan  # the roster's stale column
    core = next(r for r in audit.requirements if r.id == "CERT-CORE")
    assert "the student is in semester 7" in core.reason


def test_the_all_intakes_cohort_summary_names_each_intakes_cap(demo: Services) -> None:
    # the demo's BSCS policy of 2025 caps at 6, the one of 2023 at 9
    text = pdf_text(demo.documents.cohort_summary("BSCS", today=date(2026, 1, 15)).pdf)
    assert "6 credit hours (Fall 2025)" in text
    assert "9 credit hours (Fall 2022, Fall 2023, Spring 2024)" in text
