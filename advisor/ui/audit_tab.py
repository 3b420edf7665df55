"""Audit: each requirement with its status, credits and the plain-language reasons; what-if
(another degree, or another year's policy) shown beside the own audit."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor.model.audit.comparison import AuditComparison
from advisor.model.audit.result import AuditResult, RequirementResult
from advisor.model.roles import Role
from advisor.ui.role_gate import needs
from advisor.ui.table_model import CENTER, RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table
from advisor.ui.what_if_view import WhatIfView

STATUS_TEXT = {
    "satisfied": "Satisfied",
    "pending": "Pending verification",
    "unsatisfied": "Open",
    "planned": "Planned",
    "waived": "Waived",
}
STATUS_COLOR = {
    "satisfied": "#1b7a2e",
    "pending": "#9a6700",
    "unsatisfied": "#b42318",
    "planned": "#0072B2",
    "waived": "#6e7781",
}


def filled_by_text(r: RequirementResult, program_title: Callable[[str], str]) -> str:
    """What fills the requirement; for a planned one, what the approved plan puts there."""
    if r.satisfied_by or not r.planned_by:
        return ", ".join(program_title(s) for s in r.satisfied_by)
    by = f" (by {r.planned_on.isoformat()})" if r.planned_on else ""
    return "Planned: " + ", ".join(program_title(s) for s in r.planned_by) + by


def credits_text(r: RequirementResult) -> str:
    if r.status == "waived":
        return "—"
    parts = []
    if r.eligible_credits:
        parts.append(f"{r.eligible_credits} eligible")
    if r.pending_credits:
        parts.append(f"{r.pending_credits} pending")
    return ", ".join(parts) or f"0 of {r.credits}"


def requirement_columns(program_title: Callable[[str], str]) -> list[Column[RequirementResult]]:
    """The requirement columns; `program_title` names a program by its slug."""
    return [
        Column[RequirementResult](
            "Requirement", lambda r: f"{r.id}: {r.title}", tooltip=lambda r: r.reason
        ),
        Column[RequirementResult]("Kind", lambda r: r.kind.capitalize()),
        Column[RequirementResult](
            "Status",
            lambda r: STATUS_TEXT.get(r.shown_status, r.shown_status),
            color=lambda r: STATUS_COLOR.get(r.shown_status),
        ),
        Column[RequirementResult](
            "Credit hours",
            credits_text,
            sort_key=lambda r: r.eligible_credits + r.pending_credits,
            align=RIGHT,
        ),
        Column[RequirementResult](
            "Due by sem.",
            lambda r: r.due_semester,
            align=CENTER,
            tooltip=lambda r: f"Due by semester {r.due_semester}" if r.due_semester else "",
        ),
        Column[RequirementResult](
            "Filled by",
            lambda r: filled_by_text(r, program_title),
            tooltip=lambda r: "\n".join(program_title(s) for s in r.satisfied_by or r.planned_by),
        ),
    ]


def reasons_html(audit: AuditResult) -> str:
    """Every requirement and counted or started program, in sentences a student can read."""
    out = [f"<p><b>{escape(audit.degree_title)}</b>, policy for intakes from {audit.policy_year}"]
    if audit.policy_note:
        out.append(f"<br><i>{escape(audit.policy_note)}</i>")
    out.append("</p><h4>Requirements</h4><ul>")
    for r in audit.requirements:
        color = STATUS_COLOR.get(r.shown_status, "#000")
        out.append(
            f"<li><b>{escape(r.id)}</b> <span style='color:{color}'>"
            f"{escape(STATUS_TEXT.get(r.shown_status, r.shown_status))}</span>: "
            f"{escape(r.reason)}</li>"
        )
    out.append("</ul>")
    touched = [p for p in audit.programs if p.status != "not_started" or p.counted_for]
    if touched:
        out.append("<h4>Programs</h4><ul>")
        out.extend(f"<li>{escape(p.reason)}</li>" for p in touched)
        out.append("</ul>")
    if audit.exceptions:
        out.append("<h4>Exceptions</h4><ul>")
        out.extend(f"<li>{escape(e.note or e.reason)}</li>" for e in audit.exceptions)
        out.append("</ul>")
    return "".join(out)


class AuditTab(QWidget):
    """Shows an AuditResult, or an AuditComparison (own beside what-if); asks for a what-if
    with `what_if_requested(degree, policy_year)`."""

    what_if_requested = Signal(object, object)  # degree code or None, policy year or None

    def __init__(self) -> None:
        super().__init__()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Audit summary")
        self._program_titles: dict[str, str] = {}  # the shown audit's programs, slug -> title
        self.requirements: RowTableModel[RequirementResult] = RowTableModel(
            requirement_columns(lambda slug: self._program_titles.get(slug, slug))
        )
        self.view = make_table(self.requirements, "Requirements", stretch=0)
        for column, width in ((1, 84), (3, 96), (4, 84), (5, 280)):
            self.view.setColumnWidth(column, width)
        # "Pending verification" whole, at any text size (a fixed width cut it to "Pending verificati…")
        self.view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.reasons = QTextBrowser()
        self.reasons.setAccessibleName("Reasons")
        self.reasons.setOpenLinks(False)

        self.degree = QComboBox()
        self.degree.setAccessibleName("What-if degree")
        self.year = QSpinBox()
        self.year.setAccessibleName("What-if policy year")
        self.year.setToolTip(
            "Audit against the policy this year's intake would get; the student's own intake "
            "date and semester stay as they are"
        )
        self.year.setRange(1999, 2100)
        self.year.setSpecialValueText("own policy")
        self.try_button = QPushButton("Try what-if")
        self.try_button.setAccessibleName("Run the what-if audit")
        self.own_button = QPushButton("Back to own audit")
        self.own_button.setAccessibleName("Back to the student's own audit")
        self.own_button.setEnabled(False)
        self.try_button.clicked.connect(self._ask_what_if)
        self.own_button.clicked.connect(lambda: self.what_if_requested.emit(None, None))

        # A what-if needs the advisor role: a viewer is not offered a button the service refuses.
        self.what_if_bar = QWidget()
        needs(Role.ADVISOR, self.what_if_bar)
        bar = QHBoxLayout(self.what_if_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("What if the student were in"))
        bar.addWidget(self.degree)
        bar.addWidget(QLabel("with the policy of year"))
        bar.addWidget(self.year)
        bar.addWidget(self.try_button)
        bar.addWidget(self.own_button)
        bar.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.reasons)
        split.setSizes([220, 300])
        split.setStretchFactor(0, 0)  # the requirements keep their rows' height; reasons grow
        split.setStretchFactor(1, 1)
        self._split = split
        self.what_if_view = WhatIfView(STATUS_TEXT, STATUS_COLOR, reasons_html)
        self.pages = QStackedWidget()
        self.pages.addWidget(split)
        self.pages.addWidget(self.what_if_view)
        self.comparison: AuditComparison | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.what_if_bar)

    def set_degrees(self, own: str, codes: list[tuple[str, str]]) -> None:
        self.degree.clear()
        self.degree.addItem(f"own degree ({own})", None)
        for code, title in codes:
            if code != own:
                self.degree.addItem(f"{code} — {title}", code)
        self.year.setValue(self.year.minimum())

    def _ask_what_if(self) -> None:
        year = self.year.value()
        self.what_if_requested.emit(
            self.degree.currentData(), None if year == self.year.minimum() else year
        )

    def show_comparison(self, comparison: AuditComparison) -> None:
        """The what-if beside the own audit (the own audit's table keeps the own rows)."""
        self.comparison = comparison
        self.what_if_view.show_comparison(comparison)
        self.pages.setCurrentWidget(self.what_if_view)
        self.banner.setText(f"<b>{escape(comparison.what_if.what_if or 'What-if')}</b>")
        self.own_button.setEnabled(True)

    def show_audit(self, audit: AuditResult) -> None:
        self.comparison = None
        self.pages.setCurrentWidget(self._split)
        self._program_titles = {p.slug: p.title for p in audit.programs}
        self.requirements.set_rows(list(audit.requirements))
        # The table as tall as its rows (a policy has a handful): the reasons get the rest.
        rows = max(1, min(len(audit.requirements), 10))
        wanted = (
            self.view.horizontalHeader().sizeHint().height()
            + rows * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
            + 2
        )
        total = sum(self._split.sizes()) or 520
        self._split.setSizes([wanted, max(160, total - wanted)])
        lead = f"<b>{escape(audit.what_if)}</b><br>" if audit.what_if else ""
        self.banner.setText(
            f"{lead}{audit.degree} · policy {audit.policy_year or 'none'} · "
            f"<b>{audit.eligible_credits}</b> credit hours eligible, "
            f"<b>{audit.pending_credits}</b> pending verification, cap {audit.credit_cap}"
        )
        self.reasons.setHtml(reasons_html(audit))
        self.own_button.setEnabled(audit.what_if is not None)
