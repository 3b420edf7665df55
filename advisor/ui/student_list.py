"""The students list: search by roll number, name or email (in the query; near misses when
nothing matches exactly), filter by degree, intake, Coursera membership (in the query) and audit
status (from one cohort audit, run in the background). Keyboard: Enter in the search opens the
one match (or goes to the list), Down goes to the list, Enter in the list opens the row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.audit.result import AuditResult
from advisor.model.coursera_membership import COURSERA_FILTERS
from advisor.model.services import Services
from advisor.model.services.student_service import StudentMatches, StudentRow
from advisor.ui.table_model import CENTER, RIGHT, ROW_ROLE, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row
from advisor.ui.tasks import CancelToken, TaskHandle, run_in_background


@dataclass(frozen=True)
class CohortFacts:
    """What the list needs from a student's audit."""

    eligible: int
    pending: int
    open_mandatory: tuple[str, ...]

    @classmethod
    def of(cls, audit: AuditResult) -> CohortFacts:
        return cls(
            audit.eligible_credits,
            audit.pending_credits,
            tuple(
                r.id
                for r in audit.requirements
                if r.kind == "mandatory" and r.status == "unsatisfied"
            ),
        )


@dataclass(frozen=True)
class StudentListRow:
    student: StudentRow
    facts: CohortFacts | None  # None until the cohort audit is in

    @property
    def roll_no(self) -> str:
        return self.student.roll_no


MEMBERSHIP_COLORS = {"joined": "#067647", "invited": "#b54708", "missing": "#b42318"}
MEMBERSHIP_TIPS = {
    "joined": "Joined the university's Coursera program (ProgramActivity)",
    "invited": "Invited to the Coursera program but has not joined",
    "removed": "Removed from the Coursera program; the records are kept",
    "missing": "Not in the imported ProgramActivity file: never invited, or no file imported yet",
}


def _fact(attr: str) -> Column[StudentListRow]:
    header = {"eligible": "Eligible cr.", "pending": "Pending cr."}[attr]
    return Column[StudentListRow](
        header, lambda r: getattr(r.facts, attr) if r.facts else None, align=RIGHT
    )


STUDENT_COLUMNS = [
    Column[StudentListRow]("Roll no", lambda r: r.student.roll_no),
    Column[StudentListRow]("Name", lambda r: r.student.name, tooltip=lambda r: r.student.email),
    Column[StudentListRow]("Degree", lambda r: r.student.degree, align=CENTER),
    Column[StudentListRow](
        "Intake", lambda r: r.student.intake, sort_key=lambda r: _intake_key(r.student.intake)
    ),
    Column[StudentListRow]("Semester", lambda r: r.student.semester, align=CENTER),
    Column[StudentListRow](
        "Coursera",
        lambda r: r.student.coursera,
        align=CENTER,
        color=lambda r: MEMBERSHIP_COLORS.get(r.student.coursera),
        tooltip=lambda r: (
            MEMBERSHIP_TIPS[r.student.coursera]
            + (f"\nProgram: {r.student.coursera_program}" if r.student.coursera_program else "")
        ),
    ),
    _fact("eligible"),
    _fact("pending"),
    Column[StudentListRow](
        "Mandatory open",
        lambda r: ", ".join(r.facts.open_mandatory) if r.facts else None,
        color=lambda r: "#b42318" if r.facts and r.facts.open_mandatory else None,
    ),
]

TERM_ORDER = {"Spring": 0, "Summer": 1, "Fall": 2}


def _intake_key(intake: str) -> tuple[int, int]:
    term, _, year = intake.partition(" ")
    return (int(year) if year.isdigit() else 0, TERM_ORDER.get(term, 3))


# Status filters: (label, test on the cohort facts)
STATUS_FILTERS: list[tuple[str, object]] = [
    ("Any status", None),
    ("Has pending credits", lambda f: f.pending > 0),
    ("Has eligible credits", lambda f: f.eligible > 0),
    ("Mandatory requirement open", lambda f: bool(f.open_mandatory)),
    ("No credits yet", lambda f: f.eligible == 0 and f.pending == 0),
]


