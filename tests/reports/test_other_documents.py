from __future__ import annotations

from dataclasses import replace

from advisor.reports.cohort_summary_renderer import render_cohort_summary
from advisor.reports.plan_renderer import render_plan, render_plans
from advisor.reports.progress_report_renderer import render_progress_report
from tests.reports.pdf_reading import pdf_pages, pdf_text
from tests.reports.sample_documents import HEAD, UNICODE_STUDENT, cohort, plan, progress


def test_a_plan_prints_targets_courses_timeline_credits_and_signature_lines(qpdf_check) -> None:
    data = render_plan(plan(courses=9), HEAD)
    qpdf_check(data)
    text = pdf_text(data)
    for fact in (
        "Certification plan",
        "Ayesha Khan",
        "fa23-bcs-001",
        "version 2, approved by Dr. Saima Anwar",
        "2 February 2026",
        "6 hours a week",
        "Google Data Analytics Professional Certificate",
        "Meta Front-End Developer Professional Certificate",
        "3 of 8",
        "CERT-ELEC-1",
        "Timeline",
        "Course number 9 of the plan",
        "9 courses",
        "9 projected (cap 9)",
        "finishes after semester 6",
        "Student",
        "Advisor",
        "Date:",
    ):
        assert fact in text, fact
    last = plan(courses=9).courses[-1].end
    assert f"{last.day} {last:%B %Y}" in text  # projected completion, in words


def test_a_long_plan_runs_onto_numbered_pages_and_a_cohort_printout_numbers_each_plan(
    qpdf_check,
) -> None:
    long_plan = pdf_pages(render_plan(plan(courses=40), HEAD))
    n = len(long_plan)
    assert n >= 3 and all(f"Page {i} of {n}" in p for i, p in enumerate(long_plan, 1))
    data = render_plans([plan(), plan(UNICODE_STUDENT, courses=4)], HEAD)
    qpdf_check(data)
    pages = pdf_pages(data)
    firsts = [p for p in pages if "Certification plan Printed" in p]
    assert len(firsts) == 2 and "Zoë Ğülşen Núñez" in firsts[1]
    assert all("Page 1 of" in p for p in firsts)


def test_a_plan_with_nothing_left_says_so() -> None:
    done = replace(plan(courses=0), targets=(), finish_date=None, warnings=())
    text = pdf_text(render_plan(done, HEAD))
    assert (
        "Every course of the targets is already complete" in text and "nothing left to plan" in text
    )


def test_a_progress_report_lists_requirements_programs_and_credits(qpdf_check) -> None:
    data = render_progress_report(progress(), HEAD)
    qpdf_check(data)
    text = pdf_text(data)
    for fact in (
        "Certification progress report",
        "Ayesha Khan",
        "catalog year 2023",
        "CERT-CORE",
        "satisfied",
        "CERT-ELEC-2",
        "not yet",
        "None of the 8 accepted programs is complete.",
        "Google Data Analytics Professional Certificate",
        "in progress",
        "3 of 8",
        "3 eligible",
        "3 pending",
        "Page 1 of 1",
    ):
        assert fact in text, fact


def test_a_cohort_summary_counts_the_cohort_and_draws_the_chart(qpdf_check) -> None:
    summary = cohort(60)
    data = render_cohort_summary(summary, HEAD)
    qpdf_check(data)
    pages = pdf_pages(data)
    text = " ".join(pages)
    assert len(pages) >= 2 and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert f"{summary.eligible_total} credit hours in all" in text
    assert f"{summary.pending_total} credit hours awaiting verification" in text
    assert "60 students" in text and "fa23-bcs-060" in text
    for row in summary.programs:
        assert row.program[:30] in text
    assert "completed (students)" in text and "not started (students)" in text
