"""The Progress tab: the student's programs; a program row opens to its courses below, each
with its certificate code and who verified it; "Verify…" records a person's certificate check
for the chosen course or program."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from advisor.model.audit.result import AuditResult, ProgramResult
from advisor.model.errors import AdvisorError
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.certificate_check_service import CheckRequest
from advisor.model.services.certificate_desk import CourseLine, ProgramCourses
from advisor.ui.certificate_check_dialog import CertificateCheckDialog
from advisor.ui.errors import show_error
from advisor.ui.progress_tab import program_order, progress_table
from advisor.ui.role_gate import needs
from advisor.ui.table_model import CENTER, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row

COURSE_STATUS = {
    "completed": "Completed",
    "in_progress": "In progress",
    "enrolled": "Enrolled",
    "not_started": "Not started",
}

COURSE_COLUMNS = [
    Column[CourseLine]("Course", lambda c: c.title, tooltip=lambda c: c.slug),
    Column[CourseLine](
        "Status",
        lambda c: (
            COURSE_STATUS.get(c.status, c.status)
            + (f" ({c.progress:g} %)" if c.status == "in_progress" else "")
        ),
    ),
    Column[CourseLine]("Completed on", lambda c: c.completed_on, align=CENTER),
    Column[CourseLine]("Certificate code", lambda c: c.code, tooltip=lambda c: c.code),
    Column[CourseLine](
        "Verified",
        lambda c: c.verified_how or ("Not verified" if c.status == "completed" else ""),
        tooltip=lambda c: c.note,
        color=lambda c: "#9a6700" if c.status == "completed" and not c.verified else None,
    ),
]


class ProgressPage(QWidget):
    verified = Signal()  # a check was recorded: the audit has changed

    def __init__(self, services: Services, today: date) -> None:
        super().__init__()
        self._services = services
        self._today = today
        self._roll_no: str | None = None
        self._student = ""
        self._courses: dict[str, ProgramCourses] = {}
        self.dialog: CertificateCheckDialog | None = None  # the last one opened (tests read it)
        self.programs, self.program_view = progress_table()
        self.program_view.setAccessibleName("Programs and progress (choose one to see its courses)")
        self.courses: RowTableModel[CourseLine] = RowTableModel(COURSE_COLUMNS)
        self.course_view = make_table(
            self.courses, "Courses of the chosen program", stretch=0, sort_first=False
        )
        for column, width in ((1, 100), (2, 100), (3, 130), (4, 150)):
            self.course_view.setColumnWidth(column, width)
        self.course_title = QLabel("Choose a program to see its courses.")
        self.course_title.setAccessibleName("Chosen program")
        self.verify_program_button = QPushButton("Verify program…")
        self.verify_program_button.setAccessibleName(
            "Record a check of the chosen program's certificate"
        )
        self.verify_program_button.clicked.connect(self.verify_program)
        self.verify_course_button = QPushButton("Verify course…")
        self.verify_course_button.setAccessibleName(
            "Record a check of the chosen course's certificate"
        )
        self.verify_course_button.clicked.connect(self.verify_course)
        needs(Role.ADVISOR, self.verify_program_button, self.verify_course_button)
        self.program_view.selectionModel().currentRowChanged.connect(self._program_chosen)
        self.program_view.activated.connect(lambda _index: self.course_view.setFocus())
        self.course_view.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())

        lower = QWidget()
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.course_title, 1)
        head.addWidget(self.verify_program_button)
        head.addWidget(self.verify_course_button)
        below.addLayout(head)
        below.addWidget(self.course_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.program_view)
        split.addWidget(lower)
        split.setSizes([260, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._buttons()

    def show_audit(self, roll_no: str, student: str, audit: AuditResult) -> None:
        """The programs of the student's audit; the chosen program stays chosen."""
        chosen = self.chosen_program()
        self._roll_no, self._student = roll_no, student
        rows = program_order(audit)
        started = [p.slug for p in rows if p.status != "not_started"]
        self._courses = {
            p.slug: p for p in self._services.certificates.student_certificates(roll_no, started)
        }
        self.programs.set_rows(rows)
        slugs = [p.slug for p in self.programs.rows()]
        if chosen is not None and chosen.slug in slugs:
            self.open_program(chosen.slug)
        elif started:
            self.open_program(started[0])
        else:
            self.courses.set_rows([])
            self._buttons()

    def open_program(self, slug: str) -> None:
        """Choose the program's row: its courses fill the table below."""
        row = next(i for i, p in enumerate(self.programs.rows()) if p.slug == slug)
        self.program_view.selectRow(row)
        self.program_view.setCurrentIndex(self.programs.index(row, 0))
        self._program_chosen()

    def chosen_program(self) -> ProgramResult | None:
        return selected_row(self.program_view)

    def chosen_course(self) -> CourseLine | None:
        return selected_row(self.course_view)

    def _program_chosen(self, *_args: QModelIndex) -> None:
        program = self.chosen_program()
        if program is None:
            self.courses.set_rows([])
            self.course_title.setText("Choose a program to see its courses.")
            self._buttons()
            return
        found = self._courses.get(program.slug)
        lines = list(found.courses) if found else []
        certificate = ""
        if found and found.code:
            certificate = f" · program certificate {found.code}, {found.verified_how}"
        self.course_title.setText(f"<b>{program.title}</b>{certificate}")
        if not lines:
            catalog = self._services.certificates.student_certificates(
                self._roll_no or "", [program.slug]
            )
            lines = list(catalog[0].courses) if catalog else []
        self.courses.set_rows(lines)
        self._buttons()

    def _buttons(self) -> None:
        program, course = self.chosen_program(), self.chosen_course()
        self.verify_program_button.setEnabled(
            program is not None and program.status == "completed" and not program.verified
        )
        self.verify_course_button.setEnabled(
            course is not None and course.status == "completed" and not course.verified
        )

    def verify_program(self) -> CertificateCheckDialog | None:
        program = self.chosen_program()
        if program is None or self._roll_no is None:
            return None
        request = CheckRequest(self._roll_no, "", program=program.slug)
        return self._open([(self._student_label(), program.title, request)])

    def verify_course(self) -> CertificateCheckDialog | None:
        course = self.chosen_course()
        if course is None or self._roll_no is None:
            return None
        request = CheckRequest(self._roll_no, "", course=course.slug)
        return self._open([(self._student_label(), course.title, request)])

    def _student_label(self) -> str:
        return f"{self._student} ({self._roll_no})"

    def _open(self, items: list[tuple[str, str, CheckRequest]]) -> CertificateCheckDialog | None:
        try:
            self.dialog = CertificateCheckDialog(self._services, self._today, items, self)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.dialog.recorded.connect(lambda _records: self.verified.emit())
        self.dialog.open()
        return self.dialog
