"""The letter register: every letter issued, searchable; reprint a duplicate, revoke with a reason,
and answer "is this letter genuine?" (see letter_verify_box)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError, ValidationError
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.letter_service import LetterRecord, Verification
from advisor.ui.confirm import confirm
from advisor.ui.duplicate_copy import show_duplicate
from advisor.ui.errors import show_error
from advisor.ui.letter_verify_box import VerifyBox
from advisor.ui.pdf_preview import PdfPreviewDialog
from advisor.ui.role_gate import needs
from advisor.ui.table_model import CENTER, RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row

REGISTER_COLUMNS = [
    Column[LetterRecord]("Reference", lambda r: r.reference),
    Column[LetterRecord]("Roll no", lambda r: r.roll_no),
    Column[LetterRecord]("Name", lambda r: r.name),
    Column[LetterRecord]("Issued on", lambda r: r.issued_on, align=CENTER),
    Column[LetterRecord]("Credits", lambda r: r.credits, align=RIGHT),
    Column[LetterRecord](
        "Status",
        lambda r: r.status,
        color=lambda r: {"revoked": "#b00020", "superseded": "#6b6b6b"}.get(r.status),
    ),
    Column[LetterRecord]("Copies", lambda r: r.duplicate_count, align=RIGHT),
    Column[LetterRecord]("Verification code", lambda r: r.code),
]


def searchable(letter: LetterRecord) -> str:
    code = letter.code.casefold()
    return " ".join(
        (letter.reference, letter.roll_no, letter.name, code, code.replace("-", ""))
    ).casefold()


class RegisterPanel(QWidget):
    changed = Signal()  # a letter was revoked or reprinted: the cohort view may reload

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search by reference, roll number, name or code…")
        self.search.setAccessibleName("Search the register")
        self.search.setClearButtonEnabled(True)
        self.model: RowTableModel[LetterRecord] = RowTableModel(REGISTER_COLUMNS)
        self.view = make_table(self.model, "Letter register", stretch=2, fit=True)
        self._letters: list[LetterRecord] = []
        self.search.textChanged.connect(self._show_matching)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count_label = QLabel(self)

        self.reprint_button = QPushButton("Reprint &duplicate…", self)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.revoke_button = QPushButton("Re&voke…", self)
        self.revoke_button.clicked.connect(self.ask_revoke_selected)
        needs(Role.OFFICE, self.reprint_button)
        needs(Role.CONTROLLER, self.revoke_button)

        self.verify_box = VerifyBox(services, self)
        self.verify_box.verified.connect(self._select_verified)
        self.code_edit = self.verify_box.code_edit
        self.verdict = self.verify_box.verdict

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verify_box)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self._letters = self._services.letters.list()
        revoked = sum(1 for letter in self._letters if letter.status == "revoked")
        self.count_label.setText(
            f"{len(self._letters)} letter(s), {revoked} revoked"
            if self._letters
            else "No letters yet: issue them on the Cohort tab."
        )
        self._show_matching()

    def _show_matching(self) -> None:
        """A term's register is a few thousand rows at most: filtering them here is instant."""
        needle = self.search.text().strip().casefold()
        self.model.set_rows([r for r in self._letters if not needle or needle in searchable(r)])
        self._update_buttons()

    def selected(self) -> LetterRecord | None:
        return selected_row(self.view)

    def select_reference(self, reference: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).reference == reference:
                self.view.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected()
        active = chosen is not None and chosen.status == "issued"
        self.reprint_button.setEnabled(active)
        self.revoke_button.setEnabled(active)

    # --- verify ----------------------------------------------------------------------------

    def verify_entered(self) -> Verification | None:
        return self.verify_box.verify_entered()

    def _select_verified(self, result: Verification) -> None:
        if result.reference and result.register is not None:
            self.search.clear()
            self.select_reference(result.reference)

    # --- reprint and revoke ----------------------------------------------------------------

    def reprint_selected(self) -> PdfPreviewDialog | None:
        """Show the DUPLICATE; the register counts it when it is printed or saved."""
        chosen = self.selected()
        if chosen is None:
            return None
        shown = show_duplicate(self._services, chosen.reference, self)
        if shown is None:
            return None
        dialog, counter = shown
        counter.counted.connect(self._duplicate_counted)
        return dialog

    def _duplicate_counted(self, reference: str) -> None:
        self.refresh()
        self.select_reference(reference)
        self.changed.emit()

    def ask_revoke_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            "Revoke letter",
            f"Why is letter {chosen.reference} ({chosen.name}) revoked?\n"
            "The register keeps the letter and this reason.",
        )
        if not ok:
            return
        if not reason.strip():
            show_error(ValidationError("A letter is revoked only with a reason."), self)
            return
        answer = confirm(
            self,
            "Revoke letter",
            f"Revoke {chosen.reference}? Anyone verifying it will be told it was revoked. "
            "This cannot be undone.",
        )
        if answer:
            self.revoke(chosen.reference, reason)

    def revoke(self, reference: str, reason: str) -> bool:
        try:
            self._services.letters.revoke(reference, reason=reason)
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.refresh()
        self.select_reference(reference)
        self.changed.emit()
        return True
