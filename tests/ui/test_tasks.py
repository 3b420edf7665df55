"""run_in_background: results, errors, progress and cancel come back in the GUI thread."""

from __future__ import annotations

import threading

import pytest
import shiboken6

from advisor.model.errors import ValidationError
from advisor.ui.tasks import CancelToken, InlinePool, run_in_background, use_pools


def test_result_arrives_in_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(token: CancelToken) -> int:
        seen["worker"] = threading.get_ident()
        return 41 + 1

    def done(result: int) -> None:
        seen["result"], seen["caller"] = result, threading.get_ident()

    handle = run_in_background(work, on_done=done)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["caller"] == gui
    assert seen["worker"] != gui


def test_progress_is_reported_in_order(qtbot):
    steps: list[tuple[int, int, str]] = []

    def work(token: CancelToken) -> str:
        for i in range(3):
            token.progress(i + 1, 3, f"step {i + 1}")
        return "ok"

    handle = run_in_background(work, on_progress=lambda *p: steps.append(p))
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert steps == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


def test_an_error_goes_to_on_error(qtbot):
    errors: list[BaseException] = []

    def work(token: CancelToken) -> None:
        raise ValidationError("Roll number 'X' is not on the roster.")

    handle = run_in_background(
        work, on_done=lambda r: pytest.fail("no result"), on_error=errors.append
    )
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert [str(e) for e in errors] == ["Roll number 'X' is not on the roster."]


def test_cancel_stops_the_work_at_its_next_check(qtbot):
    started, release = threading.Event(), threading.Event()
    reached: list[int] = []
    cancelled: list[bool] = []

    def work(token: CancelToken) -> None:
        started.set()
        release.wait(5)
        for i in range(100):
            token.check()
            reached.append(i)

    handle = run_in_background(
        work,
        on_done=lambda r: pytest.fail("cancelled work has no result"),
        on_cancel=lambda: cancelled.append(True),
        writes=True,
    )
    assert started.wait(5)
    handle.cancel()
    release.set()
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        pass
    assert cancelled == [True]
    assert reached == []


def test_the_inline_pool_runs_at_once():
    results: list[int] = []
    with use_pools(InlinePool()):
        handle = run_in_background(lambda token: 7, on_done=results.append, writes=True)
    assert handle.is_finished
    assert results == [7]


def test_writes_run_one_at_a_time(qtbot):
    lock = threading.Lock()
    overlaps: list[bool] = []

    def work(token: CancelToken) -> None:
        got = lock.acquire(blocking=False)
        overlaps.append(not got)
        if got:
            for _ in range(20000):
                pass
            lock.release()

    handles = [run_in_background(work, writes=True) for _ in range(4)]
    qtbot.waitUntil(lambda: all(h.is_finished for h in handles), timeout=5000)
    assert overlaps == [False] * 4


def test_a_closed_owner_gets_no_callback(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    release = threading.Event()
    called: list[object] = []
    handle = run_in_background(lambda token: release.wait(5), on_done=called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert called == []
