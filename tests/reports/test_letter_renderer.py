from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pypdf

from advisor.reports.documents import Letterhead, LetterLine
from advisor.reports.letter_renderer import render_letter, render_letters
from advisor.reports.qr_drawing import qr_modules
from tests.reports.pdf_reading import pdf_pages, pdf_text
from tests.reports.sample_documents import HEAD, LINES, STUDENT, UNICODE_STUDENT, letter


def test_a_letter_prints_every_fact_design_6_asks_for(qpdf_check) -> None:
    data = render_letter(letter(7), HEAD)
    qpdf_check(data)
    text = pdf_text(data)
    for fact in (
        HEAD.name,
        HEAD.address,
        "DIST/CERT/2026/0007",
        "20 January 2026",
        "The Controller of Examinations",
        "Subject:",
        "Ayesha Khan",
        "D/O Imran Khan",
        "fa23-bcs-001",
        "35202-1234567-2",
        "BS Computer Science",
        "Fall 2023",
        "transferred credit",
        "does not enter the CGPA",
        "Dr. Saima Anwar",
        "Chairperson, Department of Computer Science",
        "Mr. Khalid Mehmood",
        "0007-9C1B-5D6E-7F80",
    ):
        assert fact in text, fact
    for line in LINES:
        for fact in (line.provider, line.certificate, line.slot, line.slot_title):
            assert fact in text, fact
    assert "Google IT Support Professional Certificate" in text
    assert "14 Mar 2025" in text and "2 Aug 2025" in text
    assert "Total credit hours 6" in text
    assert "DUPLICATE" not in text
    assert len(pdf_pages(data)) == 1


def test_a_son_is_s_o_and_unknown_gender_names_the_father_without_guessing() -> None:
    assert "S/O Şükrü Núñez" in pdf_text(render_letter(letter(student=UNICODE_STUDENT), HEAD))
    unknown = replace(STUDENT, gender="")
    text = pdf_text(render_letter(letter(student=unknown), HEAD))
    assert "S/O" not in text and "D/O" not in text and "child of Imran Khan" in text


def test_names_with_non_ascii_letters_print_as_written() -> None:
    text = pdf_text(render_letter(letter(student=UNICODE_STUDENT), HEAD))
    assert "Zoë Ğülşen Núñez" in text
    fonts = pypdf.PdfReader(io.BytesIO(render_letter(letter(), HEAD))).pages[0]["/Resources"][
        "/Font"
    ]
    assert any("DejaVuSans" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_a_reprint_is_marked_duplicate_on_every_page(qpdf_check) -> None:
    many = tuple(replace(LINES[0], program=f"Program {i}") for i in range(30))
    data = render_letter(letter(3, duplicate=True, lines=many), HEAD)
    qpdf_check(data)
    pages = pdf_pages(data)
    assert len(pages) >= 2
    assert all("DUPLICATE" in page for page in pages)


def test_a_long_letter_numbers_its_pages_and_puts_the_verification_on_the_last() -> None:
    many = tuple(replace(LINES[0], program=f"Program {i}") for i in range(30))
    pages = pdf_pages(render_letter(letter(3, lines=many), HEAD))
    n = len(pages)
    assert n >= 2
    assert all(f"Page {i} of {n}" in page for i, page in enumerate(pages, start=1))
    # every page names the letter and its code; the verification block ends the last one
    assert all("DIST/CERT/2026/0003" in p and "0003-9C1B-5D6E-7F80" in p for p in pages)
    assert ["VERIFICATION CODE" in page for page in pages] == [False] * (n - 1) + [True]
    assert all("DIST/CERT/2026/0003 — Ayesha Khan (continued)" in page for page in pages[1:])
    assert "Total credit hours 90" in " ".join(pages)


def test_a_batch_starts_each_letter_on_its_own_page_with_one_shared_letterhead(qpdf_check) -> None:
    data = render_letters([letter(i) for i in range(1, 6)], HEAD)
    qpdf_check(data)
    pages = pdf_pages(data)
    assert len(pages) == 5
    for i, page in enumerate(pages, start=1):
        assert f"DIST/CERT/2026/{i:04d}" in page and f"{i:04X}-9C1B-5D6E-7F80" in page
        assert "Page 1 of 1" in page  # every page of a letter is numbered
    reader = pypdf.PdfReader(io.BytesIO(data))
    forms = [page["/Resources"]["/XObject"] for page in reader.pages]
    heads = {x.raw_get(name).idnum for x in forms for name in x if "letterhead" in name}
    assert len(heads) == 1, "the letterhead is one form XObject shared by every letter"
    shared = [{x.raw_get(name).idnum for name in x if "block" in name} for x in forms]
    assert shared[0] and all(s == shared[0] for s in shared), (
        "conditions and signatures are shared too"
    )


def test_a_logo_is_drawn_when_the_institution_has_one(qpdf_check) -> None:
    data = render_letter(letter(), replace(HEAD, logo=_green_png()))
    qpdf_check(data)
    forms = pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/XObject"]
    letterhead = next(v for k, v in forms.items() if "letterhead" in k).get_object()
    assert any(
        x.get_object()["/Subtype"] == "/Image"
        for x in letterhead["/Resources"]["/XObject"].values()
    )


def test_markup_characters_in_data_print_literally() -> None:
    head = Letterhead("O'Neil & Sons <Institute>", "Line 1\nLine 2", None, HEAD.signatories, "ONS")
    odd = (LetterLine("C++ & <Systems>", "Acme & Co", date(2025, 1, 1), "A<B>&C", "S-1", "", 3),)
    text = pdf_text(render_letter(letter(lines=odd), head))
    assert "O'Neil & Sons <Institute>" in text and "C++ & <Systems>" in text and "A<B>&C" in text


def test_the_qr_code_is_a_standard_symbol_of_the_payload_size() -> None:
    modules = qr_modules("SANAD DIST/CERT/2026/0001 00019C1B5D6E7F80")
    size = len(modules)
    assert size >= 21 and (size - 17) % 4 == 0 and all(len(row) == size for row in modules)
    # The three finder patterns: 7x7 dark frames in three corners.
    for r0, c0 in ((0, 0), (0, size - 7), (size - 7, 0)):
        assert all(modules[r0][c0 + i] and modules[r0 + 6][c0 + i] for i in range(7))


def _green_png(size: int = 16) -> bytes:
    """A small solid PNG written by hand (no imaging library in the test dependencies)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + bytes([11, 93, 59]) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_our_faster_qr_encoding_gives_reportlabs_own_symbols() -> None:
    from reportlab.graphics.barcode import qrencoder

    payloads = (
        "SANAD DIST/CERT/2026/0001 00019C1B5D6E7F80",
        "sanad uni_x/2026/0042 " + "AB" * 8,
        "x" * 120,
        "SANAD " + "0123456789" * 30,  # several Reed-Solomon blocks
        "SD1:" + "Q5-8:/ $%*+" * 90,  # a sealed letter's size: version 20, two block groups
        "0123456789" * 12,  # numeric mode
        "Ayesha خان " * 9,  # UTF-8 bytes
        "A",
    )
    for payload in payloads:
        reference = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        reference.addData(payload)
        reference.version = reference.calculate_version()
        reference.makeImpl(False, 0)
        assert qr_modules(payload) == [[bool(m) for m in row] for row in reference.modules], payload
