"""The three forms of the Policy screen: a degree, one policy year, one requirement slot.

Each edits one entry of the working copy in the policy file's own JSON shape (`advisor-policy/1`)
in place, so saving hands the service exactly what an imported file would: one validation, the
PolicyService's, for both paths.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import Problem, dotted_path

Entry = dict[str, Any]
Key = tuple[int, ...]  # (degree,), (degree, policy) or (degree, policy, slot)
ENTRY_LEVELS = ("degrees", "policies", "requirements")  # the tree's levels, outermost first


def problem_key(problem: Problem) -> Key | None:
    """The tree entry a problem is in: path ('degrees', 0, 'policies', 1, 'requirements', 2,
    'from') → (0, 1, 2); None when it is not inside a degree."""
    key: list[int] = []
    path = problem.path
    for depth, level in enumerate(ENTRY_LEVELS):
        pair = path[2 * depth : 2 * depth + 2]
        if len(pair) < 2 or pair[0] != level or not isinstance(pair[1], int):
            break
        key.append(pair[1])
    return tuple(key) or None


def named_problem(doc: Entry, problem: Problem) -> str:
    """The problem with its place in the names people use:
    degrees[0].policies[1].requirements[2].from → 'BSCS › intakes from 2025 › CERT-ELEC, from: …'."""
    key = problem_key(problem)
    if key is None:
        return str(problem)
    try:
        degree = doc["degrees"][key[0]]
        names = [str(degree.get("code", ""))]
        if len(key) > 1:
            policy = degree["policies"][key[1]]
            names.append(f"intakes from {policy.get('catalog_year', '')}")
            if len(key) > 2:
                names.append(str(policy["requirements"][key[2]].get("id", "")))
    except (IndexError, KeyError, TypeError):
        return str(problem)
    rest = dotted_path(problem.path[2 * len(key) :])
    return " › ".join(names) + (f", {rest}" if rest else "") + f": {problem.message}"


class EntryEditor(QWidget):
    """Shows one entry; every edit is written straight back into it and announced."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entry: Entry = {}
        self._loading = False

    def load(self, entry: Entry) -> None:
        self._loading = True
        try:
            self._entry = entry
            self._show(entry)
        finally:
            self._loading = False

    def _show(self, entry: Entry) -> None:
        raise NotImplementedError

    def _set(self, key: str, value: Any) -> None:
        if self._loading:
            return
        if value is None:
            self._entry.pop(key, None)
        else:
            self._entry[key] = value
        self.changed.emit()


