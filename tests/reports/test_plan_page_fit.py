"""Issue 12 item 6: a one-program plan, signatures included, prints on one page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from advisor.reports.documents import PlanPrintData
from advisor.reports.plan_renderer import render_plan
from tests.reports.pdf_reading import pdf_pages
from tests.reports.sample_documents import HEAD, plan

LONG_TITLE = "Improving Deep Neural Networks: Hyperparameter Tuning, Regularization"


def one_program(courses: int, *, warning: bool = True) -> PlanPrintData:
    """A plan of one program whose courses have real-length titles, like Coursera's."""
    two = plan(courses=courses)
    target = replace(two.targets[0], courses_total=courses)
    rows = tuple(
        replace(
            c,
            course=f"{LONG_TITLE} {c.position}"[: 28 + 3 * c.position % 30],
            programs=(target.program,),
        )
        for c in two.courses
    )
    return replace(two, targets=(target,), courses=rows, warnings=two.warnings if warning else ())


@pytest.mark.parametrize("courses", [1, 3, 5, 8, 10])
def test_a_one_program_plan_is_one_page_with_its_signatures(courses: int) -> None:
    pages = pdf_pages(render_plan(one_program(courses), HEAD))
    assert len(pages) == 1, f"{courses} courses: {len(pages)} pages"
    assert "We agree on this plan" in pages[0] and "Date: ______" in pages[0]


def test_a_short_one_program_plan_keeps_its_timeline() -> None:
    (page,) = pdf_pages(render_plan(one_program(4, warning=False), HEAD))
    assert "Timeline" in page and "Toward" not in page  # the only target: no column for it


def test_a_plan_of_two_programs_keeps_the_toward_column_and_the_timeline() -> None:
    text = "".join(pdf_pages(render_plan(plan(courses=9), HEAD)))
    assert "Toward" in text and "Timeline" in text and "Provider" in text
