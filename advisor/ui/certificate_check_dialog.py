"""Record certificate checks: one row per certificate (a student's course or program) with the
code or Coursera verify URL the person saw, and one note for them all. Saved in one
transaction: a refused row keeps the dialog open and records nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.certificate_check_service import CertificateCheckRecord, CheckRequest
from advisor.ui.errors import show_error

CODE_COLUMN = 2


class CertificateCheckDialog(QDialog):
    """`items`: (student shown, certificate shown, the request without its code)."""

    recorded = Signal(list)  # the CertificateCheckRecords saved

    def __init__(
        self,
        services: Services,
        today: date,
        items: Sequence[tuple[str, str, CheckRequest]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today
        self._requests = [request for _student, _what, request in items]
        self.setWindowTitle("Verify certificates" if len(items) > 1 else "Verify a certificate")
        self.setAccessibleName("Verify certificates")
        intro = QLabel(
            "Open each certificate's Coursera verify page, check the name and the course or "
            "program, then type its code or paste the URL. Checked by "
            f"{self._who()} on {today.isoformat()}."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(items), 3, self)
        self.table.setAccessibleName("Certificates to record")
        self.table.setHorizontalHeaderLabels(["Student", "Certificate", "Code or verify URL"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CODE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.code_edits: list[QLineEdit] = []
        for row, (student, what, request) in enumerate(items):
            for column, text in ((0, student), (1, what)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            edit = QLineEdit(request.code)
            edit.setAccessibleName(f"Certificate code for {student}, {what}")
            edit.setPlaceholderText("e.g. ABC123XYZ or https://coursera.org/verify/…")
            self.table.setCellWidget(row, CODE_COLUMN, edit)
            self.code_edits.append(edit)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Note (optional): what you checked, e.g. 'name matches'")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Record the check" if len(items) == 1 else "Record the checks")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(720, min(520, 200 + 34 * len(items)))
        if self.code_edits:
            self.code_edits[0].setFocus()

    def _who(self) -> str:
        actor = self._services.accounts.current()
        return actor.full_name or actor.user_name if actor else "you"

    def set_code(self, row: int, text: str) -> None:
        self.code_edits[row].setText(text)

    def save(self) -> list[CertificateCheckRecord] | None:
        note = self.note.text()
        requests = [
            replace(request, code=edit.text(), note=note)
            for request, edit in zip(self._requests, self.code_edits, strict=True)
        ]
        try:
            records = self._services.certificates.verify_many(requests, today=self._today)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.recorded.emit(records)
        self.accept()
        return records
