"""A what-if audit beside the student's own: one table of the requirements with both statuses
and credit hours (the ones that change highlighted), and both audits' reasons side by side."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from advisor.model.audit.comparison import AuditComparison, RequirementChange
from advisor.model.audit.result import AuditResult, RequirementResult
from advisor.ui.table_model import CENTER, RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table

CHANGED_BACKGROUND = "#fff1c2"  # a light amber: readable under every status colour


def _status(r: RequirementResult | None, texts: dict[str, str]) -> str:
    return "—" if r is None else texts.get(r.status, r.status)


def change_text(row: RequirementChange) -> str:
    if row.own is None:
        return "added"
    if row.what_if is None:
        return "dropped"
    if not row.changed:
        return "same"
    credits = row.credit_change
    if credits:
        return f"{credits:+d} cr"
    return "status"


def change_tooltip(row: RequirementChange) -> str:
    if row.own is None:
        return "Only the what-if policy has this requirement"
    if row.what_if is None:
        return "The what-if policy has no such requirement"
    return ""


def comparison_columns(
    texts: dict[str, str], colors: dict[str, str]
) -> list[Column[RequirementChange]]:
    """`texts` and `colors` are the Audit tab's status words and colours (one wording)."""

    def background(row: RequirementChange) -> str | None:
        return CHANGED_BACKGROUND if row.changed else None

    def status_color(r: RequirementResult | None) -> str | None:
        return colors.get(r.status) if r else None

    return [
        Column[RequirementChange](
            "Requirement",
            lambda r: f"{r.id}: {r.title}",
            background=background,
            tooltip=lambda r: r.reason,
        ),
        Column[RequirementChange](
            "Own status",
            lambda r: _status(r.own, texts),
            background=background,
            color=lambda r: status_color(r.own),
        ),
        Column[RequirementChange](
            "Own cr.", lambda r: r.own_credits if r.own else "—", align=RIGHT, background=background
        ),
        Column[RequirementChange](
            "What-if status",
            lambda r: _status(r.what_if, texts),
            background=background,
            color=lambda r: status_color(r.what_if),
        ),
        Column[RequirementChange](
            "What-if cr.",
            lambda r: r.what_if_credits if r.what_if else "—",
            align=RIGHT,
            background=background,
        ),
        Column[RequirementChange](
            "Change",
            change_text,
            align=CENTER,
            background=background,
            sort_key=lambda r: (not r.changed, r.credit_change),
            tooltip=change_tooltip,
        ),
    ]


def audit_heading(title: str, audit: AuditResult) -> str:
    return (
        f"<b>{escape(title)}</b>: {escape(audit.degree)} · policy {audit.policy_year or 'none'} · "
        f"<b>{audit.eligible_credits}</b> eligible, <b>{audit.pending_credits}</b> pending, "
        f"cap {audit.credit_cap}"
    )


def difference_html(c: AuditComparison) -> str:
    """The one-paragraph answer: how many credit hours change, and which programs move."""
    own = c.own.eligible_credits + c.own.pending_credits
    other = c.what_if.eligible_credits + c.what_if.pending_credits
    changed = len(c.changed)
    amount = (
        f"{c.credit_change:+d} credit hours" if c.credit_change else "no change in credit hours"
    )
    parts = [
        f"<b>Difference: {amount}</b> ({own} → {other}); "
        + (
            f"{changed} requirement(s) change (highlighted)."
            if changed
            else "no requirement changes."
        )
    ]
    for p in c.programs:
        before = f"counts for {p.own_slot}" if p.own_slot else "not counted"
        after = f"counts for {p.what_if_slot}" if p.what_if_slot else "not counted"
        parts.append(f"<br>• {escape(p.title)}: {escape(before)} → {escape(after)}")
    return "".join(parts)


class WhatIfView(QWidget):
    """Shows an AuditComparison; `reasons_html` renders one audit's reasons (the Audit tab's)."""

    def __init__(
        self,
        texts: dict[str, str],
        colors: dict[str, str],
        reasons_html: Callable[[AuditResult], str],
    ) -> None:
        super().__init__()
        self.setAccessibleName("What-if beside the own audit")
        self._reasons_html = reasons_html
        self.difference = QLabel()
        self.difference.setAccessibleName("What-if difference")
        self.difference.setWordWrap(True)
        self.difference.setTextFormat(Qt.TextFormat.RichText)
        self.rows: RowTableModel[RequirementChange] = RowTableModel(
            comparison_columns(texts, colors)
        )
        self.view = make_table(self.rows, "Requirements, own and what-if", sort_first=False)
        for column, width in ((1, 124), (2, 64), (3, 124), (4, 76), (5, 76)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSectionResizeMode(
            0, self.view.horizontalHeader().ResizeMode.Stretch
        )
        self.own_heading = QLabel()
        self.own_heading.setWordWrap(True)
        self.own_reasons = QTextBrowser()
        self.own_reasons.setAccessibleName("Own audit's reasons")
        self.what_if_heading = QLabel()
        self.what_if_heading.setWordWrap(True)
        self.what_if_reasons = QTextBrowser()
        self.what_if_reasons.setAccessibleName("What-if audit's reasons")
        sides = QSplitter(Qt.Orientation.Horizontal)
        for heading, browser in (
            (self.own_heading, self.own_reasons),
            (self.what_if_heading, self.what_if_reasons),
        ):
            pane = QWidget()
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.addWidget(heading)
            pane_layout.addWidget(browser, 1)
            sides.addWidget(pane)
        self._split = QSplitter(Qt.Orientation.Vertical)
        self._split.addWidget(self.view)
        self._split.addWidget(sides)
        self._split.setStretchFactor(0, 0)
        self._split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.difference)
        layout.addWidget(self._split, 1)

    def show_comparison(self, c: AuditComparison) -> None:
        self.rows.set_rows(list(c.requirements))
        rows = max(1, min(len(c.requirements), 8))
        wanted = (
            self.view.horizontalHeader().sizeHint().height()
            + rows * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
            + 2
        )
        total = sum(self._split.sizes()) or 480
        self._split.setSizes([wanted, max(160, total - wanted)])
        self.difference.setText(difference_html(c))
        self.own_heading.setText(audit_heading("Own audit", c.own))
        self.what_if_heading.setText(audit_heading("What-if", c.what_if))
        self.own_reasons.setHtml(self._reasons_html(c.own))
        self.what_if_reasons.setHtml(self._reasons_html(c.what_if))
