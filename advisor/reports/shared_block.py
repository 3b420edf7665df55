"""Blocks that print identically in many documents of one PDF (a batch's addressee, conditions,
signature blocks): laid out once, drawn once as a form XObject, then placed by reference.

In a 1,000-letter batch this turns thousands of paragraph layouts into a few, and keeps the PDF
small. A block never splits across pages, so keep it to a few lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable

_HEIGHTS: dict[
    tuple[str, float], float
] = {}  # (key, width) -> laid-out height; pure function of both
_MAX_REMEMBERED = 4096


class SharedBlock(Flowable):
    def __init__(self, key: str, build: Callable[[], Sequence[Flowable]]) -> None:
        super().__init__()
        self._key = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        self._build = build
        self._content: Sequence[Flowable] | None = None

    def _flowables(self) -> Sequence[Flowable]:
        if self._content is None:
            self._content = self._build()
        return self._content

    def _layout(self, width: float) -> list[tuple[Flowable, float, float]]:
        """Each flowable with its height and the space above it, top to bottom."""
        placed = []
        for i, f in enumerate(self._flowables()):
            _, height = f.wrap(width, 10_000)
            placed.append((f, height, f.getSpaceBefore() if i else 0.0))
        return placed

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        size_key = (self._key, round(available_width, 2))
        height = _HEIGHTS.get(size_key)
        if height is None:
            layout = self._layout(available_width)
            height = sum(h + before for _, h, before in layout) + sum(
                f.getSpaceAfter() for f, _, _ in layout[:-1]
            )
            if len(_HEIGHTS) > _MAX_REMEMBERED:
                _HEIGHTS.clear()
            _HEIGHTS[size_key] = height
        self.width, self.height = available_width, height
        return available_width, height

    def draw(self) -> None:
        name = f"block{self._key}w{int(self.width)}"
        canvas = self.canv
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, self.width, self.height)
            y = self.height
            for f, height, before in self._layout(self.width):
                y -= before + height
                f.drawOn(canvas, 0, y)
                y -= f.getSpaceAfter()
            canvas.endForm()
        canvas.doForm(name)
