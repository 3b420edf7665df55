"""The few places where Sanad trades plain code for speed, gathered here so that each says why
and none hides in ordinary code. Nothing here imports Qt or SQLAlchemy: the rules engine, the
services and the window all use it.

- `gc_paused`: bulk loading and cohort audits make hundreds of thousands of small tuples and no
  cycles; the cyclic collector, which counts allocations, would rescan them again and again.
- `collect_once_shown`: one full collection right after the window is shown moves the start-up
  objects to the oldest generation, so the collector stops rescanning them while the loader
  imports SQLAlchemy (~4 ms spent, the data on screen ~30 ms sooner).
- `after_first_paint`: the database is opened two turns of the event loop after the window is
  shown, so it is laid out and painted before the loading thread takes the interpreter's lock.
- `ACCESSIBLE_TEXT_ROLE`: Qt's AccessibleTextRole by number; naming anything in PySide6's `Qt`
  namespace builds all its ~90 enums (~12 ms) before the window is shown.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Qt.ItemDataRole.AccessibleTextRole (tests/ui/test_main_window.py checks the number).
ACCESSIBLE_TEXT_ROLE = 11


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off for the block (as it was after it): for bulk work that makes
    many objects and no cycles, or that must not see a collection in the middle."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect_once_shown() -> None:
    """Called once, after the window is shown and before the database is opened."""
    gc.collect()


SingleShot = Callable[[int, Callable[[], None]], None]  # QTimer.singleShot(ms, callback)


def after_first_paint(single_shot: SingleShot, start: Callable[[], None]) -> None:
    """Run `start` two turns of the event loop from now: the first lays the window out, the
    second paints it."""
    single_shot(0, lambda: single_shot(0, start))
