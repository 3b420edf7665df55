"""Progress: each program the student has touched or may take, with bars for courses and hours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
)

from advisor.model.audit.result import AuditResult, ProgramResult
from advisor.model.certificate_code import certificate_code
from advisor.ui.table_model import CENTER, SORT_ROLE, Column, RowTableModel
from advisor.ui.table_view import make_table

STATUS_TEXT = {"completed": "Completed", "in_progress": "In progress", "not_started": "Not started"}
STATUS_COLOR = {"completed": "#1b7a2e", "in_progress": "#9a6700", "not_started": "#6e7781"}


def _fraction(done: float, total: float) -> float:
    return 0.0 if total <= 0 else max(0.0, min(1.0, done / total))


def courses_fraction(p: ProgramResult) -> float:
    return _fraction(p.courses_done, p.courses_required)


def hours_fraction(p: ProgramResult) -> float:
    return _fraction(p.hours_done, p.hours_total)


def verified_text(p: ProgramResult) -> str:
    if p.status != "completed":
        return ""
    return "Verified" if p.verified else "Not verified"


PROGRESS_COLUMNS = [
    Column[ProgramResult]("Program", lambda p: p.title, tooltip=lambda p: p.reason),
    Column[ProgramResult](
        "Status",
        lambda p: STATUS_TEXT.get(p.status, p.status),
        color=lambda p: STATUS_COLOR.get(p.status),
    ),
    Column[ProgramResult](
        "Courses",
        lambda p: f"{p.courses_done} of {p.courses_required} courses",
        sort_key=courses_fraction,
    ),
    Column[ProgramResult](
        "Hours", lambda p: f"{p.hours_done:g} of {p.hours_total:g} h", sort_key=hours_fraction
    ),
    Column[ProgramResult]("Completed on", lambda p: p.completed_on, align=CENTER),
    Column[ProgramResult](
        "Verified",
        verified_text,
        color=lambda p: None if p.verified else "#9a6700",
    ),
    Column[ProgramResult](
        "Certificate", lambda p: certificate_code(p.certificate), tooltip=lambda p: p.certificate
    ),
]
BAR_COLUMNS = (2, 3)


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws the cell as a progress bar: SORT_ROLE is the fraction, the text is the label."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(SORT_ROLE)
        if not isinstance(fraction, float):
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = round(fraction * 1000)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = option.state
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


def progress_table(
    name: str = "Programs and progress",
) -> tuple[RowTableModel[ProgramResult], QTableView]:
    model: RowTableModel[ProgramResult] = RowTableModel(PROGRESS_COLUMNS)
    view = make_table(model, name, sort_first=False)
    delegate = ProgressBarDelegate(view)
    # Fixed columns as narrow as their usual text ("12 of 12 courses", "Not verified"; a long
    # certificate code is in the tooltip), so the program title, which stretches, keeps the
    # rest: at 1024 px a title such as "Google IT Support Professional Certificate" is read.
    for column in BAR_COLUMNS:
        view.setItemDelegateForColumn(column, delegate)
    for column, width in ((1, 90), (2, 115), (3, 100), (4, 95), (5, 85), (6, 100)):
        view.setColumnWidth(column, width)
    return model, view


def program_order(audit: AuditResult) -> list[ProgramResult]:
    """Completed first, then in progress, then the rest; by title within each."""
    rank = {"completed": 0, "in_progress": 1, "not_started": 2}
    return sorted(audit.programs, key=lambda p: (rank.get(p.status, 3), p.title))


def summary_line(audit: AuditResult) -> str:
    done = sum(1 for p in audit.programs if p.status == "completed")
    going = sum(1 for p in audit.programs if p.status == "in_progress")
    return (
        f"{done} program(s) complete, {going} in progress · "
        f"{audit.eligible_credits} credit hours eligible, {audit.pending_credits} pending "
        f"(cap {audit.credit_cap})"
    )
