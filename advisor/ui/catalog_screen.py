"""Catalog: search as you type across programs and courses; a program's page beside the lists.

The search runs in the service (SQLite FTS5, a few ms), so each keystroke re-queries instead of
filtering thousands of rows in a proxy.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.catalog_service import (
    CatalogSearch,
    CourseRecord,
    ProgramHit,
    SlotAcceptance,
)
from advisor.ui.catalog_learning import ProgramEditor, SeenPanel
from advisor.ui.role_gate import needs
from advisor.ui.screen import Change, Screen
from advisor.ui.table_model import CENTER, RIGHT, ROW_ROLE, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row


def hours_text(hours: float, estimated: bool) -> str:
    """'≈ 24 h' for an estimate, '24 h' for Coursera's own figure."""
    shown = f"{hours:g}"
    return f"≈ {shown} h" if estimated else f"{shown} h"


# Rows shown per list while typing; the count line says how many more matched.
SEARCH_LIMIT = 200

PROGRAM_COLUMNS = [
    Column[ProgramHit]("Program", lambda p: p.title, tooltip=lambda p: f"{p.title} ({p.type})"),
    Column[ProgramHit]("Provider", lambda p: p.provider),
    Column[ProgramHit]("Courses", lambda p: p.course_count, align=RIGHT),
    Column[ProgramHit](
        "Hours",
        lambda p: hours_text(p.total_hours, p.hours_estimated),
        sort_key=lambda p: p.total_hours,
        align=RIGHT,
    ),
]
COURSE_COLUMNS = [
    Column[CourseRecord]("Course", lambda c: c.title, tooltip=lambda c: c.title),
    Column[CourseRecord]("Provider", lambda c: c.provider),
    Column[CourseRecord](
        "Hours",
        lambda c: hours_text(c.hours, c.hours_estimated),
        sort_key=lambda c: c.hours,
        align=RIGHT,
        tooltip=lambda c: "Estimated: Coursera publishes no figure" if c.hours_estimated else "",
    ),
    Column[CourseRecord]("Level", lambda c: c.level or ""),
]
SLOT_COLUMNS = [
    Column[SlotAcceptance]("Degree", lambda s: s.degree, tooltip=lambda s: s.degree_title),
    Column[SlotAcceptance]("Intakes from", lambda s: s.catalog_year, align=CENTER),
    Column[SlotAcceptance](
        "Requirement",
        lambda s: f"{s.slot} ({s.kind}): {s.slot_title}",
        tooltip=lambda s: f"{s.slot_title}: choose {s.choose}",
    ),
    Column[SlotAcceptance]("Credit hours", lambda s: s.credits, align=RIGHT),
]


