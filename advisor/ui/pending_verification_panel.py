"""Pending verification (a tab of the Letters screen): every completed program of a cohort that
waits for a certificate check — the credits a letter cannot certify yet. Filter by degree and
intake, choose several rows, and record their checks at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.certificate_check_service import CheckRequest
from advisor.model.services.certificate_desk import PendingItem
from advisor.ui.certificate_check_dialog import CertificateCheckDialog
from advisor.ui.cohort_choice import chosen_cohort, cohort_pick, refill_intakes
from advisor.ui.errors import show_error
from advisor.ui.role_gate import needs
from advisor.ui.table_model import CENTER, RIGHT, ROW_ROLE, Column, RowTableModel
from advisor.ui.table_view import make_table
from advisor.ui.tasks import run_in_background

ALL = "All"

PENDING_COLUMNS = [
    Column[PendingItem]("Roll no", lambda i: i.roll_no),
    Column[PendingItem]("Name", lambda i: i.name),
    Column[PendingItem]("Intake", lambda i: i.intake),
    Column[PendingItem]("Program", lambda i: i.title, tooltip=lambda i: i.reason),
    Column[PendingItem]("Completed on", lambda i: i.completed_on, align=CENTER),
    Column[PendingItem]("Counts for", lambda i: i.counts_for or "—"),
    Column[PendingItem]("Pending cr.", lambda i: i.credits if i.counts_for else 0, align=RIGHT),
]


class PendingVerificationPanel(QWidget):
    changed = Signal()  # checks were recorded: credits moved from pending to verified

    def __init__(
        self, services: Services, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today or date.today()
        self._asked = 0
        self.dialog: CertificateCheckDialog | None = None  # the last one opened (tests read it)
        self.degree_box, self.intake_box, self.summary, pick_row = cohort_pick(
            self,
            labels=("D&egree", "In&take"),
            names=(
                "Degree of the pending list",
                "Intake of the pending list",
                "Pending verification summary",
            ),
            on_degree=self._degree_changed,
            on_intake=self.reload,
        )
        self.model: RowTableModel[PendingItem] = RowTableModel(PENDING_COLUMNS)
        self.view = make_table(
            self.model, "Completed programs waiting for verification", stretch=3, sort_first=False
        )
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, width in ((0, 110), (1, 150), (2, 90), (4, 100), (5, 100), (6, 80)):
            self.view.setColumnWidth(column, width)
        self.verify_button = QPushButton("&Verify selected…", self)
        self.verify_button.setAccessibleName("Record the checks of the selected certificates")
        self.verify_button.clicked.connect(self.verify_selected)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        needs(Role.ADVISOR, self.verify_button)
        hint = QLabel(
            "Choose rows (Ctrl or Shift for several), then Verify: type each certificate's code "
            "or paste its Coursera verify URL.",
            self,
        )
        hint.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(hint, 1)
        actions.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(pick_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self._buttons()

    def refresh(self) -> None:
        """Degrees and intakes may have changed since last shown."""
        chosen = self.degree_box.currentData()
        self.degree_box.blockSignals(True)
        self.degree_box.clear()
        self.degree_box.addItem("All degrees", None)
        for degree in self._services.policy.degrees():
            self.degree_box.addItem(f"{degree.code} — {degree.title}", degree.code)
        self.degree_box.setCurrentIndex(max(self.degree_box.findData(chosen), 0))
        self.degree_box.blockSignals(False)
        self._degree_changed()

    def _degree_changed(self) -> None:
        degree = self.degree_box.currentData()
        students = self._services.students.list(degree=degree)
        refill_intakes(self.intake_box, (s.intake for s in students), ALL)
        self.reload()

    def cohort(self) -> tuple[str | None, str | None]:
        return chosen_cohort(self.degree_box, self.intake_box, ALL)

    def reload(self) -> None:
        """The cohort's audit runs off the GUI thread; an answer to an older choice is dropped."""
        degree, intake = self.cohort()
        self._asked += 1
        asked = self._asked
        self.summary.setText("Reading the cohort…")
        desk, today = self._services.certificates, self._today

        def done(items: list[PendingItem]) -> None:
            if asked == self._asked:
                self._show(items)

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self._show([])
                show_error(error, self)

        run_in_background(
            lambda _token: desk.pending(degree, intake, today=today), on_done=done, on_error=failed
        )

    def _show(self, items: list[PendingItem]) -> None:
        self.model.set_rows(items)
        students = len({i.roll_no for i in items})
        credits = sum(i.credits for i in items if i.counts_for)
        self.summary.setText(
            f"{len(items)} completed program(s) of {students} student(s) wait for a "
            f"certificate check; {credits} credit hours are pending until then."
            if items
            else "Nothing waits for verification in this cohort."
        )
        self._buttons()

    def selected(self) -> list[PendingItem]:
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(ROW_ROLE) for index in rows]

    def _buttons(self) -> None:
        self.verify_button.setEnabled(bool(self.selected()))

    def _recorded(self, _records: list[object]) -> None:
        self.reload()
        self.changed.emit()

    def verify_selected(self) -> CertificateCheckDialog | None:
        items = self.selected()
        if not items:
            return None
        rows = [
            (f"{i.name} ({i.roll_no})", i.title, CheckRequest(i.roll_no, "", program=i.program))
            for i in items
        ]
        self.dialog = CertificateCheckDialog(self._services, self._today, rows, self)
        self.dialog.recorded.connect(self._recorded)
        self.dialog.open()
        return self.dialog
