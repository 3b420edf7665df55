"""Students: the list, a student's workspace, and the advising-session view, one at a time."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.document_service import RenderedDocument
from advisor.model.services.letter_service import IssuedLetter
from advisor.ui.advising_view import AdvisingView
from advisor.ui.errors import show_error
from advisor.ui.main_window import pdf_file_name
from advisor.ui.pdf_preview import PdfPreviewDialog, show_pdf
from advisor.ui.screen import Change, Screen
from advisor.ui.student_list import StudentList
from advisor.ui.student_workspace import StudentWorkspace

EMPTY_HINT = (
    "No students yet. Import the roster on the Imports screen (Ctrl+I): a CSV or Excel file "
    "with Roll No, Name, Program and Intake columns, after the credit policy (Policy → Import "
    "policy JSON…). Then import a Coursera export to see their progress."
)


class StudentsScreen(Screen):
    reads = (
        Change.STUDENTS
        | Change.PROGRESS
        | Change.POLICY
        | Change.CATALOG
        | Change.LETTERS
        | Change.PLANS
    )

    def __init__(self, services: Services, today: date | None = None) -> None:
        super().__init__()
        self._services = services
        self.today = today or date.today()
        self.list = StudentList(services, self.today)
        self.workspace = StudentWorkspace(services, self.today)
        self.advising = AdvisingView()
        # The advising view scrolls rather than making the window taller than the screen.
        self.advising_scroll = QScrollArea()
        self.advising_scroll.setWidgetResizable(True)
        self.advising_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.advising_scroll.setWidget(self.advising)
        self.pages = QStackedWidget()
        for page in (self.list, self.workspace, self.advising_scroll):
            self.pages.addWidget(page)
        self.empty_hint = QLabel(EMPTY_HINT)  # an empty database says what to do first
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAccessibleName("What to do first")
        self.empty_hint.setStyleSheet("background: #fff4ce; padding: 8px;")
        self.empty_hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.pages)

        self.list.open_requested.connect(self.open_student)
        self.workspace.back_requested.connect(self.show_list)
        self.workspace.advising_requested.connect(self.start_advising)
        self.advising.back_requested.connect(self.end_advising)
        self.workspace.letters_tab.letter_printed.connect(self._preview_letter)
        self.workspace.plan_tab.print_requested.connect(lambda plan: self.print_plan(plan.version))
        self.workspace.wrote.connect(self.wrote)
        self._loaded = False
        self.preview: PdfPreviewDialog | None = None  # the last document shown (tests read it)
        self._printed: RenderedDocument | None = None

    # --- pages ---------------------------------------------------------------------------

    def open_student(self, roll_no: str) -> None:
        self.workspace.open_student(roll_no)
        self.pages.setCurrentWidget(self.workspace)

    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.list)
        self.list.reload()

    def start_advising(self) -> None:
        workspace = self.workspace
        if workspace.detail is None or workspace.audit is None:
            return
        self.advising.show_student(workspace.detail, workspace.audit)
        self.advising.show_plan(workspace.plan_tab.plan, self.today)
        self.pages.setCurrentWidget(self.advising_scroll)
        self.full_window_requested.emit(True)

    def end_advising(self) -> None:
        self.pages.setCurrentWidget(self.workspace)
        self.full_window_requested.emit(False)

    def print_plan(self, version: int | None = None) -> PdfPreviewDialog | None:
        """The student's current plan (or the version given), to sign, in the print preview."""
        if self.workspace.roll_no is None:
            return None
        try:
            self._printed = self._services.documents.plan(
                self.workspace.roll_no, today=self.today, version=version
            )
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        title = self._printed.file_name.removesuffix(".pdf")
        self.preview = show_pdf(
            self._printed.pdf, title=title, suggested_name=self._printed.file_name, parent=self
        )
        return self.preview

    def _preview_letter(self, letter: IssuedLetter) -> None:
        title = f"Letter {letter.record.reference}"
        self.preview = show_pdf(
            letter.pdf(), title=title, suggested_name=pdf_file_name(title), parent=self
        )

    def in_advising_view(self) -> bool:
        return self.pages.currentWidget() is self.advising_scroll

    # --- main-window protocol ------------------------------------------------------------

    def refresh(self) -> None:
        self.empty_hint.setVisible(not self._services.students.list())
        if self.pages.currentWidget() is self.list or not self._loaded:
            self.list.refresh()
            self._loaded = True
        elif self.pages.currentWidget() is self.workspace:
            self.workspace.reload()

    @property
    def print_title(self) -> str:
        return self._printed.file_name.removesuffix(".pdf") if self._printed else "Students"

    def print_document(self) -> bytes | None:
        """Ctrl+P: the open student's progress report, or the cohort summary of the degree
        (and intake) chosen in the list; nothing when no degree is chosen."""
        documents, today = self._services.documents, self.today
        if self.pages.currentWidget() is self.list:
            degree = self.list.degree.currentData()
            if degree is None:
                return None
            self._printed = documents.cohort_summary(
                degree, self.list.intake.currentData(), today=today
            )
        elif self.workspace.roll_no is not None and self.workspace.showing_plan():
            shown = self.workspace.plan_tab.plan  # the version on screen, else the current one
            version = shown.version if shown is not None else None
            self._printed = documents.plan(self.workspace.roll_no, today=today, version=version)
        elif self.workspace.roll_no is not None:
            self._printed = documents.progress_report(self.workspace.roll_no, today=today)
        else:
            return None
        return self._printed.pdf

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.list:
            self.show_list()
        self.list.focus_search()