class ProgramPage(QWidget):
    """One program: its facts, its courses in order, and the degree slots that accept it."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self.setAccessibleName("Program details")
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ace = QLabel()
        self.ace.setWordWrap(True)
        self.ace.setAccessibleName("ACE reference")
        self.ace.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.courses = RowTableModel(COURSE_COLUMNS[:1] + COURSE_COLUMNS[2:3] + COURSE_COLUMNS[3:])
        self.courses_view = make_table(
            self.courses, "Courses of the program", sortable=False, fit=True
        )
        self.slots = RowTableModel(SLOT_COLUMNS)
        self.slots_view = make_table(
            self.slots, "Degree requirements that accept the program", stretch=2, fit=True
        )
        self.slots_note = QLabel()
        self.slots_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(QLabel("<b>Courses, in order</b>"))
        layout.addWidget(self.courses_view, 3)
        layout.addWidget(QLabel("<b>Where the department counts it</b>"))
        layout.addWidget(self.slots_note)
        layout.addWidget(self.slots_view, 2)
        layout.addWidget(QLabel("<b>ACE reference (for information only)</b>"))
        layout.addWidget(self.ace)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.title.setText("Choose a program or a course")
        self.facts.setText(
            "Type in the search box to find programs and courses by title, slug or provider."
        )
        self.ace.setText("")
        self.courses.set_rows([])
        self.slots.set_rows([])
        self.slots_note.setText("")

    def show_program(self, slug: str) -> None:
        detail = self._services.catalog.program(slug)
        p = detail.program
        self.title.setText(p.title)
        pace = f"{p.hours_per_week:g} h/week suggested" if p.hours_per_week else "no suggested pace"
        groups = "".join(
            f"<br>Choose {g.choose} of {len(g.courses)}: {g.title}" for g in detail.elective_groups
        )
        self.facts.setText(
            f"{p.type} · {p.provider} · {p.level or 'level not given'}<br>"
            f"{len(p.courses)} courses, {hours_text(p.total_hours, p.hours_estimated)} in all"
            f" · {pace}{groups}"
            + ("<br><i>≈ marks hours estimated by the catalog.</i>" if p.hours_estimated else "")
        )
        ace = (
            f"{p.ace_credits} US college credits recommended by ACE. "
            if p.ace_credits
            else "No ACE recommendation recorded. "
        )
        self.ace.setText(ace + (detail.ace_note or ""))
        self.courses.set_rows(list(detail.courses))
        slots = self._services.catalog.slots_accepting(slug)
        self.slots.set_rows(slots)
        self.slots_note.setText(
            "The department's credit policy decides the credit hours; ACE values are a reference."
            if slots
            else "No requirement in the credit policy accepts this program yet."
        )

    def show_course(self, course: CourseRecord) -> None:
        self.title.setText(course.title)
        notes = []
        if course.slug_derived:
            notes.append("its slug was made from the title (no Coursera slug known)")
        if course.retired:
            notes.append("retired by Coursera")
        self.facts.setText(
            f"Course · {course.provider} · {course.level or 'level not given'} · "
            f"{hours_text(course.hours, course.hours_estimated)}<br>slug: {course.slug}"
            + (f"<br><i>{'; '.join(notes)}</i>" if notes else "")
        )
        self.ace.setText("")
        self.courses.set_rows([])
        self.slots.set_rows([])
        self.slots_note.setText(
            "Courses count toward credit through the programs that contain them."
        )


class CatalogScreen(Screen):
    reads = Change.CATALOG  # a Coursera import may add to "seen in imports" (it says CATALOG)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search programs and courses (title, slug or provider)…")
        self.search.setAccessibleName("Search the catalog")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAccessibleName("Search results")
        self.programs = RowTableModel(PROGRAM_COLUMNS)
        self.courses = RowTableModel(COURSE_COLUMNS)
        self.programs_view = make_table(self.programs, "Programs")
        self.courses_view = make_table(self.courses, "Courses")
        # Narrow number columns: the titles (which stretch) are what people read.
        for view, widths in (
            (self.programs_view, (76, 64, 70)),  # provider, courses, hours
            (self.courses_view, (76, 64, 90)),  # provider, hours, level
        ):
            for column, width in enumerate(widths, start=1):
                view.setColumnWidth(column, width)
        self.page = ProgramPage(services)
        self.seen = SeenPanel(services)
        self.new_button = QPushButton("&New program…")
        self.edit_button = QPushButton("&Edit program…")
        self.edit_button.setEnabled(False)
        needs(Role.ADMINISTRATOR, self.new_button, self.edit_button)

        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self._titled("Programs", self.programs_view))
        lists.addWidget(self._titled("Courses", self.courses_view))
        lists.addWidget(self.seen)
        self.splitter = QSplitter()
        self.splitter.setObjectName("catalog-splitter")
        self.splitter.addWidget(lists)
        page_scroll = QScrollArea()  # a long ACE note never makes the window taller
        page_scroll.setWidgetResizable(True)
        page_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page_scroll.setWidget(self.page)
        self.splitter.addWidget(page_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.lists_splitter = lists
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self.run_search)
        self.programs_view.selectionModel().selectionChanged.connect(self._program_chosen)
        self.courses_view.selectionModel().selectionChanged.connect(self._course_chosen)
        self.seen.changed.connect(self._catalog_changed)
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(lambda: self.open_editor(self._chosen_program))
        self._chosen_program: str | None = None
        self.run_search("")
        self.seen.refresh()

    def open_editor(self, slug: str | None) -> ProgramEditor:
        """The program editor (modal); a saved program is shown at once."""
        editor = ProgramEditor(self._services, slug, self)
        editor.accepted.connect(lambda: self._catalog_changed(editor.slug.text().strip()))
        editor.open()
        return editor

    def _catalog_changed(self, slug: str) -> None:
        self.wrote.emit(Change.CATALOG)
        self.refresh()
        self.open_program(slug)

    def refresh(self) -> None:
        self.run_search(self.search.text())
        self.seen.refresh()

    @staticmethod
    def _titled(title: str, view: QTableView) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(view)
        return box

    def run_search(self, text: str) -> CatalogSearch:
        found = self._services.catalog.search(text, limit=SEARCH_LIMIT)
        self.show_listing(found)
        return found

    def show_listing(self, found: CatalogSearch) -> None:
        self.programs.set_rows(found.programs)
        self.courses.set_rows(found.courses)
        shown = f"{found.program_total:,} programs, {found.course_total:,} courses"
        if found.program_total > len(found.programs) or found.course_total > len(found.courses):
            shown += f" (the first {SEARCH_LIMIT} of each are listed: type more to narrow)"
        self.count.setText(shown)

    def _program_chosen(self) -> None:
        program = selected_row(self.programs_view)
        if isinstance(program, ProgramHit):
            self.courses_view.clearSelection()
            self.page.show_program(program.slug)
            self._chosen_program = program.slug
            self.edit_button.setEnabled(True)

    def _course_chosen(self) -> None:
        course = selected_row(self.courses_view)
        if isinstance(course, CourseRecord):
            self.programs_view.clearSelection()
            self.page.show_course(course)

    def open_program(self, slug: str) -> None:
        for row in range(self.programs_view.model().rowCount()):
            index = self.programs_view.model().index(row, 0)
            if index.data(ROW_ROLE).slug == slug:
                self.programs_view.selectRow(row)
                return
        self.page.show_program(slug)
        self._chosen_program = slug
        self.edit_button.setEnabled(True)

    # --- main-window protocol ------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("catalog/splitter", self.splitter.saveState())
        settings.setValue("catalog/lists", self.lists_splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (
            ("catalog/splitter", self.splitter),
            ("catalog/lists", self.lists_splitter),
        ):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
