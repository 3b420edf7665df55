"""The advising-session view: the screen turned toward the student across the desk.

Only this student is on screen (the main window hides its sidebar and status bar too): no list,
no other names. Larger type; progress, requirements and the plan; one button back.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.audit.result import AuditResult
from advisor.model.plan_result import PlanDetail
from advisor.model.services.student_service import StudentDetail
from advisor.ui.audit_tab import STATUS_COLOR, STATUS_TEXT, credits_text
from advisor.ui.plan_timeline import PlanTimeline
from advisor.ui.progress_tab import program_order, progress_table

SCALE = 1.35  # type size relative to the rest of the window


def _big(label: QLabel, factor: float, base: QFont, bold: bool = False) -> QLabel:
    font = QFont(base)
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


def _card(caption: str, value: QLabel) -> QFrame:
    """A framed figure with its caption above, readable from across a desk."""
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setMinimumWidth(240)
    column = QVBoxLayout(card)
    column.addWidget(QLabel(caption))
    column.addWidget(value)
    return card


class AdvisingView(QWidget):
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Advising-session view")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * SCALE)
        self.setFont(font)

        self.back_button = QPushButton("Back to the workspace")
        self.back_button.setAccessibleName("Leave the advising view")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.name = _big(QLabel(), 1.6, font, bold=True)
        self.name.setAccessibleName("Student name")
        self.facts = QLabel()
        self.facts.setAccessibleName("Student details")
        self.eligible = _big(QLabel(), 1.8, font, bold=True)
        self.eligible.setAccessibleName("Eligible credit hours")
        self.pending = _big(QLabel(), 1.8, font, bold=True)
        self.pending.setAccessibleName("Pending credit hours")
        self.projected = _big(QLabel(), 1.8, font, bold=True)
        self.projected.setAccessibleName("Credit hours once the plan is done")
        self.requirements = QLabel()
        self.requirements.setAccessibleName("Requirements")
        self.requirements.setWordWrap(True)
        self.requirements.setTextFormat(Qt.TextFormat.RichText)
        self.progress_model, self.progress_view = progress_table("Your programs")
        for column in (5, 6):
            self.progress_view.hideColumn(column)  # verification details are for the office
        self.progress_view.setFont(font)
        self.progress_view.horizontalHeader().setFont(font)
        self.progress_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.progress_view.setColumnWidth(2, 220)
        self.progress_view.setColumnWidth(3, 220)
        self.progress_view.setColumnWidth(1, 150)
        self.progress_view.setColumnWidth(4, 160)
        self.nothing_started = QLabel("No certification started yet.")
        self.plan_title = _big(QLabel(), 1.1, font, bold=True)
        self.plan_text = QLabel()
        self.plan_text.setAccessibleName("Plan summary")
        self.plan_text.setWordWrap(True)
        self.timeline = PlanTimeline()

        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        credits = QHBoxLayout()
        for caption, value in (
            ("Credit hours certified", self.eligible),
            ("Waiting for verification", self.pending),
            ("Once the plan is done", self.projected),
        ):
            credits.addWidget(_card(caption, value))
        credits.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addLayout(credits)
        layout.addWidget(self.requirements)
        layout.addWidget(self.nothing_started)
        layout.addWidget(self.progress_view)
        layout.addWidget(self.plan_title)
        layout.addWidget(self.plan_text)
        layout.addWidget(self.timeline)
        layout.addStretch(1)

    def show_student(self, detail: StudentDetail, audit: AuditResult) -> None:
        self.name.setText(detail.name)
        self.facts.setText(
            f"{audit.degree_title} · intake {detail.intake} · semester {detail.semester}"
        )
        self.eligible.setText(str(audit.eligible_credits))
        self.pending.setText(str(audit.pending_credits))
        items = []
        for r in audit.requirements:
            color = STATUS_COLOR.get(r.status, "#000")
            items.append(
                f"<tr><td><b>{escape(r.title)}</b>&nbsp;&nbsp;</td>"
                f"<td style='color:{color}'>{escape(STATUS_TEXT.get(r.status, r.status))}&nbsp;&nbsp;</td>"
                f"<td>{escape(credits_text(r))}</td></tr>"
            )
        self.requirements.setText(f"<table>{''.join(items)}</table>")
        started = [p for p in program_order(audit) if p.status != "not_started"]
        self.progress_model.set_rows(started)
        self.progress_view.setVisible(bool(started))
        self.nothing_started.setVisible(not started)
        # As tall as its rows (at most eight): the plan below gets the rest of the screen.
        rows = min(len(started), 8)
        self.progress_view.setFixedHeight(
            self.progress_view.horizontalHeader().sizeHint().height()
            + rows * self.progress_view.verticalHeader().defaultSectionSize()
            + 4
        )

    def show_plan(self, plan: PlanDetail | None, today: date) -> None:
        """The plan's dates and credits, and its timeline; or a line saying there is none."""
        self.timeline.setVisible(plan is not None)
        self.projected.setText(str(plan.projected_credits) if plan else "—")
        if plan is None:
            self.plan_title.setText("No plan yet")
            self.plan_text.setText("")
            self.timeline.set_plan(None)
            return
        self.plan_title.setText(f"Your plan ({plan.status}, version {plan.version})")
        finish = plan.finish_date.isoformat() if plan.finish_date else "—"
        targets = "; ".join(
            f"{t.title} by {t.completion.isoformat() if t.completion else '—'}"
            for t in plan.targets
        )
        self.plan_text.setText(
            f"{plan.hours_per_week:g} hours a week from {plan.start_date.isoformat()}, "
            f"finished by {finish}: {targets}. Credit hours once done: {plan.projected_credits}."
        )
        self.timeline.set_plan(plan, today)
