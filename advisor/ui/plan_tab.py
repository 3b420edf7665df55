"""Plan: choose targets (suggested from the open requirements), hours per week and a start date;
see the timeline, the warnings and the projected credits; approve; print; earlier versions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError, NotFoundError
from advisor.model.plan_result import PlanDetail, PlannedCourse
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.plan_service import PlanVersion
from advisor.model.services.plan_targets import TargetChoice
from advisor.ui.confirm import confirm
from advisor.ui.errors import show_error
from advisor.ui.plan_timeline import PlanTimeline
from advisor.ui.role_gate import needs
from advisor.ui.screen import Change
from advisor.ui.table_model import CENTER, RIGHT, Column, RowTableModel
from advisor.ui.table_view import make_table

SLUG_ROLE = int(Qt.ItemDataRole.UserRole) + 10
CURRENT = ("draft", "approved")  # a student's current plan is the newest of these


def item_columns(program_title: Callable[[str], str]) -> list[Column[PlannedCourse]]:
    """The planned-course columns; `program_title` names a target program by its slug."""
    return [
        Column[PlannedCourse]("#", lambda c: c.position + 1, align=RIGHT),
        Column[PlannedCourse]("Course", lambda c: c.course_title, tooltip=lambda c: c.course_title),
        Column[PlannedCourse](
            "For",
            lambda c: ", ".join(program_title(s) for s in c.programs),
            tooltip=lambda c: "\n".join(program_title(s) for s in c.programs),
        ),
        Column[PlannedCourse](
            "Hours",
            lambda c: f"≈ {c.hours:g}" if c.hours_estimated else c.hours,
            sort_key=lambda c: c.hours,
            align=RIGHT,
        ),
        Column[PlannedCourse]("Weeks", lambda c: c.weeks, align=RIGHT),
        Column[PlannedCourse]("Start", lambda c: c.start, align=CENTER),
        Column[PlannedCourse]("End", lambda c: c.end, align=CENTER),
    ]


def plan_summary_html(plan: PlanDetail) -> str:
    """Version, status, dates and credits in two lines; the warnings after, in red."""
    approved = (
        f", approved {plan.approved_at:%Y-%m-%d} by {escape(plan.approved_by or '')}"
        if plan.approved_at
        else ""
    )
    finish = plan.finish_date.isoformat() if plan.finish_date else "nothing left to take"
    parts = [
        f"<b>Version {plan.version}</b> · {escape(plan.status)}{approved}<br>"
        f"From {plan.start_date.isoformat()} at {plan.hours_per_week:g} h/week · "
        f"finished by <b>{finish}</b> · degree ends {plan.graduation_date.isoformat()}<br>"
        f"Credit hours now {plan.eligible_credits} eligible + {plan.pending_credits} pending; "
        f"<b>{plan.projected_credits}</b> once the plan is done (cap {plan.credit_cap})"
    ]
    for target in plan.targets:
        done = target.completion.isoformat() if target.completion else "—"
        slot = (
            f", counts for {escape(target.counts_for)} ({target.credits} cr.)"
            if target.counts_for
            else ""
        )
        parts.append(f"<br>• {escape(target.title)}: complete by {done}{slot}")
    if plan.warnings:
        parts.append(
            "<br>"
            + "".join(
                f"<br><span style='color:#b42318'>⚠ {escape(w)}</span>" for w in plan.warnings
            )
        )
    return "".join(parts)


class PlanTab(QWidget):
    plan_changed = Signal(object)  # PlanDetail or None
    wrote = Signal(object)  # Change.PLANS, after a build or an approval
    print_requested = Signal(object)  # PlanDetail

    def __init__(self, services: Services, today: date) -> None:
        super().__init__()
        self._services = services
        self._today = today
        self._roll_no: str | None = None
        self.plan: PlanDetail | None = None

        self.targets = QListWidget()
        self.targets.setAccessibleName("Target programs")
        self.targets.setWordWrap(True)
        self.targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hours = QDoubleSpinBox()
        self.hours.setAccessibleName("Hours per week")
        self.hours.setRange(1, 60)
        self.hours.setDecimals(1)
        self.hours.setValue(8)
        self.hours.setSuffix(" h/week")
        self.start = QDateEdit()
        self.start.setAccessibleName("Start date")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.build_button = QPushButton("Build plan")
        self.build_button.setAccessibleName("Build a plan")
        self.build_button.clicked.connect(self.build_plan)

        self.summary = QLabel("No plan yet: tick the programs to plan, then Build plan.")
        self.summary.setAccessibleName("Plan summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.timeline = PlanTimeline()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self._timeline_scroll = scroll
        scroll.setWidget(self.timeline)
        self._program_titles: dict[str, str] = {}  # the shown plan's targets, slug -> title
        self.items: RowTableModel[PlannedCourse] = RowTableModel(
            item_columns(lambda slug: self._program_titles.get(slug, slug))
        )
        self.items_view = make_table(self.items, "Planned courses", sortable=False, stretch=1)
        for column, width in ((0, 32), (2, 170), (3, 56), (4, 56), (5, 88), (6, 88)):
            self.items_view.setColumnWidth(column, width)
        self.versions = QComboBox()
        self.versions.setAccessibleName("Plan version")
        self.versions.activated.connect(self._version_chosen)
        self.approve_button = QPushButton("Approve")
        self.approve_button.setAccessibleName("Approve this plan version")
        self.approve_button.clicked.connect(self.approve_plan)
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the plan")
        self.print_button.clicked.connect(
            lambda: self.plan and self.print_requested.emit(self.plan)
        )

        needs(Role.ADVISOR, self.build_button, self.approve_button, self.print_button)
        form = QFormLayout()
        form.addRow("Hours per week", self.hours)
        form.addRow("Start on", self.start)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(
            "<b>Programs to plan</b> (suggested ones, in bold, fill an open requirement)"
        )
        heading.setWordWrap(True)  # else its width would be the left pane's minimum
        left_layout.addWidget(heading)
        left_layout.addWidget(self.targets, 1)
        left_layout.addLayout(form)
        left_layout.addWidget(self.build_button)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(scroll)
        right_split.addWidget(self.items_view)
        right_split.setSizes([300, 220])
        right_split.setStretchFactor(0, 0)  # the timeline keeps its height; the table grows
        right_split.setStretchFactor(1, 1)
        self._right_split = right_split
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(right_split, 1)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Version"))
        bar.addWidget(self.versions, 1)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.print_button)
        right_layout.addLayout(bar)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([360, 770])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # --- loading -------------------------------------------------------------------------

    def show_student(self, roll_no: str) -> None:
        self._roll_no = roll_no
        self.start.setDate(QDate(self._today.year, self._today.month, self._today.day))
        try:
            plan: PlanDetail | None = self._services.plans.show(roll_no, today=self._today)
        except NotFoundError:
            plan = None
        self._fill_targets(plan)
        self._show(plan)

    def _fill_targets(self, plan: PlanDetail | None) -> None:
        assert self._roll_no is not None
        chosen = [t.slug for t in plan.targets] if plan else []
        self.targets.clear()
        for choice in self._services.plans.target_choices(self._roll_no, today=self._today):
            self._add_target(choice, choice.program in chosen)
        if plan is not None:
            self.hours.setValue(plan.hours_per_week)

    def _add_target(self, choice: TargetChoice, checked: bool) -> None:
        s = choice.suggestion
        if s is not None:
            text = (
                f"{s.title}\n    fills {s.slot}, +{s.credits_gained} cr., "
                f"{s.courses_left} course(s), {s.remaining_hours:g} h left"
            )
        elif choice.completed:
            text = f"✓ {choice.title} — completed"
        else:
            text = f"{choice.title} ({choice.provider})"
        item = QListWidgetItem(text)
        item.setData(SLUG_ROLE, choice.program)
        if choice.completed:
            # Shown, so the advisor sees it is done, but not offered: nothing left to plan.
            item.setFlags(
                item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setToolTip("Already completed: nothing of it is left to plan")
            self.targets.addItem(item)
            return
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if s is not None:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.targets.addItem(item)

    def checked_targets(self) -> list[str]:
        return [
            self.targets.item(i).data(SLUG_ROLE)
            for i in range(self.targets.count())
            if self.targets.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
            and self.targets.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_targets(self, slugs: list[str]) -> None:
        for i in range(self.targets.count()):
            item = self.targets.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                wanted = item.data(SLUG_ROLE) in slugs
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _show(self, plan: PlanDetail | None) -> None:
        self.plan = plan
        self._program_titles = {t.slug: t.title for t in plan.targets} if plan else {}
        self.timeline.set_plan(plan, self._today)
        # The timeline pane as tall as its bars (no grey gap under them); the courses get the rest.
        total = sum(self._right_split.sizes()) or 520
        frame = 2 * self._timeline_scroll.frameWidth() + 2
        wanted = min(self.timeline.sizeHint().height() + frame, total * 2 // 3)
        self._right_split.setSizes([wanted, max(120, total - wanted)])
        self.items.set_rows(list(plan.items) if plan else [])
        self.summary.setText(
            plan_summary_html(plan)
            if plan
            else "No plan yet: tick the programs to plan, then Build plan."
        )
        self.approve_button.setEnabled(plan is not None and plan.status == "draft")
        # Any version shown can be printed: an older one carries its status (e.g. superseded).
        self.print_button.setEnabled(plan is not None)
        history = self._services.plans.history(self._roll_no) if self._roll_no else []
        self._name_build_button(history)
        self._fill_versions(plan, history)
        self.plan_changed.emit(plan)

    def _name_build_button(self, history: list[PlanVersion]) -> None:
        """Say what Build will do: edit the draft, or start the next version."""
        current = next((v.status for v in reversed(history) if v.status in CURRENT), None)
        if current == "draft":
            self.build_button.setText("Update draft")
            self.build_button.setAccessibleName("Update the draft plan")
        else:
            self.build_button.setText("Build plan" if current is None else "Start a new version")
            self.build_button.setAccessibleName(
                "Build a plan" if current is None else "Start a new plan version"
            )

    def _fill_versions(self, shown: PlanDetail | None, history: list[PlanVersion]) -> None:
        self.versions.clear()
        for v in reversed(history):
            self.versions.addItem(
                f"Version {v.version}: {v.status}, {len(v.targets)} program(s), "
                f"made {v.created_at:%Y-%m-%d}",
                v.version,
            )
        if shown is not None:
            self.versions.setCurrentIndex(max(0, self.versions.findData(shown.version)))

    def _version_chosen(self, index: int) -> None:
        version = self.versions.itemData(index)
        if self._roll_no is not None and version is not None:
            self._show(self._services.plans.show(self._roll_no, today=self._today, version=version))

    # --- actions -------------------------------------------------------------------------

    def build_plan(self) -> PlanDetail | None:
        if self._roll_no is None:
            return None
        start = self.start.date()
        try:
            plan = self._services.plans.create(
                self._roll_no,
                self.checked_targets(),
                today=self._today,
                hours_per_week=self.hours.value(),
                start=date(start.year(), start.month(), start.day()),
            )
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.wrote.emit(Change.PLANS)
        self._show(plan)
        return plan

    def approve_plan(self) -> PlanDetail | None:
        if self._roll_no is None or self.plan is None:
            return None
        question = (
            f"Approve version {self.plan.version} of {self.plan.student_name}'s plan? An approved "
            "plan is locked: a later change starts a new version."
        )
        if not confirm(self, "Approve the plan", question, default_yes=True):
            return None
        try:
            plan = self._services.plans.approve(self._roll_no, today=self._today)
        except AdvisorError as exc:
            show_error(exc, self)
            return None
        self.wrote.emit(Change.PLANS)
        self._show(plan)
        return plan
