"""Flowables laid out once per width. A letter is measured before ReportLab lays it out (to pick
the density that fits one page), and ReportLab then wraps every flowable again: a batch must
not break the same lines, nor size the same table, twice."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table


class MeasuredParagraph(Paragraph):
    """A paragraph's height does not depend on the height offered: one layout per width."""

    _laid_out_for: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._laid_out_for != available_width:
            self.width, self.height = super().wrap(available_width, available_height)
            self._laid_out_for = available_width
        return self.width, self.height


class MeasuredTable(Table):
    """A table sizes its rows only down to the height offered (ReportLab's long-table
    optimisation), so a layout is reused for the same width and no more height."""

    _measured: tuple[float, float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        known = self._measured
        if known is not None and known[0] == available_width and available_height <= known[1]:
            return known[2]
        size = super().wrap(available_width, available_height)
        self._measured = (available_width, available_height, size)
        return size
