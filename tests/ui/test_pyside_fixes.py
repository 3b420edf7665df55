"""Signals emitted from Python must not eat references to True (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from advisor.ui.pyside_fixes import emit_loses_a_reference
from advisor.ui.tasks import CancelToken, run_in_background


class Pinger(QObject):
    ping = Signal(int, int, str)


def test_emitting_keeps_trues_references() -> None:
    pinger = Pinger()
    gc.collect()
    before = sys.getrefcount(True)
    for n in range(300):  # half what an app starts with: unfixed, True loses 300 references
        pinger.ping.emit(n, 300, "")
    gc.collect()
    assert sys.getrefcount(True) >= before
    assert not emit_loses_a_reference()


def test_a_long_background_task_reports_every_step(qtbot) -> None:
    reports = 800
    seen: list[int] = []

    def work(token: CancelToken) -> int:
        for done in range(reports):
            token.progress(done + 1, reports, "")
        return reports

    handle = run_in_background(work, on_progress=lambda done, total, message: seen.append(done))
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert seen == list(range(1, reports + 1))