def spin(low: int, high: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setAccessibleName(name)
    return box


def line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    return edit


class DegreeEditor(EntryEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = line("Degree code")
        self.code.textEdited.connect(lambda text: self._set("code", text.strip().upper()))
        self.title = line("Degree title")
        self.title.textEdited.connect(lambda text: self._set("title", text))
        self.total_credits = spin(1, 400, "Total credit hours")
        self.total_credits.valueChanged.connect(lambda value: self._set("total_credits", value))
        self.code_note = QLabel("A saved degree keeps its code: students are recorded under it.")
        self.code_note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Code", self.code)
        form.addRow("", self.code_note)
        form.addRow("&Title", self.title)
        form.addRow("Total credit &hours", self.total_credits)
        self.saved_codes: set[str] = set()

    def _show(self, entry: Entry) -> None:
        self.code.setText(entry.get("code", ""))
        saved = entry.get("code", "").upper() in self.saved_codes
        self.code.setReadOnly(saved)
        self.code_note.setVisible(saved)
        self.title.setText(entry.get("title", ""))
        self.total_credits.setValue(int(entry.get("total_credits") or 1))


def parse_groups(text: str) -> list[list[str]]:
    """One exclusive group per line, program slugs separated by commas or spaces."""
    groups = []
    for raw in text.splitlines():
        slugs = [s for s in raw.replace(",", " ").split() if s]
        if slugs:
            groups.append(slugs)
    return groups


class PolicyEditor(EntryEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog_year = spin(1950, 2100, "Applies from intake year")
        self.catalog_year.valueChanged.connect(lambda value: self._set("catalog_year", value))
        self.credit_cap = spin(1, 60, "Credit cap")
        self.credit_cap.valueChanged.connect(lambda value: self._set("credit_cap", value))
        self.has_min_grade = QCheckBox("Minimum course grade")
        self.min_grade = QDoubleSpinBox()
        self.min_grade.setRange(0, 100)
        self.min_grade.setDecimals(0)
        self.min_grade.setSuffix(" %")
        self.min_grade.setAccessibleName("Minimum course grade")
        self.has_min_grade.toggled.connect(self._grade_changed)
        self.min_grade.valueChanged.connect(self._grade_changed)
        self.exclusive = QPlainTextEdit()
        self.exclusive.setAccessibleName("Exclusive groups")
        self.exclusive.setTabChangesFocus(True)
        self.exclusive.setPlaceholderText("ibm-data-science, ibm-data-analyst")
        self.exclusive.textChanged.connect(
            lambda: self._set("exclusive", parse_groups(self.exclusive.toPlainText()))
        )
        grade_row = QHBoxLayout()
        grade_row.addWidget(self.has_min_grade)
        grade_row.addWidget(self.min_grade)
        grade_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("Applies from &intake year", self.catalog_year)
        form.addRow("Credit &cap", self.credit_cap)
        form.addRow(grade_row)
        exclusive_note = QLabel(
            "Exclusive groups: at most one program of each line earns credit "
            "(program slugs, separated by commas)."
        )
        exclusive_note.setWordWrap(True)  # else its width is the editor pane's minimum
        form.addRow(exclusive_note)
        form.addRow(self.exclusive)

    def _grade_changed(self) -> None:
        self.min_grade.setEnabled(self.has_min_grade.isChecked())
        self._set("min_grade", self.min_grade.value() if self.has_min_grade.isChecked() else None)

    def _show(self, entry: Entry) -> None:
        self.catalog_year.setValue(int(entry.get("catalog_year") or 2025))
        self.credit_cap.setValue(int(entry.get("credit_cap") or 1))
        grade = entry.get("min_grade")
        self.has_min_grade.setChecked(grade is not None)
        self.min_grade.setEnabled(grade is not None)
        self.min_grade.setValue(float(grade or 0))
        groups = entry.get("exclusive") or []
        self.exclusive.setPlainText("\n".join(", ".join(group) for group in groups))


class SlotEditor(EntryEditor):
    """A requirement slot; its programs are ticked in a searchable list of the catalog."""

    def __init__(self, programs: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot_id = line("Slot id")
        self.slot_id.textEdited.connect(lambda text: self._set("id", text.strip()))
        self.title = line("Slot title")
        self.title.textEdited.connect(lambda text: self._set("title", text))
        self.kind = QComboBox()
        self.kind.setAccessibleName("Mandatory or elective")
        self.kind.addItems(["mandatory", "elective"])
        self.kind.currentTextChanged.connect(lambda text: self._set("kind", text))
        self.credits = spin(1, 12, "Credit hours granted")
        self.credits.valueChanged.connect(lambda value: self._set("credits", value))
        self.choose = spin(1, 10, "Programs needed")
        self.choose.valueChanged.connect(lambda value: self._set("choose", value))
        self.has_due = QCheckBox("Due by semester")
        self.due_semester = spin(1, 12, "Due semester")
        self.has_due.toggled.connect(self._due_changed)
        self.due_semester.valueChanged.connect(self._due_changed)
        self.filter = line("Filter programs")
        self.filter.setPlaceholderText("Filter programs…")
        self.filter.textChanged.connect(self._filter_programs)
        self.programs = QListWidget()
        self.programs.setAccessibleName("Programs that fill the slot")
        for slug, title in programs:
            item = QListWidgetItem(f"{title}  ({slug})")
            item.setData(Qt.ItemDataRole.UserRole, slug)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.programs.addItem(item)
        self.programs.itemChanged.connect(self._programs_changed)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_semester)
        due_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Slot &id", self.slot_id)
        form.addRow("&Title", self.title)
        form.addRow("&Kind", self.kind)
        form.addRow("Credit &hours", self.credits)
        form.addRow("C&hoose", self.choose)
        form.addRow(due_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Programs that can fill this slot:"))
        layout.addWidget(self.filter)
        layout.addWidget(self.programs, 1)

    def _due_changed(self) -> None:
        self.due_semester.setEnabled(self.has_due.isChecked())
        self._set("due_semester", self.due_semester.value() if self.has_due.isChecked() else None)

    def _filter_programs(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.programs.count()):
            item = self.programs.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _programs_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        slug = item.data(Qt.ItemDataRole.UserRole)
        chosen = [s for s in self._entry.get("from", []) if s != slug]
        if item.checkState() == Qt.CheckState.Checked:
            chosen.append(slug)  # the slot keeps its order; a new program goes last
        self._set("from", chosen)

    def _show(self, entry: Entry) -> None:
        self.slot_id.setText(entry.get("id", ""))
        self.title.setText(entry.get("title", ""))
        self.kind.setCurrentText(entry.get("kind", "elective"))
        self.credits.setValue(int(entry.get("credits") or 1))
        self.choose.setValue(int(entry.get("choose") or 1))
        due = entry.get("due_semester")
        self.has_due.setChecked(due is not None)
        self.due_semester.setEnabled(due is not None)
        self.due_semester.setValue(int(due or 1))
        chosen = set(entry.get("from", []))
        for row in range(self.programs.count()):
            item = self.programs.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
