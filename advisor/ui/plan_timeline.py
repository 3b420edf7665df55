"""The plan as a timeline: one bar per course, coloured by program, on a month axis, with
today and the end of the degree marked. Drawn with QPainter from a PlanDetail; no data access."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from advisor.model.plan_result import PlanDetail

# Colour-blind-safe (Okabe–Ito) program colours, in target order.
PROGRAM_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
ROW = 22  # bar row height, px at 100 %
AXIS = 26
LABEL_WIDTH_SHARE = 0.34


def month_starts(first: date, last: date) -> list[date]:
    """The first of each month from first's month through last."""
    out, current = [], date(first.year, first.month, 1)
    while current <= last:
        out.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return out


class PlanTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Plan timeline")
        self.setAccessibleDescription("One bar per planned course, from its start to its end date")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._plan: PlanDetail | None = None
        self._today: date | None = None

    def set_plan(self, plan: PlanDetail | None, today: date | None = None) -> None:
        self._plan, self._today = plan, today
        self.updateGeometry()
        self.update()

    def program_color(self, slug: str) -> QColor:
        slugs = [t.slug for t in self._plan.targets] if self._plan else []
        index = slugs.index(slug) if slug in slugs else len(slugs)
        return QColor(PROGRAM_COLORS[index % len(PROGRAM_COLORS)])

    def _span(self) -> tuple[date, date]:
        assert self._plan is not None
        first = min([self._plan.start_date, *(i.start for i in self._plan.items)])
        last = max([i.end for i in self._plan.items] or [first + timedelta(days=30)])
        if self._plan.graduation_date and self._plan.graduation_date <= last + timedelta(days=120):
            last = max(last, self._plan.graduation_date)
        return first, last + timedelta(days=7)

    def _rows(self) -> int:
        return len(self._plan.items) if self._plan else 0

    def sizeHint(self) -> QSize:
        scale = max(1.0, self.fontMetrics().height() / 16)
        return QSize(600, int(AXIS * scale + max(1, self._rows()) * ROW * scale + 30 * scale))

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._plan or not self._plan.items:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No courses to plan.")
            return
        metrics = QFontMetrics(self.font())
        scale = max(1.0, metrics.height() / 16)
        row, axis = ROW * scale, AXIS * scale
        label_w = self.width() * LABEL_WIDTH_SHARE
        left, right = label_w + 8, self.width() - 12
        first, last = self._span()
        days = max(1, (last - first).days)

        def x_of(day: date) -> float:
            return left + (right - left) * (day - first).days / days

        grid = QPen(self.palette().mid().color())
        grid.setStyle(Qt.PenStyle.DotLine)
        bottom = axis + row * self._rows()
        text = self.palette().text().color()
        free_from = left  # labels never overlap: one is skipped when it would touch the last
        for n, month in enumerate(month_starts(first, last)):
            if month < first:
                continue
            x = x_of(month)
            painter.setPen(grid)
            painter.drawLine(int(x), int(axis - 4), int(x), int(bottom))
            label = month.strftime("%b %Y") if month.month == 1 or n == 0 else month.strftime("%b")
            width = metrics.horizontalAdvance(label) + 6
            if x + 2 >= free_from and x + width <= self.width():
                painter.setPen(text)
                painter.drawText(
                    QRectF(x + 2, 0, width, axis - 4), Qt.AlignmentFlag.AlignVCenter, label
                )
                free_from = x + width

        for i, item in enumerate(self._plan.items):
            y = axis + i * row
            painter.setPen(text)
            title = metrics.elidedText(
                item.course_title, Qt.TextElideMode.ElideRight, int(label_w - 8)
            )
            painter.drawText(QRectF(4, y, label_w - 8, row), Qt.AlignmentFlag.AlignVCenter, title)
            color = self.program_color(item.programs[0] if item.programs else "")
            x0, x1 = x_of(item.start), max(x_of(item.end), x_of(item.start) + 3)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x0, y + 4 * scale, x1 - x0, row - 8 * scale), 3, 3)

        for day, label, mark_color in (
            (self._today, "today", "#b42318"),
            (self._plan.graduation_date, "end of degree", "#6e7781"),
        ):
            if day is not None and first <= day <= last:
                x = x_of(day)
                pen = QPen(QColor(mark_color))
                pen.setWidthF(1.5)
                painter.setPen(pen)
                painter.drawLine(int(x), int(axis - 6), int(x), int(bottom + 4))
                width = metrics.horizontalAdvance(label) + 8
                x_text = min(max(x - width / 2, left), self.width() - width)
                painter.drawText(
                    QRectF(x_text, bottom + 4, width, 20 * scale),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )
        painter.end()
