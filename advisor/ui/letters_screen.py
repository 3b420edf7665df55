"""The letters desk: pick a cohort, see who gets a letter and why the others do not, preview the
first letter, issue and print the batch (progress, Cancel), and keep the register.

A batch numbers and commits each letter on its own, so Cancel keeps every letter issued so far
(and prints them): the register never has a gap or a half-issued letter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor.model import paths
from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.letter_service import BatchResult, EligibilityRow
from advisor.ui.cohort_choice import chosen_cohort, cohort_pick, refill_intakes
from advisor.ui.confirm import confirm
from advisor.ui.errors import show_error
from advisor.ui.key_unlock import unlock_for_signing
from advisor.ui.letter_register_panel import RegisterPanel
from advisor.ui.pdf_preview import show_pdf
from advisor.ui.pending_verification_panel import PendingVerificationPanel
from advisor.ui.progress_panel import ProgressPanel
from advisor.ui.screen import Change, Screen
from advisor.ui.table_model import RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table
from advisor.ui.tasks import CancelToken, run_in_background

ALL_INTAKES = "All intakes"
STATUS_TEXT = {"eligible": "Eligible", "has_letter": "Has a letter", "not_eligible": "Not eligible"}
STATUS_COLOUR = {"eligible": "#1b5e20", "has_letter": "#0d47a1", "not_eligible": "#8a5a00"}
SPECIMEN_NOTE = (
    "Preview only: this is how the first letter of the batch will look. It is numbered, sealed "
    "with its verification code and entered in the register only when the batch is issued."
)

ELIGIBILITY_COLUMNS = [
    Column[EligibilityRow]("Roll no", lambda e: e.roll_no),
    Column[EligibilityRow]("Name", lambda e: e.name),
    Column[EligibilityRow]("Intake", lambda e: e.intake),
    Column[EligibilityRow]("Verified cr.", lambda e: e.eligible_credits, align=RIGHT),
    Column[EligibilityRow]("Pending cr.", lambda e: e.pending_credits, align=RIGHT),
    Column[EligibilityRow](
        "Letter",
        lambda e: STATUS_TEXT[e.status],
        color=lambda e: STATUS_COLOUR[e.status],
        sort_key=lambda e: e.status,
    ),
    Column[EligibilityRow]("Why", lambda e: e.reason, tooltip=lambda e: e.reason),
]


def letters_folder() -> Path:
    """Where batches are kept (read when used: ADVISOR_HOME may change in a session)."""
    return paths.data_dir() / "letters"


def batch_target(degree: str, intake: str | None, *, per_student: bool) -> Path:
    """Every batch is also kept on disk, named by when and whom it was for."""
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    name = f"{stamp}_{degree}_{(intake or 'all').replace(' ', '-')}"
    folder = letters_folder()
    return folder / name if per_student else folder / f"{name}.pdf"


def batch_summary(result: BatchResult) -> str:
    """Every student of the cohort counted once, so the numbers add up to the header's count of
    students: issued, skipped (already holding a letter, or not eligible) and, after Cancel, not
    reached."""
    issued, skipped = len(result.issued), len(result.skipped)
    if not result.cancelled:
        return (
            f"{issued} letter(s) issued to the cohort's {result.total} student(s); "
            f"{skipped} skipped (they already hold a letter or are not eligible yet)."
        )
    rest = result.total - issued - skipped
    return (
        f"Stopped on request after {issued + skipped} of the cohort's {result.total} "
        f"student(s): {issued} letter(s) issued, {skipped} skipped, {rest} not reached. The "
        "letters issued are kept; issue the batch again for the rest."
    )


class LettersScreen(Screen):
    reads = (
        Change.STUDENTS
        | Change.PROGRESS
        | Change.POLICY
        | Change.CATALOG
        | Change.LETTERS
        | Change.INSTITUTION
    )
    batch_progressed = Signal(int, int, str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setAccessibleName("Letters")
        self.rows: list[EligibilityRow] = []
        self.last_batch: BatchResult | None = None
        self._batch_token: CancelToken | None = None
        self._asked = 0  # which cohort request the table should show

        self.degree_box, self.intake_box, self.summary, pick_row = cohort_pick(
            self,
            labels=("&Degree", "I&ntake"),
            names=("Degree", "Intake", "Cohort summary"),
            on_degree=self._degree_changed,
            on_intake=self.show_cohort,
        )
        self.model: RowTableModel[EligibilityRow] = RowTableModel(ELIGIBILITY_COLUMNS)
        self.view = make_table(
            self.model, "Students of the cohort and their letters", stretch=6, fit=True
        )

        self.preview_button = QPushButton("&Preview first letter", self)
        self.preview_button.clicked.connect(self.preview_first)
        self.per_student_box = QCheckBox("One PDF file per student", self)
        self.issue_button = QPushButton("&Issue and print letters…", self)
        self.issue_button.clicked.connect(self.ask_issue_batch)
        self.progress = ProgressPanel(self)
        self.result_label = QLabel(self)
        self.result_label.setAccessibleName("Batch result")
        self.result_label.setWordWrap(True)
        self.resume_label = QLabel(self)
        self.resume_label.setWordWrap(True)
        self.resume_button = QPushButton("&Resume the stopped batch…", self)
        self.resume_button.clicked.connect(self.resume_stopped)

        actions = QHBoxLayout()
        actions.addWidget(self.progress, 1)
        actions.addStretch(1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.per_student_box)
        actions.addWidget(self.issue_button)
        cohort = QWidget(self)
        cohort_layout = QVBoxLayout(cohort)
        cohort_layout.addLayout(pick_row)
        cohort_layout.addWidget(self.view, 1)
        cohort_layout.addWidget(self.result_label)
        resume = QHBoxLayout()
        resume.addWidget(self.resume_label, 1)
        resume.addWidget(self.resume_button)
        cohort_layout.addLayout(resume)
        cohort_layout.addLayout(actions)

        self.register = RegisterPanel(services, self)
        self.register.changed.connect(self.show_cohort)
        self.register.changed.connect(lambda: self.wrote.emit(Change.LETTERS))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(cohort, "Cohort")
        self.tabs.addTab(self.register, "Register and verification")
        self.pending = PendingVerificationPanel(services, parent=self)
        self.pending.changed.connect(self.show_cohort)
        self.pending.changed.connect(lambda: self.wrote.emit(Change.PROGRESS))
        self.tabs.addTab(self.pending, "Pending verification")
        layout = QVBoxLayout(self)  # the default margins, as every other screen has
        layout.addWidget(self.tabs)
        self.refresh()

    # --- choosing the cohort ---------------------------------------------------------------

    def refresh(self) -> None:
        """Degrees and intakes may have changed (an import, a policy edit) since last shown."""
        chosen = self.degree_box.currentData()
        self.degree_box.blockSignals(True)
        self.degree_box.clear()
        for degree in self._services.policy.degrees():
            self.degree_box.addItem(f"{degree.code} — {degree.title}", degree.code)
        if chosen is None:  # first time: the degree with the most students
            counts = Counter(s.degree for s in self._services.students.list())
            chosen = max(counts, key=lambda code: counts[code], default=None)
        index = self.degree_box.findData(chosen)
        self.degree_box.setCurrentIndex(max(index, 0))
        self.degree_box.blockSignals(False)
        self._degree_changed()
        self.register.refresh()
        self.pending.refresh()
        self._offer_resume()

    # --- a batch that stopped before its PDF was written ----------------------------------------

    def _offer_resume(self) -> None:
        stopped = self._services.letters.stopped_batches(letters_folder())
        self.resume_label.setText(
            f"A batch stopped before its PDF was written ({stopped[0].name}): its letters are "
            "registered; print them as originals now."
            if stopped
            else ""
        )
        self.resume_label.setVisible(bool(stopped))
        self.resume_button.setVisible(bool(stopped))

    def resume_stopped(self) -> BatchResult | None:
        stopped = self._services.letters.stopped_batches(letters_folder())
        if not stopped or not unlock_for_signing(self._services, self):
            return None
        try:
            result = self._services.letters.resume_batch(stopped[0])
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.wrote.emit(Change.LETTERS)
        self.refresh()
        if result.files and result.files[0].exists():
            show_pdf(
                result.files[0].read_bytes(),
                title="Letters of the stopped batch",
                suggested_name=result.files[0].name,
                parent=self,
            )
        return result

    def _degree_changed(self) -> None:
        degree = self.degree_box.currentData()
        students = self._services.students.list(degree=degree) if degree else []
        refill_intakes(self.intake_box, (s.intake for s in students), ALL_INTAKES)
        self.show_cohort()

    def cohort(self) -> tuple[str | None, str | None]:
        return chosen_cohort(self.degree_box, self.intake_box, ALL_INTAKES)

    def show_cohort(self) -> None:
        """Audit the cohort off the GUI thread (a large intake takes a moment); a result that
        arrives after the choice changed again is dropped."""
        degree, intake = self.cohort()
        self._asked += 1
        asked = self._asked
        if degree is None:
            self._show_rows([], "No degrees yet: import a policy file (Imports) to begin.")
            return
        self.summary.setText("Reading the cohort…")
        letters = self._services.letters

        def done(rows: list[EligibilityRow]) -> None:
            if asked == self._asked:
                self._show_rows(rows)

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self._show_rows([], "")
                show_error(error, self)

        run_in_background(
            lambda token: letters.eligibility(degree=degree, intake=intake, today=date.today()),
            on_done=done,
            on_error=failed,
        )

    def _show_rows(self, rows: list[EligibilityRow], summary: str | None = None) -> None:
        self.rows = rows
        self.summary.setText(self._summary_text() if summary is None else summary)
        self.model.set_rows(rows)
        self._update_buttons()

    def _summary_text(self) -> str:
        if not self.rows:
            return "No students in this cohort yet: import the roster on the Imports screen."
        eligible = [r for r in self.rows if r.status == "eligible"]
        holding = sum(1 for r in self.rows if r.status == "has_letter")
        credits = sum(r.eligible_credits for r in eligible)
        return (
            f"{len(self.rows)} student(s): {len(eligible)} to receive a letter "
            f"({credits} credit hours), {holding} already hold one, "
            f"{len(self.rows) - len(eligible) - holding} not eligible yet."
        )

    def eligible(self) -> list[EligibilityRow]:
        return [r for r in self.rows if r.status == "eligible"]

    def _update_buttons(self) -> None:
        ready = bool(self.eligible()) and not self.progress.running
        self.preview_button.setEnabled(ready)
        self.issue_button.setEnabled(ready)
        self.degree_box.setEnabled(not self.progress.running)
        self.intake_box.setEnabled(not self.progress.running)

    # --- preview and batch -----------------------------------------------------------------

    def preview_first(self) -> None:
        first = next(iter(self.eligible()), None)
        if first is None:
            return
        try:
            letter = self._services.letters.preview(first.roll_no, today=date.today())
            data = letter.pdf()
        except AdvisorError as exc:
            show_error(exc, self)
            return
        show_pdf(
            data,
            title=f"Preview: letter for {first.name}",
            parent=self,
            specimen_note=SPECIMEN_NOTE,
        )

    def ask_issue_batch(self) -> None:
        count = len(self.eligible())
        degree, intake = self.cohort()
        answer = confirm(
            self,
            "Issue letters",
            f"Issue {count} numbered letter(s) to {degree} {intake or '(all intakes)'}?\n\n"
            "Each letter is entered in the register as it is made; you can stop at any time and "
            "keep the letters issued so far.",
            default_yes=True,
        )
        if answer:
            self.issue_batch()

    def issue_batch(self, on_finished: Callable[[], None] | None = None) -> None:
        degree, intake = self.cohort()
        if degree is None:
            return
        if not unlock_for_signing(self._services, self):
            return
        per_student = self.per_student_box.isChecked()
        target = batch_target(degree, intake, per_student=per_student)
        letters = self._services.letters

        def work(token: CancelToken) -> BatchResult:
            self._batch_token = token
            return letters.issue_batch(
                degree=degree,
                intake=intake,
                today=date.today(),
                output=target,
                per_student=per_student,
                progress=token.progress,
                cancel=token,
            )

        self.result_label.setText("")
        handle = run_in_background(
            work,
            on_done=self._batch_done,
            on_error=self._batch_failed,
            on_progress=self.batch_progressed.emit,
            writes=True,
        )
        self.progress.follow(handle, "Issuing letters…")
        handle.finished.connect(self._update_buttons)
        if on_finished is not None:
            handle.finished.connect(on_finished)
        self._update_buttons()

    def cancel_batch(self) -> None:
        """Stop after the letter being made now; the ones issued stay issued (and print)."""
        if self._batch_token is not None:
            self._batch_token.cancel()

    def _batch_failed(self, error: BaseException) -> None:
        self.wrote.emit(Change.LETTERS)  # the letters issued before the failure stay issued
        self.show_cohort()
        self.register.refresh()
        show_error(error, self)

    def _batch_done(self, result: BatchResult) -> None:
        self.last_batch = result
        self.wrote.emit(Change.LETTERS)
        where = f" Saved to {result.files[0].parent}." if result.files else ""
        self.result_label.setText(batch_summary(result) + where)
        self.show_cohort()
        self.register.refresh()
        combined = [f for f in result.files if f.suffix == ".pdf"]
        if result.issued and len(combined) == 1 and not self.per_student_box.isChecked():
            first, last = result.issued[0].reference, result.issued[-1].reference
            show_pdf(
                combined[0].read_bytes(),
                title=f"Letters {first} – {last}",
                suggested_name=combined[0].name,
                parent=self,
            )

    # --- main window hooks -----------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.register)
        self.register.search.setFocus()
