"""One student's workspace: who they are, and tabs for progress, audit, plan, exceptions, notes
and letters. Every tab reads the same audit, re-run whenever something that changes it is saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor.model.audit.comparison import AuditComparison
from advisor.model.audit.result import AuditResult
from advisor.model.plan_result import PlanDetail
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.student_service import StudentDetail
from advisor.ui.audit_tab import AuditTab
from advisor.ui.exceptions_tab import ExceptionsTab
from advisor.ui.history_view import HistoryView
from advisor.ui.notes_tab import NotesTab
from advisor.ui.plan_tab import PlanTab
from advisor.ui.progress_page import ProgressPage
from advisor.ui.progress_tab import summary_line
from advisor.ui.screen import Change
from advisor.ui.student_letters_tab import StudentLettersTab


def student_heading(detail: StudentDetail) -> str:
    relation = {"F": "D/O", "M": "S/O"}.get(detail.gender, "child of")
    father = f" · {relation} {detail.father_name}" if detail.father_name else ""
    return f"{detail.roll_no}{father} · {detail.degree} · intake {detail.intake} · semester {detail.semester}"


class StudentWorkspace(QWidget):
    back_requested = Signal()
    advising_requested = Signal()
    audit_changed = Signal(object)  # the student's own AuditResult, after every change
    wrote = Signal(object)  # a Change, after anything on these tabs wrote

    def __init__(self, services: Services, today: date) -> None:
        super().__init__()
        self.setAccessibleName("Student workspace")
        self._services = services
        self._today = today
        self.roll_no: str | None = None
        self.detail: StudentDetail | None = None
        self.audit: AuditResult | None = None

        self.back_button = QPushButton("← All students")
        self.back_button.setAccessibleName("Back to the list of students")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.advising_button = QPushButton("Advising view")
        self.advising_button.setAccessibleName("Show the advising-session view for this student")
        self.advising_button.setToolTip("A large, student-only view to turn toward the student")
        self.advising_button.clicked.connect(self.advising_requested.emit)
        self.name = QLabel()
        self.name.setAccessibleName("Student name")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.facts = QLabel()
        self.facts.setAccessibleName("Student details")
        self.summary = QLabel()
        self.summary.setAccessibleName("Credit summary")

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Student tabs")
        self.progress_page = ProgressPage(services, today)
        self.progress_model, self.progress_view = (
            self.progress_page.programs,
            self.progress_page.program_view,
        )
        self.audit_tab = AuditTab()
        self.plan_tab = PlanTab(services, today)
        self.exceptions_tab = ExceptionsTab(services)
        self.notes_tab = NotesTab(services, today)
        self.letters_tab = StudentLettersTab(services, today)
        self.history_tab = HistoryView(services, student_tab=True)
        self.tabs.addTab(self.progress_page, "&Progress")
        self.tabs.addTab(self.audit_tab, "&Audit")
        self.tabs.addTab(self.plan_tab, "P&lan")
        self.tabs.addTab(self.exceptions_tab, "E&xceptions")
        self.tabs.addTab(self.notes_tab, "&Notes")
        self.tabs.addTab(self.letters_tab, "Le&tters")
        self.tabs.addTab(self.history_tab, "&History")
        actor = services.accounts.current()  # letters are the office's: hidden below it
        self.tabs.setTabVisible(
            self.tabs.indexOf(self.letters_tab), actor is not None and actor.may(Role.OFFICE)
        )
        self.audit_tab.what_if_requested.connect(self.run_what_if)
        self.exceptions_tab.changed.connect(self.reload)
        self.progress_page.verified.connect(self.reload)
        self.notes_tab.note_added.connect(lambda _note: self.history_tab.reload())
        self.plan_tab.plan_changed.connect(self._plan_changed)
        self.exceptions_tab.changed.connect(lambda: self.wrote.emit(Change.PROGRESS))
        self.progress_page.verified.connect(lambda: self.wrote.emit(Change.PROGRESS))
        self.notes_tab.note_added.connect(lambda _note: self.wrote.emit(Change.PROGRESS))
        self.plan_tab.wrote.connect(self.wrote)
        self.letters_tab.letter_printed.connect(lambda _l: self.wrote.emit(Change.LETTERS))
        self._approved_version: int | None = None  # the approved plan the audit last knew
        self._opening = False

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.advising_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    @property
    def today(self) -> date:
        return self._today

    def open_student(self, roll_no: str) -> None:
        self.detail = self._services.students.show(roll_no)
        self.roll_no = self.detail.roll_no
        self.name.setText(self.detail.name)
        self.facts.setText(student_heading(self.detail))
        degrees = [(d.code, d.title) for d in self._services.policy.degrees()]
        self.audit_tab.set_degrees(self.detail.degree, degrees)
        self.notes_tab.show_student(self.roll_no)
        self.letters_tab.show_student(self.roll_no)
        self.history_tab.show_student(self.roll_no)
        self.reload()
        self._approved_version, self._opening = None, True
        try:  # the audit just read the approved plan: showing it needs no second audit
            self.plan_tab.show_student(self.roll_no)
        finally:
            self._opening = False

    def _plan_changed(self, plan: PlanDetail | None) -> None:
        """A plan just approved changes the audit (its open requirements become Planned)."""
        self.history_tab.reload()
        approved = plan.version if plan is not None and plan.status == "approved" else None
        if approved is not None and approved != self._approved_version and not self._opening:
            self.reload()
        if approved is not None:
            self._approved_version = approved

    def reload(self) -> None:
        """Re-run the student's own audit and show it everywhere."""
        if self.roll_no is None:
            return
        audit = self._services.audit.audit_student(self.roll_no, today=self._today)
        self.audit = audit
        self.summary.setText(summary_line(audit))
        self.progress_page.show_audit(self.roll_no, self.detail.name if self.detail else "", audit)
        self.audit_tab.show_audit(audit)
        self.exceptions_tab.show_student(self.roll_no, audit)
        self.history_tab.reload()
        self.audit_changed.emit(audit)

    def showing_plan(self) -> bool:
        """The Plan tab is open on a plan (Ctrl+P then prints the plan, not the progress)."""
        return self.tabs.currentWidget() is self.plan_tab and self.plan_tab.plan is not None

    def run_what_if(self, degree: str | None, year: int | None) -> AuditComparison | None:
        """The what-if (another degree, another year's policy) beside the own audit; with
        neither, back to the own audit."""
        if self.roll_no is None:
            return None
        if degree is None and year is None:
            self.reload()
            return None
        comparison = self._services.audit.what_if(
            self.roll_no, today=self._today, degree=degree, policy_year=year
        )
        self.audit_tab.show_comparison(comparison)
        return comparison