class StudentList(QWidget):
    open_requested = Signal(str)  # roll number

    def __init__(self, services: Services, today: date) -> None:
        super().__init__()
        self._services = services
        self._today = today
        self._facts: dict[str, CohortFacts] | None = None
        self.cohort_task: TaskHandle | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by roll number, name or email…")
        self.search.setAccessibleName("Search students")
        self.search.setClearButtonEnabled(True)
        self.degree = QComboBox()
        self.degree.setAccessibleName("Degree filter")
        self.intake = QComboBox()
        self.intake.setAccessibleName("Intake filter")
        self.coursera = QComboBox()
        self.coursera.setAccessibleName("Coursera membership filter")
        self.coursera.addItem("Anyone", None)
        for state in COURSERA_FILTERS:
            self.coursera.addItem(state.capitalize(), state)
        self.status = QComboBox()
        self.status.setAccessibleName("Status filter")
        for label, test in STATUS_FILTERS:
            self.status.addItem(label, test)
        self.count = QLabel()
        self.count.setAccessibleName("Number of students shown")
        self.model: RowTableModel[StudentListRow] = RowTableModel(STUDENT_COLUMNS)
        self.view = make_table(self.model, "Students", stretch=1)
        # Narrow enough that the stretched Name keeps ~150 px on a 1024-pixel screen.
        widths = ((0, 115), (2, 65), (3, 90), (4, 70), (5, 75), (6, 80), (7, 80), (8, 110))
        for column, width in widths:
            self.view.setColumnWidth(column, width)
        self.open_button = QPushButton("Open student")
        self.open_button.setAccessibleName("Open the selected student")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, combo in (
            ("Degree", self.degree),
            ("Intake", self.intake),
            ("Coursera", self.coursera),
            ("Status", self.status),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.search.textChanged.connect(lambda _t: self.reload())
        for combo in (self.degree, self.intake, self.coursera, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.doubleClicked.connect(
            lambda index: self.open_requested.emit(index.data(ROW_ROLE).roll_no)
        )
        self.view.activated.connect(
            lambda index: self.open_requested.emit(index.data(ROW_ROLE).roll_no)
        )
        self.open_button.clicked.connect(self._open_selected)
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search goes to the list (its first row, or the row already chosen)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down  # type: ignore[attr-defined]
        ):
            self.enter_list()
            return True
        return super().eventFilter(watched, event)

    def enter_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        if selected_row(self.view) is None:
            self.view.selectRow(0)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search_entered(self) -> None:
        """Enter: one match opens; several go to the list to choose with the arrows."""
        if self.model.rowCount() == 1:
            self.open_requested.emit(self.model.row_at(0).roll_no)
        else:
            self.enter_list()

    def _open_selected(self) -> None:
        row = selected_row(self.view)
        if row is None and self.model.rowCount() == 1:
            row = self.model.row_at(0)
        if row is not None:
            self.open_requested.emit(row.roll_no)

    def refresh(self) -> None:
        """Fill the filter choices, the rows, and start the cohort audit behind them."""
        self._fill_choices()
        self._facts = None
        self.reload()
        self.start_cohort_audit()

    def _fill_choices(self) -> None:
        everyone = self._services.students.list()
        degrees = sorted({s.degree for s in everyone})
        intakes = sorted({s.intake for s in everyone}, key=_intake_key, reverse=True)
        for combo, choices, anything in (
            (self.degree, degrees, "All degrees"),
            (self.intake, intakes, "All intakes"),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for choice in choices:
                combo.addItem(choice, choice)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def start_cohort_audit(self) -> TaskHandle:
        if self.cohort_task is not None and not self.cohort_task.is_finished:
            self.cohort_task.cancel()
        audit, today = self._services.audit, self._today

        def work(token: CancelToken) -> dict[str, CohortFacts]:
            results = audit.audit_cohort(today=today)
            token.check()
            return {a.roll_no: CohortFacts.of(a) for a in results}

        self.cohort_task = run_in_background(work, on_done=self._cohort_done, owner=self)
        return self.cohort_task

    def _cohort_done(self, facts: dict[str, CohortFacts]) -> None:
        self._facts = facts
        self.reload()

    def reload(self) -> None:
        found = self._services.students.find(
            self.degree.currentData(),
            self.intake.currentData(),
            self.search.text(),
            coursera=self.coursera.currentData(),
        )
        facts = self._facts or {}
        rows = [StudentListRow(s, facts.get(s.roll_no)) for s in found.rows]
        test = self.status.currentData()
        if callable(test):
            rows = [r for r in rows if r.facts is not None and test(r.facts)]
        self.model.set_rows(rows)
        waiting = test is not None and self._facts is None
        self.count.setText(
            "Checking every student's audit…" if waiting else self._count_text(found, len(rows))
        )

    def _count_text(self, found: StudentMatches, shown: int) -> str:
        """How many, and for a search what was searched: a person sees why a list is empty."""
        filtered = any(
            combo.currentIndex() > 0
            for combo in (self.degree, self.intake, self.coursera, self.status)
        )
        where = " with the filters chosen" if filtered else ""
        if not found.search:
            return f"{shown} student(s)"
        if shown == 0:
            return f"No student matches '{found.search}'{where}."
        if found.near:
            return f"No exact match for '{found.search}'; {shown} close match(es){where}"
        return f"{shown} student(s) match '{found.search}'{where}"

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
