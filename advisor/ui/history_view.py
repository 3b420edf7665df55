"""The change log on screen: the History screen (filter by student, user, action, date) and,
fixed to one student, the History tab of the student workspace. "Check the record" recomputes
the hash chain and the signatures over its head."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.history_service import LogEvent, LogFilter
from advisor.ui.errors import show_error
from advisor.ui.screen import Change, Screen
from advisor.ui.table_model import CENTER, RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table

ACTION_TEXT = {
    "upgraded": "Database upgraded",
    "refused": "Refused (role)",
    "sign-in.failed": "Sign-in failed",
}

HISTORY_COLUMNS = [
    Column[LogEvent]("#", lambda e: e.id, align=RIGHT),
    Column[LogEvent](
        "When (UTC)", lambda e: f"{e.at:%Y-%m-%d %H:%M}", sort_key=lambda e: e.at, align=CENTER
    ),
    Column[LogEvent]("Who", lambda e: e.user),
    Column[LogEvent]("Action", lambda e: ACTION_TEXT.get(e.action, e.action)),
    Column[LogEvent]("Record", lambda e: e.record, tooltip=lambda e: e.record),
    Column[LogEvent]("Student", lambda e: e.roll_no or ""),
    Column[LogEvent](
        "Before → after",
        lambda e: e.summary + (f" — why: {e.reason}" if e.reason else ""),
        tooltip=lambda e: e.summary + (f"\nWhy: {e.reason}" if e.reason else ""),
        color=lambda e: "#cf222e" if e.action in ("refused", "sign-in.failed") else None,
    ),
]
STUDENT_COLUMNS = [c for c in HISTORY_COLUMNS if c.header != "Student"]


class HistoryView(Screen):
    """`roll_no` fixed: one student's history (the workspace tab); else the whole log."""

    reads = Change.everything()  # every write is in the log

    def __init__(self, services: Services, *, student_tab: bool = False) -> None:
        super().__init__()
        self.setAccessibleName("Student history" if student_tab else "History")
        self._services = services
        self._student_tab = student_tab
        self._roll_no: str | None = None
        columns = STUDENT_COLUMNS if student_tab else HISTORY_COLUMNS
        self.events: RowTableModel[LogEvent] = RowTableModel(columns)
        self.view = make_table(  # newest first, as the service gives them
            self.events, "Change log", stretch=len(columns) - 1, sort_first=False
        )
        widths = [44, 140, 80, 150, 170] + ([] if student_tab else [100])
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)

        self.student = QLineEdit()
        self.student.setAccessibleName("Filter by roll number")
        self.student.setPlaceholderText("Roll number")
        self.user = QLineEdit()
        self.user.setAccessibleName("Filter by user")
        self.user.setPlaceholderText("User")
        self.action = QComboBox()
        self.action.setAccessibleName("Filter by action")
        self.since_on = QCheckBox("Since")
        self.since = QDateEdit()
        self.since.setAccessibleName("Since date")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setDate(QDate.currentDate().addMonths(-1))
        self.check_button = QPushButton("Check the record")
        self.check_button.setAccessibleName("Check the change log's hash chain and signatures")
        self.check_button.clicked.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Change log check")
        self.verdict.setWordWrap(True)
        self.count = QLabel()
        for signal in (self.student.returnPressed, self.user.returnPressed):
            signal.connect(self.reload)
        self.action.activated.connect(lambda _i: self.reload())
        self.since_on.toggled.connect(lambda _on: self.reload())
        self.since.dateChanged.connect(lambda _d: self._since_changed())

        filters = QHBoxLayout()
        if not student_tab:
            filters.addWidget(self.student)
            filters.addWidget(self.user)
        else:
            self.student.hide()
            self.user.hide()
        filters.addWidget(self.action)
        filters.addWidget(self.since_on)
        filters.addWidget(self.since)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        if not student_tab:
            heading = QLabel(
                "<b>History</b>: every change, who made it and why. The record is a hash "
                "chain: an edit, a deletion or a reordering shows when it is checked."
            )
            heading.setWordWrap(True)
            layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verdict, 1)
        bottom.addWidget(self.check_button)
        layout.addLayout(bottom)

    def _since_changed(self) -> None:
        if self.since_on.isChecked():
            self.reload()

    def show_student(self, roll_no: str) -> None:
        self._roll_no = roll_no
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self._student_tab and self._roll_no is None:
            return
        self._fill_actions()
        wanted = LogFilter(
            roll_no=self._roll_no if self._student_tab else self.student.text().strip() or None,
            user=None if self._student_tab else self.user.text().strip() or None,
            action=self.action.currentData() or None,
            since=_day(self.since.date()) if self.since_on.isChecked() else None,
        )
        try:
            rows = self._services.history.events(wanted)
        except AdvisorError as exc:
            show_error(exc, self)
            return
        self.events.set_rows(rows)
        self.count.setText(f"{len(rows)} event(s)")

    def _fill_actions(self) -> None:
        chosen = self.action.currentData()
        actions = self._services.history.actions()
        if [self.action.itemData(i) for i in range(1, self.action.count())] == actions:
            return
        self.action.clear()
        self.action.addItem("All actions", "")
        for action in actions:
            self.action.addItem(ACTION_TEXT.get(action, action), action)
        index = self.action.findData(chosen)
        self.action.setCurrentIndex(max(index, 0))

    def check(self) -> None:
        result = self._services.history.verify()
        if result.ok:
            signed = (
                f"; {result.signatures} signed head(s), {result.signatures_checked} verified"
                if result.signatures
                else ""
            )
            self.verdict.setText(f"✔ The record is intact: {result.events} events{signed}.")
            self.verdict.setStyleSheet("color: #1a7f37;")
        elif result.problem:
            self.verdict.setText(
                f"✘ The record is broken at event {result.first_broken}: {result.problem}."
            )
            self.verdict.setStyleSheet("color: #cf222e; font-weight: bold;")
        else:
            self.verdict.setText(f"✘ The letter register was altered: {result.altered_letters()}.")
            self.verdict.setStyleSheet("color: #cf222e; font-weight: bold;")


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
