"""Issue 10, items 1 and 2: a letter of up to six lines is one signed page; longer letters end
with signatures, code and QR together; every page names the letter; codes print whole."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.lib.units import mm

from advisor.reports import geometry as g
from advisor.reports.letter_renderer import render_letter, render_letters
from advisor.reports.qr_drawing import QUIET_ZONE, qr_modules
from tests.reports.pdf_reading import pdf_pages, pdf_text
from tests.reports.sample_documents import (
    HEAD,
    IT_SUPPORT_COURSES,
    REAL_LINES,
    STUDENT,
    letter,
    real_lines,
    signed_payload,
)

SIGNED_OFF = ("Mr. Khalid Mehmood", "Controller of Examinations", "VERIFICATION CODE")


def _signed_on(page: str) -> bool:
    return all(fact in page for fact in SIGNED_OFF)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6])
def test_up_to_six_realistic_lines_fit_one_signed_page(count: int) -> None:
    pages = pdf_pages(render_letter(letter(lines=real_lines(count), signed=True), HEAD))
    assert len(pages) == 1, f"{count} lines gave {len(pages)} pages"
    assert _signed_on(pages[0]) and "Conditions" in pages[0]


def test_two_lines_with_long_degree_and_requirement_titles_fit_one_page() -> None:
    long_degree = replace(
        STUDENT,
        degree_title="Bachelor of Science in Computer Science with Specialisation in Artificial "
        "Intelligence and Data Engineering (Evening Programme)",
    )
    lines = tuple(
        replace(line, slot_title=line.slot_title + " — " + "industry-recognised " * 6)
        for line in REAL_LINES[:2]
    )
    pages = pdf_pages(render_letter(letter(student=long_degree, lines=lines, signed=True), HEAD))
    assert len(pages) == 1 and _signed_on(pages[0])


@pytest.mark.parametrize("count", [7, 10, 16])
def test_longer_letters_end_with_conditions_signatures_code_and_qr_together(count: int) -> None:
    data = render_letter(letter(5, lines=real_lines(count), signed=True), HEAD)
    pages = pdf_pages(data)
    n = len(pages)
    assert n >= 2
    signed = [i for i, page in enumerate(pages) if _signed_on(page)]
    assert len(signed) == 1, "one closing block"
    closing = pages[signed[0]]
    assert "Conditions" in closing, "the signatures never stand alone on a page"
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in page
        assert "DIST/CERT/2026/0005" in page and "0005-9C1B-5D6E-7F80" in page
    # what follows the closing block is only the annex of course certificates
    rest = pages[signed[0] + 1 :]
    assert not rest or "Annex: course certificates" in rest[0]


def test_every_page_carries_reference_code_page_number_and_signing_key() -> None:
    for count in (2, 10):
        pages = pdf_pages(render_letter(letter(9, lines=real_lines(count), signed=True), HEAD))
        for i, page in enumerate(pages, start=1):
            assert f"Page {i} of {len(pages)}" in page
            assert "DIST/CERT/2026/0009" in page and "0009-9C1B-5D6E-7F80" in page
            assert "Signed with key SHA256:9F2C-41AB-77D0-E3C5" in page
    assert "Signed with key" not in pdf_text(render_letter(letter(), HEAD))


def test_the_qr_square_keeps_modules_readable_from_a_150_dpi_scan() -> None:
    payload = signed_payload(1100)
    modules = len(qr_modules(payload))
    module = g.QR_SIZE / (modules + 2 * QUIET_ZONE)
    assert module >= 0.4 * mm, f"{modules} modules give {module / mm:.2f} mm"


def test_certificate_codes_and_providers_print_whole() -> None:
    text = pdf_text(render_letter(letter(lines=real_lines(3)), HEAD))
    for token in ("25A6TQGWBBB/A", "DeepLearning.AI", "XYZ987654321"):
        assert token in text, token
    assert "course certificates on file" not in text


def test_course_certificates_are_listed_when_credit_rests_on_them() -> None:
    text = pdf_text(render_letter(letter(lines=real_lines(3), signed=True), HEAD))
    for course in IT_SUPPORT_COURSES:
        assert course.code in text, course.code
    assert "Annex" not in text, "three lines leave room for the codes on the letter"


def test_codes_that_do_not_fit_go_to_an_annex_that_names_the_letter() -> None:
    many_courses = tuple(replace(c, code=c.code + "X") for c in IT_SUPPORT_COURSES) * 3
    lines = tuple(replace(line, certificate="", courses=many_courses) for line in real_lines(6))
    pages = pdf_pages(render_letter(letter(4, lines=lines, signed=True), HEAD))
    assert _signed_on(pages[0]), "the letter itself stays one signed page"
    annex = " ".join(pages[1:])
    assert "Annex: course certificates" in annex
    assert "DIST/CERT/2026/0004" in annex and "0004-9C1B-5D6E-7F80" in annex
    for course in many_courses:
        assert course.code in annex


def test_how_each_line_was_verified_is_printed() -> None:
    text = pdf_text(render_letter(letter(lines=real_lines(3)), HEAD))
    assert "checked by Dr. Saima Anwar on 3 Feb 2026" in text
    assert "Coursera certificate record imported on 12 Jan 2026" in text
    assert "verified by the department against its certificate" not in text


def test_a_batch_of_mixed_letters_gives_each_its_own_page_count() -> None:
    pages = pdf_pages(
        render_letters([letter(1, lines=real_lines(3)), letter(2, lines=real_lines(10))], HEAD)
    )
    assert "Page 1 of 1" in pages[0]
    assert "Page 1 of" in pages[1] and "Page 1 of 1" not in pages[1]
