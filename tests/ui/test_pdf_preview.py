"""The preview dialog shows any PDF bytes, prints every page onto a printer, saves the bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.pdfgen import canvas

from advisor.ui.pdf_preview import PdfLoadError, PdfPreviewDialog, print_document


def three_page_pdf() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for number in range(1, 4):
        pdf.drawString(100, 700, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_preview_loads_pages_and_names_them(qtbot) -> None:
    dialog = PdfPreviewDialog(three_page_pdf(), title="Letter", suggested_name="letter.pdf")
    qtbot.addWidget(dialog)
    assert dialog.page_count == 3
    assert dialog.page_label.text() == "Page 1 of 3"


def test_preview_refuses_bytes_that_are_not_a_pdf(qtbot) -> None:
    with pytest.raises(PdfLoadError, match="could not be shown"):
        PdfPreviewDialog(b"%PDF-not really", title="Broken")


def test_printing_sends_every_page_to_the_printer(qtbot, tmp_path: Path) -> None:
    dialog = PdfPreviewDialog(three_page_pdf(), title="Letter")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_document(dialog.document, printer) == 3
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3


def test_printing_a_page_range(qtbot, tmp_path: Path) -> None:
    dialog = PdfPreviewDialog(three_page_pdf(), title="Letter")
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_document(dialog.document, printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2


def test_save_writes_the_same_bytes_with_a_pdf_suffix(qtbot, tmp_path: Path) -> None:
    data = three_page_pdf()
    dialog = PdfPreviewDialog(data, title="Letter")
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / "copy")
    assert (tmp_path / "copy.pdf").read_bytes() == data


def test_a_specimen_cannot_be_printed_or_saved(qtbot) -> None:
    dialog = PdfPreviewDialog(three_page_pdf(), title="Letter", specimen_note="Not issued yet.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.note.text() == "Not issued yet."
    assert not dialog.printable
    assert not dialog.print_button.isVisible() and not dialog.save_button.isVisible()
