"""Blocks that print identically in many documents of one PDF (a batch's addressee, conditions,
signature blocks): laid out once, drawn once as a form XObject, then placed by reference.

In a 1,000-letter batch this turns thousands of paragraph layouts into a few, and keeps the PDF
small. A block never splits across pages, so keep it to a few lines.

What the blocks remember lives in a `BlockCache` made for one PDF: nothing is kept between two
builds, so two builds (two threads) never see each other's blocks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable

Layout = list[tuple[Flowable, float, float]]  # each flowable, its height, the space above it


class BlockCache:
    """One PDF's shared blocks: each block's laid-out height by (key, width), a pure function
    of both. Make one per build and pass it to every block of that build."""

    def __init__(self) -> None:
        self.heights: dict[tuple[str, float], float] = {}

    def block(self, key: str, build: Callable[[], Sequence[Flowable]]) -> SharedBlock:
        return SharedBlock(key, build, self)


class SharedBlock(Flowable):
    def __init__(
        self, key: str, build: Callable[[], Sequence[Flowable]], cache: BlockCache
    ) -> None:
        super().__init__()
        self._key = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        self._build = build
        self._cache = cache
        self._content: Sequence[Flowable] | None = None
        self._laid_out: tuple[float, Layout] | None = None  # kept for the draw: laid out once

    def _flowables(self) -> Sequence[Flowable]:
        if self._content is None:
            self._content = self._build()
        return self._content

    def _layout(self, width: float) -> Layout:
        """Each flowable with its height and the space above it, top to bottom."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        placed = []
        for i, f in enumerate(self._flowables()):
            _, height = f.wrap(width, 10_000)
            placed.append((f, height, f.getSpaceBefore() if i else 0.0))
        self._laid_out = (width, placed)
        return placed

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        size_key = (self._key, round(available_width, 2))
        height = self._cache.heights.get(size_key)
        if height is None:
            layout = self._layout(available_width)
            height = sum(h + before for _, h, before in layout) + sum(
                f.getSpaceAfter() for f, _, _ in layout[:-1]
            )
            self._cache.heights[size_key] = height
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
