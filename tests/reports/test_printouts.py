"""Issue 10 items 4, 10 and 11: running headers never overlap, draft plans are marked and not
signed, signature lines never stand alone, cohort caps are shown per intake."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.reports import geometry as g
from advisor.reports.cohort_summary_renderer import render_cohort_summary
from advisor.reports.letter_renderer import render_letter
from advisor.reports.page_templates import _draw_running_header
from advisor.reports.plan_renderer import render_plan
from advisor.reports.stylesheet import register_fonts
from tests.reports.pdf_reading import pdf_pages, pdf_text
from tests.reports.sample_documents import HEAD, STUDENT, cohort, letter, plan, real_lines

LONG_NAME = "Muhammad Abdul Rehman Chaudhry Zulfiqar-ul-Haq Siddiqui Qureshi Bukhari"
LONG_INSTITUTION = "Government College University Faisalabad, Institute of Computing Sciences"


class _RecordingCanvas:
    """Just enough of a canvas to see where the running header puts its two texts."""

    def __init__(self) -> None:
        self.font = ("", 0.0)
        self.texts: list[tuple[float, float, str]] = []  # left, right, text

    def setFont(self, name: str, size: float) -> None:  # noqa: N802
        self.font = (name, size)

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self.texts.append((x, x + stringWidth(text, *self.font), text))

    def drawRightString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self.texts.append((x - stringWidth(text, *self.font), x, text))

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: None


@pytest.mark.parametrize("institution", [HEAD.name, LONG_INSTITUTION])
@pytest.mark.parametrize("name", [STUDENT.name, LONG_NAME])
def test_the_running_header_never_overprints_the_institution(institution: str, name: str) -> None:
    register_fonts()
    canvas = _RecordingCanvas()
    title = f"Plan of {name} (fa23-bcs-001), version 2 — DRAFT"
    _draw_running_header(canvas, replace(HEAD, name=institution), title)  # type: ignore[arg-type]
    (left, left_end, _), (title_start, right, _) = canvas.texts
    assert left >= g.MARGIN_LEFT and right <= g.PAGE_WIDTH - g.MARGIN_RIGHT + 0.01
    assert left_end < title_start, "the title runs over the institution's name"


def test_continuation_pages_of_long_named_documents_keep_both_header_texts() -> None:
    student = replace(STUDENT, name=LONG_NAME)
    pages = pdf_pages(render_plan(plan(student, courses=40), replace(HEAD, name=LONG_INSTITUTION)))
    assert len(pages) >= 2
    assert all(LONG_INSTITUTION[:30] in page for page in pages[1:])
    long_letter = render_letter(letter(student=student, lines=real_lines(12)), HEAD)
    assert all(HEAD.name in page for page in pdf_pages(long_letter)[1:])


def test_a_draft_plan_is_marked_draft_and_has_no_signature_lines() -> None:
    pages = pdf_pages(render_plan(replace(plan(), status="draft", approved_by=None), HEAD))
    assert all("DRAFT" in page for page in pages)
    text = " ".join(pages)
    assert "not for signature" in text
    assert "Date: ______" not in text and "We agree on this plan" not in text


def test_an_approved_plan_names_the_advisor_and_keeps_signatures_with_the_agreement() -> None:
    text = pdf_text(render_plan(replace(plan(), approved_by=None, advisor="Ms. Hira Tariq"), HEAD))
    assert "Ms. Hira Tariq Advisor" in text and "DRAFT" not in text
    for courses in range(4, 40, 2):
        pages = pdf_pages(render_plan(plan(courses=courses), HEAD))
        signed = [p for p in pages if "Date: ______" in p]
        assert len(signed) == 1
        assert "We agree on this plan" in signed[0], f"{courses} courses: signatures alone"


def test_the_cohort_summary_shows_each_intakes_cap() -> None:
    base = cohort(6)
    students = tuple(
        replace(s, intake="Fall 2025", credit_cap=6) if i % 2 else s
        for i, s in enumerate(base.students)
    )
    text = pdf_text(
        render_cohort_summary(replace(base, students=students, intake="all intakes"), HEAD)
    )
    assert "6 credit hours (Fall 2025)" in text and "9 credit hours (Fall 2023)" in text
    assert "Credit cap 9 credit hours Certified" not in text
