"""Settings for letters: each degree's signatories and department (none = the institution's
signatories), and the letter's own wording with placeholders for its facts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.institution_service import (
    MAX_SIGNATORIES,
    DegreeLetterPeople,
    SignatorySpec,
)
from advisor.reports.documents import LetterWording
from advisor.reports.letter_wording import PLACEHOLDERS
from advisor.ui.errors import show_error


class DegreeSignatoriesBox(QGroupBox):
    """Pick a degree, edit who signs its letters and the department they name; Save."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Signatories per degree (empty: the institution's above)", parent)
        self._services = services
        self._people: dict[str, DegreeLetterPeople] = {}
        self.degree_combo = QComboBox(self)
        self.degree_combo.setAccessibleName("Degree for signatories")
        self.degree_combo.currentIndexChanged.connect(self._show_selected)
        self.department_edit = QLineEdit(self)
        self.department_edit.setAccessibleName("Department")
        self.department_edit.setPlaceholderText("e.g. Department of Business Administration")
        form = QFormLayout()
        form.addRow("&Degree", self.degree_combo)
        form.addRow("De&partment", self.department_edit)
        grid = QGridLayout()
        grid.addWidget(QLabel("Name"), 0, 1)
        grid.addWidget(QLabel("Title"), 0, 2)
        self.signatory_edits: list[tuple[QLineEdit, QLineEdit]] = []
        for number in range(1, MAX_SIGNATORIES + 1):
            name, title = QLineEdit(self), QLineEdit(self)
            name.setAccessibleName(f"Degree signatory {number} name")
            title.setAccessibleName(f"Degree signatory {number} title")
            grid.addWidget(QLabel(f"{number}."), number, 0)
            grid.addWidget(name, number, 1)
            grid.addWidget(title, number, 2)
            self.signatory_edits.append((name, title))
        self.save_button = QPushButton("Save degree signatories", self)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        chosen = self.degree_combo.currentData()
        self._people = {p.code: p for p in self._services.institution.degree_letter_people()}
        self.degree_combo.blockSignals(True)
        self.degree_combo.clear()
        for p in self._people.values():
            self.degree_combo.addItem(f"{p.code} — {p.title}", p.code)
        if chosen in self._people:
            self.degree_combo.setCurrentIndex(self.degree_combo.findData(chosen))
        self.degree_combo.blockSignals(False)
        self.setEnabled(bool(self._people))
        self._show_selected()

    def _show_selected(self) -> None:
        people = self._people.get(self.degree_combo.currentData() or "")
        self.department_edit.setText(people.department if people else "")
        signatories = people.signatories if people else ()
        for number, (name, title) in enumerate(self.signatory_edits):
            shown = signatories[number] if number < len(signatories) else SignatorySpec("", "")
            name.setText(shown.name)
            title.setText(shown.title)

    def save(self) -> bool:
        code = self.degree_combo.currentData()
        if not code:
            return False
        entered = [
            SignatorySpec(name.text(), title.text())
            for name, title in self.signatory_edits
            if name.text().strip() or title.text().strip()
        ]
        try:
            saved = self._services.institution.save_degree_letter_people(
                code, department=self.department_edit.text(), signatories=entered
            )
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self._people[saved.code] = saved
        self._show_selected()
        return True


class LetterWordingBox(QGroupBox):
    """The opening paragraph and the conditions (one per paragraph, blank lines between)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Letter wording", parent)
        self._services = services
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setAccessibleName("Letter opening paragraph")
        self.body_edit.setFixedHeight(90)
        self.conditions_edit = QPlainTextEdit(self)
        self.conditions_edit.setAccessibleName("Letter conditions")
        self.conditions_edit.setFixedHeight(150)
        help_text = QLabel(
            "Placeholders: "
            + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            + ". **text** prints bold. Conditions: one per paragraph, a blank line between.",
            self,
        )
        help_text.setWordWrap(True)
        self.save_button = QPushButton("Save wording", self)
        self.save_button.clicked.connect(self.save)
        self.default_button = QPushButton("Restore the default wording", self)
        self.default_button.clicked.connect(self.restore_default)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.default_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Opening paragraph"))
        layout.addWidget(self.body_edit)
        layout.addWidget(QLabel("Conditions"))
        layout.addWidget(self.conditions_edit)
        layout.addWidget(help_text)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self._show(self._services.institution.letter_wording())

    def _show(self, wording: LetterWording) -> None:
        self.body_edit.setPlainText(wording.body)
        self.conditions_edit.setPlainText("\n\n".join(wording.conditions))

    def entered_conditions(self) -> list[str]:
        paragraphs = self.conditions_edit.toPlainText().split("\n\n")
        return [" ".join(p.split()) for p in paragraphs if p.strip()]

    def save(self) -> bool:
        try:
            wording = self._services.institution.save_letter_wording(
                self.body_edit.toPlainText(), self.entered_conditions()
            )
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self._show(wording)
        return True

    def restore_default(self) -> None:
        self._show(self._services.institution.reset_letter_wording())
