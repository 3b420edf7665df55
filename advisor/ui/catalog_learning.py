"""The catalog that learns, on the Catalog screen: what imports named that the catalog lacks
(with an Adopt button), and the program editor (ordered courses, hours, provider, type,
elective groups) whose Save goes through the same validation as a catalog bundle."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.model.catalog_bundle import PROGRAM_TYPES, BundleElectiveGroup
from advisor.model.errors import AdvisorError, ValidationError
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.catalog_edit_service import CourseEdit, ProgramEdit, UnknownItem
from advisor.ui.errors import show_error
from advisor.ui.role_gate import needs
from advisor.ui.screen_fit import fit_dialog
from advisor.ui.table_model import RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row

UNKNOWN_COLUMNS = [
    Column[UnknownItem]("Seen", lambda i: i.kind),
    Column[UnknownItem]("Title", lambda i: i.title, tooltip=lambda i: f"{i.title}\nslug: {i.slug}"),
    Column[UnknownItem]("Provider", lambda i: i.provider),
    Column[UnknownItem]("Students", lambda i: i.students, align=RIGHT),
    Column[UnknownItem]("Completed", lambda i: i.completed, align=RIGHT),
]


def describe_unknown(item: UnknownItem) -> str:
    lines = [f"<b>{item.title}</b> ({item.kind}, slug {item.slug or '—'})"]
    if item.file_slug and item.file_slug != item.slug:
        lines.append(f"The file's slug: {item.file_slug}")
    if item.course_id:
        lines.append(f"Coursera Course ID: {item.course_id}")
    if item.courses:
        of = f" of {item.course_count}" if (item.course_count or 0) >= len(item.courses) else ""
        listed = "".join(
            f"<br>· {c.title}" + (f" ({c.course_id})" if c.course_id else "") for c in item.courses
        )
        lines.append(f"Courses seen ({len(item.courses)}{of}):{listed}")
    lines.append(f"{item.students} student(s), {item.completed} completed · from {item.source}")
    return "<br>".join(lines)


class SeenPanel(QWidget):
    """'Seen in imports, not in the catalog' with Adopt."""

    changed = Signal(str)  # the slug of what was adopted

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self.model: RowTableModel[UnknownItem] = RowTableModel(UNKNOWN_COLUMNS)
        self.view = make_table(
            self.model, "Seen in imports, not in the catalog", stretch=1, sortable=False
        )
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("What the files say")
        self.adopt_button = QPushButton("&Adopt into the catalog")
        self.adopt_button.setEnabled(False)
        needs(Role.ADMINISTRATOR, self.adopt_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Seen in imports, not in the catalog</b>"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.adopt_button)
        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.adopt_button.clicked.connect(self.adopt_selected)

    def refresh(self) -> None:
        self.model.set_rows(self._services.catalog_edits.unknown())
        self.detail.setText(
            "" if self.model.rowCount() else "Every program and course imported is in the catalog."
        )
        self.adopt_button.setEnabled(False)
        needs(Role.ADMINISTRATOR, self.adopt_button)

    def _chosen(self) -> None:
        item = selected_row(self.view)
        self.adopt_button.setEnabled(isinstance(item, UnknownItem))
        if isinstance(item, UnknownItem):
            self.detail.setText(describe_unknown(item))

    def adopt_selected(self) -> str | None:
        item = selected_row(self.view)
        if not isinstance(item, UnknownItem):
            return None
        try:
            result = self._services.catalog_edits.adopt(item.slug)
        except AdvisorError as error:
            show_error(error, self)
            return None
        self.refresh()
        self.detail.setText(result.describe())
        self.changed.emit(result.slug)
        return result.describe()


class ProgramEditor(QDialog):
    """Add or edit a program. Problems found on Save are listed under the form; nothing is
    written until the whole program passes the bundle's checks."""

    COURSE_HEADERS = ("Course slug", "Title", "Hours", "Estimated", "Coursera ID")

    def __init__(self, services: Services, slug: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle("Edit program" if slug else "New program")
        self.slug = QLineEdit()
        self.title_edit = QLineEdit()
        self.type = QComboBox()
        self.type.addItems(PROGRAM_TYPES)
        self.provider = QLineEdit()
        self.courses = QTableWidget(0, len(self.COURSE_HEADERS))
        self.courses.setHorizontalHeaderLabels(self.COURSE_HEADERS)
        self.courses.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.courses.horizontalHeader().setStretchLastSection(True)
        self.courses.setColumnWidth(0, 200)
        self.courses.setColumnWidth(1, 260)
        # Typing an hours figure means it is known now: the estimate mark goes.
        self.courses.itemChanged.connect(self._hours_typed)
        self.groups = QPlainTextEdit()
        self.groups.setPlaceholderText("One group a line: choose K: slug, slug, … | title")
        self.groups.setMaximumHeight(70)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318")
        self.problems.setAccessibleName("Problems")
        form = QFormLayout()
        form.addRow("Slug", self.slug)
        form.addRow("Title", self.title_edit)
        form.addRow("Type", self.type)
        form.addRow("Provider", self.provider)
        row_buttons = QHBoxLayout()
        for label, action in (
            ("Add course", self.add_course),
            ("Remove", self._remove),
            ("Move up", lambda: self._move(-1)),
            ("Move down", lambda: self._move(1)),
        ):
            button = QPushButton(label)
            button.clicked.connect(action)
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel("<b>Courses, in order</b> (hours you type are no longer estimates)")
        )
        layout.addWidget(self.courses, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(QLabel("<b>Elective groups</b>"))
        layout.addWidget(self.groups)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(820, 560))
        if slug:
            self._load(slug)

    def _load(self, slug: str) -> None:
        detail = self._services.catalog.program(slug)
        p = detail.program
        self.slug.setText(p.slug)
        self.slug.setReadOnly(True)
        self.title_edit.setText(p.title)
        self.type.setCurrentText(p.type)
        self.provider.setText(p.provider)
        for c in detail.courses:
            self.add_course(c.slug, c.title, c.hours, c.hours_estimated)
        self.groups.setPlainText(
            "\n".join(
                f"choose {g.choose}: {', '.join(g.courses)}" + (f" | {g.title}" if g.title else "")
                for g in detail.elective_groups
            )
        )

    def add_course(
        self, slug: str = "", title: str = "", hours: float = 0.0, estimated: bool = False
    ) -> None:
        row = self.courses.rowCount()
        self.courses.insertRow(row)
        for column, text in enumerate((slug, title, f"{hours:g}" if hours else "")):
            self.courses.setItem(row, column, QTableWidgetItem(text))
        box = QCheckBox()
        box.setChecked(estimated)
        self.courses.setCellWidget(row, 3, box)
        self.courses.setItem(row, 4, QTableWidgetItem(""))

    def _hours_typed(self, item: QTableWidgetItem) -> None:
        box = self.courses.cellWidget(item.row(), 3)
        if item.column() == 2 and isinstance(box, QCheckBox):
            box.setChecked(False)

    def _remove(self) -> None:
        row = self.courses.currentRow()
        if row >= 0:
            self.courses.removeRow(row)

    def _move(self, step: int) -> None:
        row = self.courses.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.courses.rowCount():
            return
        values = [self._course_cells(r) for r in (row, other)]
        self.courses.blockSignals(True)
        for r, (texts, estimated) in zip((other, row), values, strict=True):
            for column, text in zip((0, 1, 2, 4), texts, strict=True):
                self.courses.setItem(r, column, QTableWidgetItem(text))
            box = self.courses.cellWidget(r, 3)
            if isinstance(box, QCheckBox):
                box.setChecked(estimated)
        self.courses.blockSignals(False)
        self.courses.setCurrentCell(other, 0)

    def _course_cells(self, row: int) -> tuple[tuple[str, str, str, str], bool]:
        def text(column: int) -> str:
            item = self.courses.item(row, column)
            return item.text().strip() if item else ""

        box = self.courses.cellWidget(row, 3)
        return (text(0), text(1), text(2), text(4)), isinstance(box, QCheckBox) and box.isChecked()

    def edit(self) -> ProgramEdit:
        """The form as a ProgramEdit; unreadable numbers or groups raise ValidationError."""
        problems: list[str] = []
        courses = []
        for row in range(self.courses.rowCount()):
            (slug, title, hours, coursera_id), estimated = self._course_cells(row)
            try:
                value = float(hours) if hours else 0.0
            except ValueError:
                problems.append(f"course {row + 1}: hours '{hours}' is not a number.")
                value = 0.0
            courses.append(CourseEdit(slug, title, value, estimated, coursera_id))
        groups = []
        for n, line in enumerate(self.groups.toPlainText().splitlines(), 1):
            if not line.strip():
                continue
            head, _, rest = line.partition(":")
            listed, _, title = rest.partition("|")
            words = head.split()
            if len(words) != 2 or words[0].lower() != "choose" or not words[1].isdigit():
                problems.append(f"elective group line {n}: write 'choose K: slug, slug | title'.")
                continue
            slugs = tuple(s.strip() for s in listed.split(",") if s.strip())
            groups.append(BundleElectiveGroup(title.strip(), int(words[1]), slugs))
        if problems:
            raise ValidationError("The program was not saved:", problems)
        return ProgramEdit(
            self.slug.text().strip(),
            self.title_edit.text().strip(),
            self.type.currentText(),
            self.provider.text().strip(),
            tuple(courses),
            tuple(groups),
        )

    def save(self) -> bool:
        try:
            self._services.catalog_edits.save_program(self.edit())
        except ValidationError as error:
            self.problems.setText("\n".join(error.texts) or str(error))
            return False
        except AdvisorError as error:
            self.problems.setText(str(error))
            return False
        self.accept()
        return True
