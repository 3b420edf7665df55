"""Preview any PDF the reports produce, print it through the system print dialog, save it.

The reports layer hands out bytes; this dialog never touches a file until the user saves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.ui.screen_fit import fit_dialog

# Rendering each page at the printer's full resolution (600–1200 dpi) makes huge images for no
# visible gain on an office laser printer; 300 dpi is what print shops use for text.
MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25
PREVIEW_SIZE = (900, 1000)  # an A4 page at a readable width; less on a smaller screen


class PdfLoadError(AdvisorError):
    """Bytes that QtPdf cannot read as a PDF."""


def load_pdf(data: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A loaded document and the buffer it reads from (the buffer must outlive the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    # the stubs type QPdfDocument's parent as a required QObject: pass it only when given
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PdfLoadError(f"The document could not be shown ({document.error().name}).")
    return document, buffer


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of the document onto the printer, each scaled to fit the printable
    area with its proportions kept; honours a page range chosen in the print dialog.
    Returns the number of pages sent."""
    first, last = 0, document.pageCount() - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(last, printer.toPage() - 1)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise AdvisorError("The printer could not be started. Check that it is connected and on.")
    try:
        for page in range(first, last + 1):
            if page > first:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, pixels, QPdfDocumentRenderOptions())
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            area = QRectF(0, 0, target.width(), target.height())
            scale = min(area.width() / pixels.width(), area.height() / pixels.height())
            drawn = QRectF(0, 0, pixels.width() * scale, pixels.height() * scale)
            drawn.moveCenter(area.center())
            painter.drawImage(drawn, image)
    finally:
        painter.end()
    return max(0, last - first + 1)


class PdfPreviewDialog(QDialog):
    """Shows the pages; Print opens the system print dialog; Save as PDF writes the bytes."""

    # "printed" or "saved": a copy left Sanad (a DUPLICATE letter is counted then, not on view)
    output_done = Signal(str)

    def __init__(
        self,
        data: bytes,
        *,
        title: str = "Preview",
        suggested_name: str = "document.pdf",
        parent: QWidget | None = None,
        specimen_note: str | None = None,
    ) -> None:
        """`specimen_note`: a look at a document that is not real yet (a letter before it is
        numbered and sealed): shown above the pages, and printing and saving are withheld."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(f"{title} preview")
        self._data = data
        self._suggested_name = suggested_name
        self.printable = not specimen_note
        self.document, self._buffer = load_pdf(data, self)

        self.view = QPdfView(self)
        self.view.setAccessibleName("Document pages")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)

        self.page_label = QLabel(self)
        self.page_label.setAccessibleName("Page number")
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button = QPushButton("&Save as PDF…", self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_as)
        close_button = QPushButton("Close", self)
        close_button.clicked.connect(self.reject)

        bar = QHBoxLayout()
        for text, name, slot in (
            ("−", "Zoom out", lambda: self._zoom(1 / ZOOM_STEP)),
            ("+", "Zoom in", lambda: self._zoom(ZOOM_STEP)),
            ("Fit width", "Fit page width", self._fit_width),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(close_button)

        layout = QVBoxLayout(self)
        if specimen_note:
            self.note = QLabel(specimen_note, self)
            self.note.setWordWrap(True)
            self.note.setAccessibleName("About this preview")
            self.note.setStyleSheet("background: #fff4ce; padding: 6px;")
            layout.addWidget(self.note)
            self.print_button.hide()
            self.save_button.hide()
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._show_page_number(0)
        fit_dialog(self, QSize(*PREVIEW_SIZE))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page_number(self, page: int) -> None:
        self.page_label.setText(f"Page {page + 1} of {self.page_count}")

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def print_pages(self) -> None:
        if not self.printable:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print")
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print on the printer chosen; a copy printed is announced (`output_done`)."""
        try:
            print_document(self.document, printer)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Print", str(exc))
            return
        self.output_done.emit("printed")

    def save_as(self) -> None:
        if not self.printable:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save as PDF", self._suggested_name, "PDF documents (*.pdf)"
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self._data)
        except OSError as exc:
            QMessageBox.warning(
                self, "Save as PDF", f"{path} could not be written: {exc.strerror}."
            )
            return
        self.output_done.emit("saved")


def show_pdf(
    data: bytes,
    *,
    title: str,
    suggested_name: str = "document.pdf",
    parent: QWidget | None = None,
    specimen_note: str | None = None,
) -> PdfPreviewDialog:
    """Open a non-blocking preview (the caller may keep working in the main window)."""
    dialog = PdfPreviewDialog(
        data, title=title, suggested_name=suggested_name, parent=parent, specimen_note=specimen_note
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
