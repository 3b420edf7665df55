"""First run, "Set up my institution": five short steps — the institution, its signatories, the
credit policy, the roster, the first Coursera export — each saved as it is done, each
skippable, and each followed by the next one, so a new office ends with students on screen
instead of an empty grid.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError, ValidationError
from advisor.model.importing.file_kind import COURSERA, KIND_LABELS, POLICY, ROSTER
from advisor.model.services import Services
from advisor.model.services.import_service import ImportOutcome
from advisor.model.services.institution_service import MAX_SIGNATORIES, SignatorySpec
from advisor.model.services.policy_service import InstitutionMismatch
from advisor.ui.errors import show_error
from advisor.ui.replace_institution import ask_replace_institution
from advisor.ui.tasks import CancelToken, run_in_background

# (title, what to do, file filter or None for a form)
STEPS: list[tuple[str, str, str | None]] = [
    (
        "Your institution",
        "Its name and address head every letter; the code (e.g. DIST) and the reference prefix "
        "(e.g. DIST/CERT) number the letters: DIST/CERT/2026/0001, 0002, …",
        None,
    ),
    (
        "Signatories",
        "Up to three people sign each letter, left to right, e.g. the Chairperson and the "
        "Controller of Examinations. A degree can have its own later (Settings).",
        None,
    ),
    (
        "Credit policy",
        "The policy file (JSON, advisor-policy/1) your Controller of Examinations keeps: each "
        "degree, its intake years and which certifications count for how many credit hours.",
        "Policy files (*.json);;All files (*)",
    ),
    (
        "Student roster",
        "A CSV or Excel file with at least Roll No, Name, Program and Intake columns (Father "
        "Name, Gender, CNIC, Email and Semester are read too). Import the policy first: each "
        "student's program must be one of its degrees.",
        "Rosters (*.csv *.xlsx);;All files (*)",
    ),
    (
        "First Coursera export",
        "From Coursera's admin dashboard (Analytics → Export), the CourseActivity or the "
        "Specialization report, as downloaded: Sanad matches each row to a student by email.",
        "Coursera exports (*.csv *.xlsx);;All files (*)",
    ),
]
DONE_SCREEN = "Students"
STEP_KINDS = {2: POLICY, 3: ROSTER, 4: COURSERA}  # the kind of file each file step imports


class SetupGuide(QWidget):
    """Emits `finished(screen)` with the screen to show when the guide is done or left."""

    finished = Signal(str)

    def __init__(
        self,
        services: Services,
        choose_file: Callable[[QWidget, str, str], Path | None] | None = None,
    ) -> None:
        super().__init__()
        self.setAccessibleName("Set up Sanad")
        self._services = services
        self._choose_file = choose_file or _choose_with_dialog
        self.step = 0
        self.done: list[str] = []  # one line per step saved, for the last page

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Setup step")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setAccessibleName("What the step did")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        result_scroll = QScrollArea(self)  # a refused file's problems scroll, never push
        result_scroll.setWidget(self.result)
        result_scroll.setWidgetResizable(True)
        result_scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._institution_page())
        self.pages.addWidget(self._signatories_page())
        for _file_step in range(3):
            self.pages.addWidget(QWidget(self))  # a file step has no form: the button does it
        self.pages.addWidget(self._finish_page())

        self.back_button = QPushButton("← &Back", self)
        self.back_button.clicked.connect(lambda: self.go_to(self.step - 1))
        self.skip_button = QPushButton("S&kip this step", self)
        self.skip_button.clicked.connect(self.skip)
        self.act_button = QPushButton(self)
        self.act_button.setDefault(True)
        self.act_button.clicked.connect(self.act)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.act_button)

        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addWidget(self.explanation)
        column.addSpacing(8)
        column.addWidget(self.pages)
        column.addWidget(result_scroll, 1)
        column.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self._fill_from_saved()
        self.go_to(0)

    # --- pages ---------------------------------------------------------------------------

    def _institution_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.name_edit = QLineEdit(page)
        self.code_edit = QLineEdit(page)
        self.code_edit.setPlaceholderText("e.g. DIST")
        self.prefix_edit = QLineEdit(page)
        self.prefix_edit.setPlaceholderText("e.g. DIST/CERT")
        self.address_edit = QPlainTextEdit(page)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        for label, edit in (
            ("&Name", self.name_edit),
            ("&Code", self.code_edit),
            ("&Address", self.address_edit),
            ("Letter reference &prefix", self.prefix_edit),
        ):
            edit.setAccessibleName(label.replace("&", ""))
            form.addRow(label, edit)
        return page

    def _signatories_page(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.addWidget(QLabel("Name", page), 0, 1)
        grid.addWidget(QLabel("Title", page), 0, 2)
        self.signatory_edits: list[tuple[QLineEdit, QLineEdit]] = []
        for row in range(1, MAX_SIGNATORIES + 1):
            name, title = QLineEdit(page), QLineEdit(page)
            name.setAccessibleName(f"Signatory {row} name")
            title.setAccessibleName(f"Signatory {row} title")
            grid.addWidget(QLabel(f"{row}.", page), row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(title, row, 2)
            self.signatory_edits.append((name, title))
        return page

    def _finish_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Setup summary")
        QVBoxLayout(page).addWidget(self.summary)
        return page

    def _fill_from_saved(self) -> None:
        info = self._services.institution.get()
        if info is None:
            return
        self.name_edit.setText(info.name)
        self.code_edit.setText(info.code)
        self.prefix_edit.setText(info.letter_prefix)
        self.address_edit.setPlainText(info.address)
        for (name, title), person in zip(self.signatory_edits, info.signatories, strict=False):
            name.setText(person.name)
            title.setText(person.title)

    # --- moving between steps ------------------------------------------------------------

    @property
    def finished_all(self) -> bool:
        return self.step >= len(STEPS)

    def go_to(self, step: int) -> None:
        self.step = max(0, min(step, len(STEPS)))
        self.pages.setCurrentIndex(self.step)
        self.back_button.setEnabled(self.step > 0)
        self.skip_button.setVisible(not self.finished_all)
        if self.finished_all:
            self.heading.setText("Sanad is set up")
            self.explanation.setText(
                "Everything below can be changed later: the institution and signatories in "
                "Settings, the policy on the Policy screen, new rosters and exports on Imports "
                "(Ctrl+I). Before the first letter, the Controller makes the institution's "
                "signing key (Settings → Signing key)."
            )
            self.summary.setText("\n".join(self.done) or "Every step was skipped.")
            self.act_button.setText("&Open the Students screen")
            return
        title, text, file_filter = STEPS[self.step]
        self.heading.setText(f"Step {self.step + 1} of {len(STEPS)}: {title}")
        self.explanation.setText(text)
        self.act_button.setText("&Choose the file…" if file_filter else "&Save and continue")

    def skip(self) -> None:
        skipped = STEPS[self.step][0]
        self.done.append(f"– {skipped}: skipped")
        self.go_to(self.step + 1)
        self.result.setStyleSheet("")
        self.result.setText(f"{skipped}: skipped." + self._next_offer())

    def _next_offer(self) -> str:
        return "" if self.finished_all else f" Next: {STEPS[self.step][0].lower()}."

    def _step_done(self, line: str) -> None:
        self.done.append(f"✔ {line}")
        self.go_to(self.step + 1)
        self.result.setStyleSheet("")
        self.result.setText(line + self._next_offer())

    def _step_refused(self, error: BaseException) -> None:
        if not isinstance(error, AdvisorError):
            show_error(error, self)  # a bug: "Something went wrong", with the log's path
            return
        self.result.setStyleSheet("color: #b42318;")
        self.result.setText(
            f"{error}\nCorrect it and try again, or skip this step and do it later."
        )

    # --- doing a step --------------------------------------------------------------------

    def act(self) -> None:
        if self.finished_all:
            self.finished.emit(DONE_SCREEN)
        elif self.step == 0:
            self.save_institution()
        elif self.step == 1:
            self.save_signatories()
        else:
            title, _text, file_filter = STEPS[self.step]
            path = self._choose_file(self, title, file_filter or "")
            if path is not None:
                self.import_file(path)

    def _signatories(self) -> list[SignatorySpec]:
        return [
            SignatorySpec(name.text().strip(), title.text().strip())
            for name, title in self.signatory_edits
            if name.text().strip() or title.text().strip()
        ]

    def _save_details(self, signatories: list[SignatorySpec]) -> bool:
        try:
            self._services.institution.update(
                code=self.code_edit.text(),
                name=self.name_edit.text(),
                address=self.address_edit.toPlainText(),
                letter_prefix=self.prefix_edit.text(),
                signatories=signatories,
            )
        except AdvisorError as exc:
            self._step_refused(exc)
            return False
        return True

    def save_institution(self) -> None:
        saved = self._services.institution.get()
        if self._save_details(list(saved.signatories) if saved else []):
            self._step_done(f"Institution: {self.name_edit.text().strip()}.")

    def save_signatories(self) -> None:
        if self._services.institution.get() is None:
            self._step_refused(
                AdvisorError("Enter the institution first (Back), or skip the signatories.")
            )
            return
        people = self._signatories()
        if self._save_details(people):
            names = ", ".join(p.name for p in people) or "none yet"
            self._step_done(f"Signatories: {names}.")

    def import_file(self, path: Path, *, replace_institution: bool = False) -> None:
        """Import the chosen file as it is (the Imports screen shows a dry run first; here a
        refused file changes nothing either, and says why)."""
        imports = self._services.imports
        wanted = STEP_KINDS.get(self.step)
        self.result.setStyleSheet("")
        self.result.setText(f"Importing {path.name}…")
        self.act_button.setEnabled(False)

        def work(_token: CancelToken) -> ImportOutcome:
            found = imports.preview(path)
            if wanted is not None and found.kind != wanted:
                raise ValidationError(
                    f"{path.name} is a {found.label.lower()}, not a "
                    f"{KIND_LABELS[wanted].lower()}: choose that file, or skip this step."
                )
            return imports.import_file(path, replace_institution=replace_institution)

        def failed(error: BaseException) -> None:
            self.act_button.setEnabled(True)
            if (
                isinstance(error, InstitutionMismatch)
                and not replace_institution
                and ask_replace_institution(self, error)
            ):
                self.import_file(path, replace_institution=True)
                return
            self._step_refused(error)

        def done(outcome: ImportOutcome) -> None:
            self.act_button.setEnabled(True)
            self._step_done(f"{outcome.label}: {outcome.summary}")

        run_in_background(work, on_done=done, on_error=failed, writes=True, owner=self)


def _choose_with_dialog(parent: QWidget, title: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, f"Choose the {title.lower()}", "", file_filter)
    return Path(name) if name else None
