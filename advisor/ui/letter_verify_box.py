""" "Is this letter genuine?": a printed code typed in, a QR code scanned (a scanner types the
QR text and presses Enter), or a scan, photo or PDF chosen or dropped here. The answer shows
only what the letter's seal says, never live records."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.letter_verification import VERDICT_WORDS, Verification
from advisor.ui.errors import show_error

STATUS_COLOURS = {"valid": "#1b5e20", "revoked": "#b00020", "invalid": "#b00020"}
WARNING_COLOUR = "#8a5a00"
CHECKABLE_FILES = {".png", ".jpg", ".jpeg", ".pdf"}
PDF_SIGNATURE_WORDS = {
    True: "The PDF's digital signature is intact.",
    False: "The PDF's digital signature is BROKEN or not by a trusted key: the file was changed.",
    None: "The PDF carries NO digital signature, though Sanad signs every letter PDF: it was made "
    "again (printed to PDF, edited or re-saved). Trust only the sealed facts shown.",
}


def verification_text(result: Verification) -> str:
    """What the clerk reads back to whoever asked: the verdict first, then the sealed facts."""
    lines = [f"{VERDICT_WORDS[result.status]} — {result.message}"]
    if result.reference:
        lines.append(f"Reference {result.reference}")
    if result.roll_no:
        parent = f", {result.father_name}" if result.father_name else ""
        lines.append(f"Student {result.name}{parent} ({result.roll_no}) {result.degree or ''}")
    if result.credits is not None:
        issued = f", issued {result.issued_on:%d %B %Y}" if result.issued_on else ""
        lines.append(f"{result.credits} credit hours{issued}")
    lines += [f"  • {x.program} ({x.provider}) — {x.slot}, {x.credits} ch" for x in result.lines]
    return "\n".join(lines)


class VerifyBox(QGroupBox):
    verified = Signal(object)  # the Verification of the letter checked last

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Is this letter genuine?", parent)
        self._services = services
        self.setAcceptDrops(True)
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(
            "Scan the QR code, or type the code printed under it (or drop a scan or PDF here)"
        )
        self.code_edit.setAccessibleName("Verification code or QR text")
        self.code_edit.returnPressed.connect(self.verify_entered)
        self.verify_button = QPushButton("&Verify", self)
        self.verify_button.clicked.connect(self.verify_entered)
        self.file_button = QPushButton("Check a scan or &PDF…", self)
        self.file_button.clicked.connect(self.choose_file)
        self.verdict = QLabel(self)
        self.verdict.setAccessibleName("Verification result")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.verify_button)
        row.addWidget(self.file_button)
        form = QFormLayout(self)
        form.addRow("Code", row)
        form.addRow(self.verdict)

    def verify_entered(self) -> Verification | None:
        text = self.code_edit.text().strip()
        if not text:
            self.verdict.setText("Scan the QR code or type the verification code first.")
            return None
        try:
            result = self._services.letters.verify(text)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self._show([result])
        if len(text) > 40:  # a scanned seal: show the code field clean for the next letter
            self.code_edit.clear()
        return result

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Check a letter", "", "Scans, photos and PDFs (*.png *.jpg *.jpeg *.pdf)"
        )
        if name:
            self.verify_file(Path(name))

    def verify_file(self, path: Path) -> list[Verification]:
        """Every letter in a scan, photo or PDF; an unreadable file gets its reason."""
        letters = self._services.letters
        try:
            data = path.read_bytes()
            if path.suffix.lower() == ".pdf":
                checked = letters.verify_pdf(data, name=path.name)
                self._show(list(checked.letters), PDF_SIGNATURE_WORDS[checked.pdf_signature])
                return list(checked.letters)
            results = letters.verify_image(data, name=path.name)
        except OSError as exc:
            show_error(AdvisorError(f"{path} could not be read: {exc.strerror}."), self)
            return []
        except AdvisorError as exc:
            show_error(exc, self)
            return []
        self._show(results)
        return results

    def _show(self, results: list[Verification], note: str = "") -> None:
        text = "\n\n".join(verification_text(r) for r in results)
        self.verdict.setText(f"{text}\n{note}".strip())
        worst = next((r for r in results if r.status != "valid"), results[0])
        colour = STATUS_COLOURS.get(worst.status, WARNING_COLOUR)
        self.verdict.setStyleSheet(f"color: {colour};")
        self.verified.emit(results[-1])

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if any(
            Path(u.toLocalFile()).suffix.lower() in CHECKABLE_FILES for u in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in CHECKABLE_FILES:
                self.verify_file(path)
                event.acceptProposedAction()
                return
