"""Imports: choose a file, see what it is and its first rows, rehearse the import (a dry run that
changes nothing), then import it; the result lists the rows that could not be matched.

A refused file keeps its problems on screen with their line and column, and the rows of the
preview that they name are marked, so the clerk can fix the file in Excel and try again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError, Problem, ValidationError
from advisor.model.importing.file_kind import CATALOG, COURSERA, POLICY, ROSTER, FilePreview
from advisor.model.services import Services
from advisor.model.services.import_service import ImportOutcome, PreparedFile
from advisor.model.services.policy_service import InstitutionMismatch
from advisor.model.services.progress_service import UnmatchedRow
from advisor.ui.errors import show_error
from advisor.ui.import_preview import PreviewRow, fit_capped, preview_columns, problems_by_line
from advisor.ui.progress_panel import ProgressPanel
from advisor.ui.replace_institution import ask_replace_institution
from advisor.ui.screen import Change, Screen
from advisor.ui.table_model import RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table
from advisor.ui.tasks import CancelToken, run_in_background

FILE_FILTER = "Sanad files (*.csv *.xlsx *.json);;All files (*)"


UNMATCHED_COLUMNS = [
    Column[UnmatchedRow]("Line", lambda u: u.line or "", sort_key=lambda u: u.line, align=RIGHT),
    Column[UnmatchedRow]("Why it was not imported", lambda u: u.reason, tooltip=lambda u: u.reason),
]

SHOWN_PROBLEMS = 200  # listed on screen; a whole refused file can have thousands


# What an import of each kind changes, as the other screens show it (a Coursera export also
# tells the catalog what it saw that the catalog lacks).
IMPORT_CHANGES = {
    ROSTER: Change.STUDENTS,
    COURSERA: Change.PROGRESS | Change.CATALOG,
    POLICY: Change.POLICY | Change.INSTITUTION,
    CATALOG: Change.CATALOG,
}


class ImportsScreen(Screen):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setAccessibleName("Imports")
        self.path: Path | None = None
        self.preview: FilePreview | None = None
        self.prepared: PreparedFile | None = None  # the chosen file, read once
        self.rehearsal: ImportOutcome | None = None
        self.outcome: ImportOutcome | None = None
        self.refusal: AdvisorError | None = None  # why the file was refused, to save as CSV
        self.replace_institution = False  # asked and answered for this file

        self.choose_button = QPushButton("&Choose a file…", self)
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(
            "Choose a student roster, a Coursera progress export (CSV or XLSX), a credit policy "
            "or a catalog bundle (JSON). Nothing changes until you press Import.",
            self,
        )
        self.file_label.setWordWrap(True)
        self.file_label.setAccessibleName("Chosen file")
        self.kind_label = QLabel(self)
        self.kind_label.setAccessibleName("Kind of file")
        font = self.kind_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.kind_label.setFont(font)

        self.preview_model: RowTableModel[PreviewRow] = RowTableModel(preview_columns((), True))
        self.preview_view = make_table(self.preview_model, "File preview")
        self.preview_caption = QLabel(self)

        self.problems = QListWidget(self)
        self.problems.setAccessibleName("Problems in the file")
        self.problems.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Import summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A long summary (an export's notes) scrolls instead of pushing the buttons off screen.
        self.summary_scroll = QScrollArea(self)
        self.summary_scroll.setWidget(self.summary)
        self.summary_scroll.setWidgetResizable(True)
        self.summary_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.summary_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.save_problems_button = QPushButton("&Save the problems as CSV…", self)
        self.save_problems_button.setToolTip(
            "One row per problem (line, column, what is wrong): open it in Excel beside the "
            "file to correct it."
        )
        self.save_problems_button.clicked.connect(self.ask_save_problems)
        self.unmatched_model: RowTableModel[UnmatchedRow] = RowTableModel(UNMATCHED_COLUMNS)
        self.unmatched_view = make_table(
            self.unmatched_model, "Rows not imported", stretch=1, fit=True
        )
        self.unmatched_caption = QLabel(self)

        self.check_button = QPushButton("Check again (dry run)", self)
        self.check_button.clicked.connect(self.rehearse)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setAccessibleName("Import the file")
        self.import_button.clicked.connect(self.run_import)
        self.progress = ProgressPanel(self)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        preview_box = QGroupBox("What the file holds", self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.kind_label)
        preview_layout.addWidget(self.preview_caption)
        preview_layout.addWidget(self.preview_view, 1)
        check_box = QGroupBox("Check and import", self)
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(self.summary_scroll, 1)
        check_layout.addWidget(self.problems, 1)
        check_layout.addWidget(self.unmatched_caption)
        check_layout.addWidget(self.unmatched_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.save_problems_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        check_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(preview_box)
        self.splitter.addWidget(check_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._reset()

    # --- state -----------------------------------------------------------------------------

    def _reset(self) -> None:
        self.preview = self.rehearsal = self.outcome = None
        self.prepared = None
        self.refusal = None
        self.replace_institution = False
        self.kind_label.setText("")
        self.preview_caption.setText("")
        self._set_preview_model(RowTableModel(preview_columns((), True)))
        self._show_problems(())
        self.summary.setText("")
        self._show_unmatched(())
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.progress.running
        self.save_problems_button.setVisible(self.refusal is not None)
        self.choose_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy and self.preview is not None)
        self.import_button.setEnabled(
            not busy and self.rehearsal is not None and self.outcome is None
        )

    def _set_preview_model(self, model: RowTableModel[PreviewRow]) -> None:
        self.preview_model = model
        self.preview_view.setModel(model)  # make_table binds the model itself (no proxy)
        fit_capped(self.preview_view)

    # --- choosing and previewing -----------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a file to import", "", FILE_FILTER)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read the file once (in the background), show its kind and rows, then rehearse its
        import at once; the dry run and the import reuse that reading."""
        self._reset()
        self.path = path
        self.file_label.setText(str(path))
        self.kind_label.setText(f"Reading {path.name}…")
        imports = self._services.imports

        def work(token: CancelToken) -> PreparedFile:
            def report(done: int, total: int, message: str) -> None:
                token.check()
                token.progress(done, total, message)

            return imports.prepare(path, report)

        handle = run_in_background(
            work,
            on_done=self._prepared_file,
            on_error=self._refuse_file,
            on_cancel=self._stopped_reading,
            owner=self,
        )
        self.progress.follow(handle, "Reading…")
        handle.finished.connect(self._update_buttons)

    def _prepared_file(self, prepared: PreparedFile) -> None:
        self.prepared = prepared
        self.preview = preview = prepared.preview
        self.kind_label.setText(f"{preview.label}: {preview.detail}")
        self._fill_preview({})
        self.rehearse()

    def _stopped_reading(self) -> None:
        self.kind_label.setText("Not read: stopped.")
        self.summary.setText("Stopped. Nothing was changed.")

    def _refuse_file(self, error: BaseException) -> None:
        self.kind_label.setText("Sanad cannot import this file")
        self._show_refusal(error)

    def _fill_preview(self, problems: dict[int, str]) -> None:
        preview = self.preview
        if preview is None:
            return
        numbered = any(line for line, _cells in preview.rows)
        model: RowTableModel[PreviewRow] = RowTableModel(preview_columns(preview.header, numbered))
        model.set_rows(
            [PreviewRow(line, cells, problems.get(line, "")) for line, cells in preview.rows]
        )
        self._set_preview_model(model)
        problem_column = 1 if numbered else 0  # shown only when a row has a problem
        self.preview_view.setColumnHidden(problem_column, not problems)
        fit_capped(self.preview_view)  # again: a column shown now was not measured
        shown = len(preview.rows)
        more = f" (the first {shown} of {preview.total_rows})" if shown < preview.total_rows else ""
        self.preview_caption.setText(f"{shown} row(s) shown{more}.")

    # --- dry run and import ----------------------------------------------------------------

    def _work(
        self, prepared: PreparedFile, dry_run: bool
    ) -> Callable[[CancelToken], ImportOutcome]:
        imports = self._services.imports
        replace = self.replace_institution

        def work(token: CancelToken) -> ImportOutcome:
            def report(done: int, total: int, message: str) -> None:
                token.check()  # a cancel unwinds the import's transaction: nothing is kept
                token.progress(done, total, message)

            run = imports.dry_run if dry_run else imports.import_file
            return run(prepared, report, replace_institution=replace)

        return work

    def rehearse(self) -> None:
        if self.prepared is None:
            return
        self.rehearsal = self.outcome = None
        self.refusal = None
        self.summary.setText("Checking the file (nothing is changed)…")
        self._start(self._work(self.prepared, dry_run=True), self._rehearsed, "Checking…")

    def _rehearsed(self, outcome: ImportOutcome) -> None:
        self.rehearsal = outcome
        self._show_problems(())
        self.summary.setText(f"Dry run, nothing has changed yet. {outcome.summary}")
        self._show_unmatched(outcome.unmatched, would=True)

    def run_import(self) -> None:
        if self.prepared is None or self.rehearsal is None:
            return
        self.summary.setText("Importing…")
        self._start(self._work(self.prepared, dry_run=False), self._imported, "Importing…")

    def _imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.summary.setText(f"Imported {outcome.file_name}. {outcome.summary}")
        self._show_unmatched(outcome.unmatched, would=False)
        self.wrote.emit(IMPORT_CHANGES.get(outcome.kind, Change.everything()))

    def _start(
        self,
        work: Callable[[CancelToken], ImportOutcome],
        on_done: Callable[[ImportOutcome], None],
        message: str,
    ) -> None:
        handle = run_in_background(
            work,
            on_done=on_done,
            on_error=self._show_refusal,
            on_cancel=lambda: self.summary.setText("Stopped. Nothing was changed."),
            writes=True,
        )
        self.progress.follow(handle, message)
        handle.finished.connect(self._update_buttons)
        self._update_buttons()

    def _show_refusal(self, error: BaseException) -> None:
        if not isinstance(error, AdvisorError):
            show_error(error, self)
            self.summary.setText("The file was not imported. Nothing was changed.")
            return
        if (
            isinstance(error, InstitutionMismatch)
            and not self.replace_institution
            and ask_replace_institution(self, error)
        ):
            self.replace_institution = True
            self.rehearse()  # again, now replacing: the summary says what Import will do
            return
        self.refusal = error
        problems = error.problems if isinstance(error, ValidationError) else ()
        headline = error.headline if isinstance(error, ValidationError) else str(error)
        self.summary.setText(
            headline if error.nothing_changed else f"{headline}\nNothing was changed."
        )
        self._show_problems(problems)
        self._fill_preview(problems_by_line(problems))
        self.rehearsal = None
        self._update_buttons()

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.problems.clear()
        shown = problems[:SHOWN_PROBLEMS]  # all of them go into "Save the problems as CSV…"
        self.problems.addItems([str(p) for p in shown])
        if len(problems) > len(shown):
            self.problems.addItem(f"… and {len(problems) - len(shown):,} more (save them as CSV)")
        self.problems.setVisible(bool(problems))

    def _show_unmatched(self, rows: tuple[UnmatchedRow, ...], would: bool = False) -> None:
        self.unmatched_model.set_rows(list(rows))
        self.unmatched_view.setVisible(bool(rows))
        verb = "would not be imported" if would else "were not imported"
        self.unmatched_caption.setText(f"{len(rows)} row(s) {verb}:" if rows else "")
        self.unmatched_caption.setVisible(bool(rows))

    def ask_save_problems(self) -> None:
        if self.refusal is None:
            return
        stem = self.path.stem if self.path is not None else "import"
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the problems as CSV", f"{stem}-problems.csv", "CSV files (*.csv)"
        )
        if name:
            self.save_problems(Path(name))

    def save_problems(self, target: Path) -> int | None:
        if self.refusal is None:
            return None
        if target.suffix.lower() != ".csv":
            target = target.with_suffix(".csv")
        try:
            count = self._services.imports.save_problems(self.refusal, target)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.summary.setText(f"{self.summary.text()}\n{count} problem(s) saved to {target}.")
        return count
