"""Letters: the student's issued letters; issue a new one; reprint a duplicate of one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.letter_service import IssuedLetter, LetterRecord
from advisor.ui.duplicate_copy import show_duplicate
from advisor.ui.errors import show_error
from advisor.ui.key_unlock import unlock_for_signing
from advisor.ui.pdf_preview import PdfPreviewDialog
from advisor.ui.table_model import CENTER, RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row

LETTER_COLUMNS = [
    Column[LetterRecord]("Reference", lambda r: r.reference),
    Column[LetterRecord]("Issued on", lambda r: r.issued_on, align=CENTER),
    Column[LetterRecord]("Credit hours", lambda r: r.credits, align=RIGHT),
    Column[LetterRecord](
        "Status",
        lambda r: r.status.capitalize(),
        color=lambda r: "#b42318" if r.status == "revoked" else None,
    ),
    Column[LetterRecord]("Duplicates", lambda r: r.duplicate_count, align=RIGHT),
    Column[LetterRecord]("Verification code", lambda r: r.code),
]


class StudentLettersTab(QWidget):
    letter_printed = Signal(object)  # IssuedLetter

    def __init__(self, services: Services, today: date) -> None:
        super().__init__()
        self._services = services
        self._today = today
        self._roll_no: str | None = None
        self.letters: RowTableModel[LetterRecord] = RowTableModel(LETTER_COLUMNS)
        self.view = make_table(self.letters, "Issued letters", stretch=5)
        for column, width in ((0, 170), (1, 100), (2, 100), (3, 90), (4, 90)):
            self.view.setColumnWidth(column, width)
        self.issue_button = QPushButton("Issue a letter…")
        self.issue_button.setAccessibleName("Issue a credit-eligibility letter")
        self.issue_button.clicked.connect(self.issue_letter)
        self.reprint_button = QPushButton("Reprint duplicate…")
        self.reprint_button.setAccessibleName("Reprint the selected letter as a duplicate")
        self.reprint_button.clicked.connect(self.reprint_selected)
        note = QLabel(
            "A letter certifies the verified credit hours of today's audit and is numbered in the "
            "register; a reprint is marked DUPLICATE."
        )
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(note, 1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_student(self, roll_no: str) -> None:
        self._roll_no = roll_no
        self.letters.set_rows(self._services.letters.list(roll_no=roll_no))

    def issue_letter(self) -> IssuedLetter | None:
        if self._roll_no is None:
            return None
        return self._print(
            lambda: self._services.letters.issue(self._roll_no or "", today=self._today)
        )

    def reprint_selected(self) -> PdfPreviewDialog | None:
        """Show the DUPLICATE; the register counts it when it is printed or saved."""
        record = selected_row(self.view)
        if not isinstance(record, LetterRecord):
            return None
        shown = show_duplicate(self._services, record.reference, self)
        if shown is None:
            return None
        dialog, counter = shown
        counter.counted.connect(self._duplicate_counted)
        return dialog

    def _duplicate_counted(self, _reference: str) -> None:
        if self._roll_no is not None:
            self.show_student(self._roll_no)

    def _print(self, make: object) -> IssuedLetter | None:
        if not unlock_for_signing(self._services, self):
            return None
        try:
            letter: IssuedLetter = make()  # type: ignore[operator]
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        if self._roll_no is not None:
            self.show_student(self._roll_no)
        self.letter_printed.emit(letter)
        return letter
