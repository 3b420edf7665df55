"""The advising-session view: the screen turned toward the student across the desk.

Only this student is on screen (the main window hides its sidebar and status bar too): no list,
no other names. Larger type; each requirement as a card with its status in words and colour,
each certification under way or done with a progress bar, and the plan's timeline (the Plan
tab's own widget) with its projected completion and credits; one button back.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.audit.result import AuditResult, ProgramResult, RequirementResult
from advisor.model.plan_result import PlanDetail, PlannedProgram
from advisor.model.services.student_service import StudentDetail
from advisor.ui.audit_tab import STATUS_COLOR
from advisor.ui.plan_timeline import PlanTimeline
from advisor.ui.progress_tab import program_order

SCALE = 1.35  # type size relative to the rest of the window

# Words for the student, not the office's shorthand ("pending" means nothing across a desk).
REQUIREMENT_WORDS = {
    "satisfied": "Satisfied",
    "pending": "Waiting for certificate verification",
    "unsatisfied": "Open",
    "planned": "Planned",
    "waived": "Waived",
}
PROGRAM_WORDS = {"completed": "Completed", "in_progress": "In progress"}
PROGRAM_COLOR = {"completed": "#1b7a2e", "in_progress": "#9a6700"}
NOT_COUNTED_COLOR = "#6e7781"  # done, but earns nothing here: neither green nor "waiting"


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "—"


def _sized(widget: QLabel, base: QFont, factor: float, *, bold: bool = False) -> QLabel:
    font = QFont(base)
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)
    return widget


def _card(accent: str) -> tuple[QFrame, QVBoxLayout]:
    """A white panel with a coloured bar down its left edge: the colour says the status."""
    card = QFrame()
    card.setObjectName("card")
    card.setStyleSheet(
        f"QFrame#card {{ background: palette(base); border: 1px solid palette(mid);"
        f" border-left: 6px solid {accent}; border-radius: 4px; }}"
    )
    column = QVBoxLayout(card)
    column.setContentsMargins(12, 6, 12, 6)
    column.setSpacing(2)
    return card, column


def _section(title: str, base: QFont) -> QLabel:
    label = _sized(QLabel(title), base, 1.15, bold=True)
    label.setContentsMargins(0, 8, 0, 2)
    return label


class AdvisingView(QWidget):
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Advising-session view")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * SCALE)
        self.setFont(font)
        self._base = font
        self._audit: AuditResult | None = None
        self._plan: PlanDetail | None = None

        self.back_button = QPushButton("Back to the workspace")
        self.back_button.setAccessibleName("Leave the advising view")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.name = _sized(QLabel(), font, 1.6, bold=True)
        self.name.setAccessibleName("Student name")
        self.facts = QLabel()
        self.facts.setAccessibleName("Student details")
        self.eligible = _sized(QLabel(), font, 1.8, bold=True)
        self.eligible.setAccessibleName("Eligible credit hours")
        self.pending = _sized(QLabel(), font, 1.8, bold=True)
        self.pending.setAccessibleName("Pending credit hours")
        self.projected = _sized(QLabel(), font, 1.8, bold=True)
        self.projected.setAccessibleName("Credit hours once the plan is done")

        self.requirement_box = QVBoxLayout()
        self.requirement_box.setSpacing(6)
        self.program_box = QVBoxLayout()
        self.program_box.setSpacing(6)
        self.requirement_cards: list[QFrame] = []  # tests read them
        self.program_cards: list[QFrame] = []
        self.plan_title = _section("Your plan", font)
        self.plan_text = QLabel()
        self.plan_text.setAccessibleName("Plan summary")
        self.plan_text.setWordWrap(True)
        self.plan_text.setTextFormat(Qt.TextFormat.RichText)
        self.timeline = PlanTimeline()

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.name)
        heading.addWidget(self.facts)
        top.addLayout(heading, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        credits = QHBoxLayout()
        credits.setSpacing(12)
        for caption, value, accent in (
            ("credit hours certified", self.eligible, STATUS_COLOR["satisfied"]),
            ("credit hours waiting for verification", self.pending, STATUS_COLOR["pending"]),
            ("credit hours once the plan is done", self.projected, "#0072B2"),
        ):
            card, column = _card(accent)
            row = QHBoxLayout()
            row.addWidget(value)
            words = QLabel(caption)
            words.setFont(font)  # a style sheet on the card stops the font reaching its labels
            words.setWordWrap(True)
            row.addWidget(words, 1)
            column.addLayout(row)
            credits.addWidget(card, 1)

        columns = QGridLayout()
        columns.setHorizontalSpacing(16)
        columns.addWidget(_section("Your degree requirements", font), 0, 0)
        columns.addWidget(_section("Your certifications", font), 0, 1)
        # Top-aligned by a stretch beneath, not by an alignment flag: a layout added with an
        # alignment gets its size hint's height, which clips cards whose text wraps.
        for position, box in enumerate((self.requirement_box, self.program_box)):
            holder = QVBoxLayout()
            holder.addLayout(box)
            holder.addStretch(1)
            columns.addLayout(holder, 1, position)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(credits)
        layout.addLayout(columns)
        layout.addWidget(self.plan_title)
        layout.addWidget(self.plan_text)
        layout.addWidget(self.timeline)
        layout.addStretch(1)

    # --- what the workspace hands over ---------------------------------------------------

    def show_student(self, detail: StudentDetail, audit: AuditResult) -> None:
        self._audit = audit
        self.name.setText(detail.name)
        self.facts.setText(
            f"{audit.degree_title} · intake {detail.intake} · semester {detail.semester}"
        )
        self.eligible.setText(str(audit.eligible_credits))
        self.pending.setText(str(audit.pending_credits))
        self._fill_requirements()
        self._fill_programs(audit)

    def show_plan(self, plan: PlanDetail | None, today: date) -> None:
        """The plan's dates and credits, and its timeline; or a line saying there is none."""
        self._plan = plan
        self.timeline.setVisible(plan is not None)
        self.timeline.set_plan(plan, today)
        self.projected.setText(str(plan.projected_credits) if plan else "—")
        self._fill_requirements()  # an open requirement names the planned program filling it
        if plan is None:
            self.plan_title.setText("Your plan")
            self.plan_text.setText("No plan yet: your advisor can build one with you.")
            return
        self.plan_title.setText(f"Your plan (version {plan.version}, {plan.status})")
        finish = long_date(plan.finish_date) if plan.finish_date else "nothing left to take"
        lines = [
            f"Projected completion: <b>{finish}</b> · <b>{plan.projected_credits}</b> credit "
            f"hours once done · {plan.hours_per_week:g} hours a week from "
            f"{long_date(plan.start_date)}"
        ]
        lines.extend(
            f"• {escape(t.title)}: done by {long_date(t.completion)}"
            + (f", counts for {t.counts_for} (+{t.credits} credit hours)" if t.counts_for else "")
            for t in plan.targets
        )
        self.plan_text.setText("<br>".join(lines))

    # --- the cards -----------------------------------------------------------------------

    def _titles(self) -> dict[str, str]:
        return {p.slug: p.title for p in self._audit.programs} if self._audit else {}

    def _fill_requirements(self) -> None:
        _clear(self.requirement_box, self.requirement_cards)
        if self._audit is None:
            return
        titles = self._titles()
        draft = self._plan is not None and self._plan.status == "draft"
        planned = {t.counts_for: t for t in self._plan.targets} if draft and self._plan else {}
        for r in self._audit.requirements:
            card = self._requirement_card(r, titles, planned.get(r.id))
            self.requirement_cards.append(card)
            self.requirement_box.addWidget(card)
        if not self._audit.requirements:
            self._note(self.requirement_box, self.requirement_cards, "No requirements apply.")

    def _requirement_card(
        self, r: RequirementResult, titles: dict[str, str], planned: PlannedProgram | None
    ) -> QFrame:
        color = STATUS_COLOR.get(r.shown_status, "#6e7781")
        card, column = _card(color)
        card.setAccessibleName(f"Requirement {r.id}")
        head = QHBoxLayout()
        title = _sized(QLabel(r.title), self._base, 1.0, bold=True)
        title.setWordWrap(True)
        head.addWidget(title, 1)
        status = _sized(
            QLabel(REQUIREMENT_WORDS.get(r.shown_status, r.shown_status)),
            self._base,
            1.0,
            bold=True,
        )
        status.setAccessibleName("Requirement status")
        status.setStyleSheet(f"color: {color};")
        head.addWidget(status, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(head)
        column.addWidget(self._small(_requirement_detail(r, titles, planned)))
        return card

    def _fill_programs(self, audit: AuditResult) -> None:
        _clear(self.program_box, self.program_cards)
        started = [p for p in program_order(audit) if p.status != "not_started"]
        for p in started:
            card = self._program_card(p)
            self.program_cards.append(card)
            self.program_box.addWidget(card)
        if not started:
            self._note(self.program_box, self.program_cards, "No certification started yet.")

    def _program_card(self, p: ProgramResult) -> QFrame:
        # Done but its certificate not yet seen: the amber of "waiting", not the green of done;
        # done but earning nothing here: grey, with the audit's reason.
        waiting = p.status == "completed" and not p.verified
        color = STATUS_COLOR["pending"] if waiting else PROGRAM_COLOR.get(p.status, "#6e7781")
        if p.status == "completed" and p.not_counted:
            color = NOT_COUNTED_COLOR
        card, column = _card(color)
        card.setAccessibleName(f"Certification {p.title}")
        title = _sized(QLabel(p.title), self._base, 1.0, bold=True)
        title.setWordWrap(True)
        column.addWidget(title)
        words = PROGRAM_WORDS.get(p.status, p.status)
        if p.status == "completed":
            words += f" {p.completed_on.day} {p.completed_on:%b %Y}" if p.completed_on else ""
            if p.not_counted:
                words += f" — does not count: {p.not_counted}"
            elif not p.verified:
                words += ", waiting for certificate verification"
        else:
            words += f": {p.hours_done:g} of {p.hours_total:g} hours"
        if p.counted_for:
            words += f" · {p.credits} credit hours ({p.counted_for})"
        status = self._small(words)
        status.setStyleSheet(f"color: {color};")
        bar = QProgressBar()
        bar.setAccessibleName("Courses done")
        bar.setRange(0, max(1, p.courses_required))
        bar.setValue(min(p.courses_done, max(1, p.courses_required)))
        bar.setFormat(f"{p.courses_done} of {p.courses_required} courses")
        bar.setFixedWidth(170)
        bar.setFont(self._small("").font())
        line = QHBoxLayout()
        line.addWidget(status, 1)
        line.addWidget(bar, 0, Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(line)
        return card

    def _small(self, text: str) -> QLabel:
        label = _sized(QLabel(text), self._base, 0.85)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def _note(self, box: QVBoxLayout, cards: list[QFrame], text: str) -> None:
        card, column = _card("#6e7781")
        column.addWidget(_sized(QLabel(text), self._base, 1.0))
        cards.append(card)
        box.addWidget(card)


def _requirement_detail(
    r: RequirementResult, titles: dict[str, str], planned: PlannedProgram | None
) -> str:
    """One line under a requirement: what fills it, or how it can be filled."""
    worth = f"{r.credits} credit hours"
    if r.status == "waived":
        return f"{worth} · waived by the department"
    if r.satisfied_by:
        return f"{worth} · by " + ", ".join(titles.get(s, s) for s in r.satisfied_by)
    due = f" · due by semester {r.due_semester}" if r.due_semester else ""
    if r.planned_by:
        names = ", ".join(titles.get(s, s) for s in r.planned_by)
        return f"{worth}{due} · planned: {names}, done by {long_date(r.planned_on)}"
    if planned is not None:
        return f"{worth}{due} · in the draft plan (not approved yet): {planned.title}"
    if r.open_options:
        names = ", ".join(titles.get(s, s) for s in r.open_options)
        text = f"{worth}{due} · choose {r.choose} of: {names}"
    else:
        text = f"{worth}{due} · none of its certifications can count any more"
    for slug, why in r.blocked:
        text += f"\n{titles.get(slug, slug)} is done but cannot count here: {why}"
    return text


def _clear(box: QVBoxLayout, cards: list[QFrame]) -> None:
    for card in cards:
        box.removeWidget(card)
        card.setParent(None)  # off screen at once; deleted when the loop next runs
        card.deleteLater()
    cards.clear()
