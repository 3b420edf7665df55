"""Exceptions: substitute a program into a slot, waive a slot, mark a course complete — each
with its reason — and withdraw one (the record of it is kept). An advisor's exception is a
proposal until a controller approves it here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.audit.result import AuditResult
from advisor.model.errors import AdvisorError
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.exception_service import ExceptionRecord
from advisor.ui.errors import show_error
from advisor.ui.role_gate import needs
from advisor.ui.table_model import CENTER, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row

KIND_TEXT = {"substitute": "Substitute", "waive": "Waive", "course_complete": "Course complete"}

EXCEPTION_COLUMNS = [
    Column[ExceptionRecord]("Kind", lambda e: KIND_TEXT.get(e.kind, e.kind)),
    Column[ExceptionRecord]("What", lambda e: e.describe(), tooltip=lambda e: e.describe()),
    Column[ExceptionRecord]("Reason", lambda e: e.reason, tooltip=lambda e: e.reason),
    Column[ExceptionRecord]("By", lambda e: e.author),
    Column[ExceptionRecord]("On", lambda e: e.created_at.date(), align=CENTER),
    Column[ExceptionRecord](
        "State",
        lambda e: _state(e),
        color=lambda e: "#9a6700" if e.pending else None if e.active else "#6e7781",
    ),
]


def _state(e: ExceptionRecord) -> str:
    if not e.active:
        return f"Removed {e.removed_at:%Y-%m-%d} by {e.removed_by}"
    return (
        "Proposed: awaits a controller" if e.pending else f"In force (approved by {e.approved_by})"
    )


class ExceptionsTab(QWidget):
    changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._roll_no: str | None = None
        self.records: RowTableModel[ExceptionRecord] = RowTableModel(EXCEPTION_COLUMNS)
        self.view = make_table(self.records, "Exceptions", stretch=1)
        self.show_removed = QCheckBox("Show withdrawn exceptions")
        self.show_removed.toggled.connect(lambda _on: self._reload())
        self.remove_button = QPushButton("Withdraw selected")
        self.remove_button.setAccessibleName("Withdraw the selected exception")
        self.remove_button.clicked.connect(self.remove_selected)
        self.approve_button = QPushButton("Approve selected")
        self.approve_button.setAccessibleName("Approve the selected proposed exception")
        self.approve_button.clicked.connect(self.approve_selected)

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of exception")
        self.kind.addItem("Substitute a program for a requirement", "substitute")
        self.kind.addItem("Waive a requirement", "waive")
        self.kind.addItem("Mark a course complete", "course_complete")
        self.slot = QComboBox()
        self.slot.setAccessibleName("Requirement")
        self.program = QComboBox()
        self.program.setAccessibleName("Program")
        self.course = QComboBox()
        self.course.setAccessibleName("Course")
        self.evidence = QLineEdit()
        self.evidence.setAccessibleName("Evidence")
        self.evidence.setPlaceholderText("e.g. certificate PDF seen, code ABC123")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("Why the exception is granted")
        self.add_button = QPushButton("Add exception")
        self.add_button.setAccessibleName("Add the exception")
        self.add_button.clicked.connect(self.add_exception)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_fields())

        self.add_form = QWidget()
        self.add_form.setAccessibleName("New exception")
        self.form = QFormLayout(self.add_form)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow("Exception", self.kind)
        self.form.addRow("Requirement", self.slot)
        self.form.addRow("Program", self.program)
        self.form.addRow("Course", self.course)
        self.form.addRow("Evidence", self.evidence)
        self.form.addRow("Reason", self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_removed)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.remove_button)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.add_form)
        layout.addLayout(add_row)
        needs(Role.ADVISOR, self.add_form, self.add_button, self.remove_button)
        needs(Role.CONTROLLER, self.approve_button)
        self._show_fields()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        for widget, kinds in (
            (self.slot, {"substitute", "waive"}),
            (self.program, {"substitute"}),
            (self.course, {"course_complete"}),
            (self.evidence, {"course_complete"}),
        ):
            self.form.setRowVisible(widget, kind in kinds)

    def show_student(self, roll_no: str, audit: AuditResult) -> None:
        self._roll_no = roll_no
        self.slot.clear()
        for r in audit.requirements:
            self.slot.addItem(f"{r.id}: {r.title}", r.id)
        if self.program.count() == 0:
            listing = self._services.catalog.list()
            for p in listing.programs:
                self.program.addItem(p.title, p.slug)
            for c in listing.courses:
                self.course.addItem(f"{c.title} ({c.provider})", c.slug)
        self._reload()

    def _reload(self) -> None:
        if self._roll_no is not None:
            self.records.set_rows(
                self._services.exceptions.list(
                    self._roll_no, include_removed=self.show_removed.isChecked()
                )
            )

    def add_exception(self) -> ExceptionRecord | None:
        if self._roll_no is None:
            return None
        service, roll, reason = self._services.exceptions, self._roll_no, self.reason.text()
        kind = self.kind.currentData()
        try:
            if kind == "substitute":
                record = service.add_substitute(
                    roll, self.program.currentData(), self.slot.currentData(), reason
                )
            elif kind == "waive":
                record = service.add_waiver(roll, self.slot.currentData(), reason)
            else:
                record = service.add_course_completion(
                    roll, self.course.currentData(), self.evidence.text(), reason
                )
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.reason.clear()
        self.evidence.clear()
        self._reload()
        self.changed.emit()
        return record

    def approve_selected(self) -> ExceptionRecord | None:
        record = selected_row(self.view)
        if not isinstance(record, ExceptionRecord):
            return None
        try:
            approved = self._services.exceptions.approve(record.id)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self._reload()
        self.changed.emit()
        return approved

    def remove_selected(self) -> ExceptionRecord | None:
        record = selected_row(self.view)
        if not isinstance(record, ExceptionRecord):
            return None
        try:
            removed = self._services.exceptions.remove(record.id)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self._reload()
        self.changed.emit()
        return removed
