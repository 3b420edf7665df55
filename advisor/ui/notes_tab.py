"""Notes: dated advising notes, newest first, and a box to write today's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from advisor.model.errors import AdvisorError
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.notes_service import NoteRecord
from advisor.ui.errors import show_error
from advisor.ui.role_gate import needs
from advisor.ui.table_model import CENTER, Column, RowTableModel
from advisor.ui.table_view import make_table

NOTE_COLUMNS = [
    Column[NoteRecord]("Date", lambda n: n.written_on, align=CENTER),
    Column[NoteRecord]("Note", lambda n: " ".join(n.text.split()), tooltip=lambda n: n.text),
    Column[NoteRecord]("By", lambda n: n.created_by),
]


class NotesTab(QWidget):
    note_added = Signal(object)

    def __init__(self, services: Services, today: date) -> None:
        super().__init__()
        self._services = services
        self._today = today
        self._roll_no: str | None = None
        self.notes: RowTableModel[NoteRecord] = RowTableModel(NOTE_COLUMNS)
        self.view = make_table(self.notes, "Advising notes", stretch=1)
        self.view.setColumnWidth(0, 100)
        self.view.setColumnWidth(2, 90)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("New advising note")
        self.editor.setPlaceholderText("What was discussed and agreed in this session…")
        self.editor.setMaximumHeight(110)
        self.add_button = QPushButton("Save note")
        self.add_button.setAccessibleName("Save the advising note")
        self.add_button.clicked.connect(self.save_note)
        row = QHBoxLayout()
        label = QLabel(f"Note for {today.isoformat()}:")
        needs(Role.ADVISOR, label, self.editor, self.add_button)
        row.addWidget(label)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.editor)

    def show_student(self, roll_no: str) -> None:
        self._roll_no = roll_no
        self.notes.set_rows(self._services.notes.list_notes(roll_no))

    def save_note(self) -> NoteRecord | None:
        if self._roll_no is None:
            return None
        try:
            note = self._services.notes.add_note(
                self._roll_no, self.editor.toPlainText(), written_on=self._today
            )
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.editor.clear()
        self.show_student(self._roll_no)
        self.note_added.emit(note)
        return note
