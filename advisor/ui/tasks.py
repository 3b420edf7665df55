"""One way to run slow work off the GUI thread: `run_in_background(fn, on_done, …)`.

`fn(token)` runs on a pool thread; it reports progress with `token.progress(done, total, message)`
and stops early when `token.check()` raises `Cancelled` (after someone called `handle.cancel()`).
Results, errors and progress come back to the GUI thread by queued signals, so callbacks may touch
widgets. Reads share a small pool; writes go through a one-thread pool, so two writes never race
for the SQLite file. Tests swap both pools for `InlinePool` with `use_pools()`: the work then runs
at once, in the calling thread, and the signals are delivered directly. Never processEvents().
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside the work by `token.check()` once the user asked to stop."""


class CancelToken:
    """Given to the work: ask whether to stop, and say how far it got."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._stop = threading.Event()
        self._report = report

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Call between units of work; a cancelled task unwinds here (and rolls back)."""
        if self._stop.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int, message: str = "") -> None:
        if self._report is not None:
            self._report(done, total, message)


class Pool(Protocol):
    def start(self, runnable: QRunnable) -> None: ...


class InlinePool:
    """Runs each task at once in the calling thread: deterministic tests, no waiting."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


class _Pools:
    def __init__(self) -> None:
        self.reads: Pool | None = None
        self.writes: Pool | None = None

    def pick(self, writes: bool) -> Pool:
        if writes:
            if self.writes is None:
                pool = QThreadPool()
                pool.setMaxThreadCount(1)  # SQLite has one writer; queue ours instead of racing
                self.writes = pool
            return self.writes
        if self.reads is None:
            pool = QThreadPool()
            pool.setMaxThreadCount(2)
            self.reads = pool
        return self.reads


_pools = _Pools()
_running: set[TaskHandle] = set()  # keeps each handle (and its signals) alive until delivered


@contextmanager
def use_pools(reads: Pool, writes: Pool | None = None) -> Iterator[None]:
    """Swap the pools (tests: `with use_pools(InlinePool()):`)."""
    saved = (_pools.reads, _pools.writes)
    _pools.reads, _pools.writes = reads, writes or reads
    try:
        yield
    finally:
        _pools.reads, _pools.writes = saved


def wait_for_background_work(msecs: int = 30_000) -> bool:
    """Let queued and running tasks end (on exit, so no write is cut off half-way)."""
    finished = True
    for pool in (_pools.reads, _pools.writes):
        if isinstance(pool, QThreadPool):
            finished = pool.waitForDone(msecs) and finished
    return finished


class TaskHandle(QObject):
    """The GUI side of one task. Its signals fire in the GUI thread, after the callbacks ran."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # always, last: success, failure or cancel

    _result_ready = Signal(object)
    _error_raised = Signal(object)
    _was_cancelled = Signal()
    _progress_made = Signal(int, int, str)

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        on_cancel: Callable[[], None] | None,
        owner: QObject | None = None,
    ) -> None:
        super().__init__()
        self._owner = owner
        self._on_done, self._on_error = on_done, on_error
        self._on_progress, self._on_cancel = on_progress, on_cancel
        self.token = CancelToken(self._progress_made.emit)
        self.is_finished = False
        # The handle lives in the GUI thread; these hops are queued when emitted from the pool.
        self._result_ready.connect(self._deliver_result)
        self._error_raised.connect(self._deliver_error)
        self._was_cancelled.connect(self._deliver_cancel)
        self._progress_made.connect(self._deliver_progress)

    def cancel(self) -> None:
        self.token.cancel()

    def _owner_gone(self) -> bool:
        """The widget that asked was closed meanwhile: its callbacks must not run."""
        return self._owner is not None and not shiboken6.isValid(self._owner)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        if self._owner_gone():
            return
        if self._on_progress is not None:
            self._on_progress(done, total, message)
        self.progressed.emit(done, total, message)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        try:
            if self._on_done is not None and not self._owner_gone():
                self._on_done(result)
            self.succeeded.emit(result)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        try:
            if self._owner_gone():
                pass
            elif self._on_error is not None:
                self._on_error(error)
            else:
                from advisor.ui.errors import show_error

                show_error(error)
            self.failed.emit(error)
        finally:
            self._finish()

    @Slot()
    def _deliver_cancel(self) -> None:
        try:
            if self._on_cancel is not None and not self._owner_gone():
                self._on_cancel()
            self.cancelled.emit()
        finally:
            self._finish()

    def _finish(self) -> None:
        self.is_finished = True
        self.finished.emit()
        _running.discard(self)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[CancelToken], Any], handle: TaskHandle) -> None:
        super().__init__()
        self._fn, self._handle = fn, handle
        self.setAutoDelete(True)

    def run(self) -> None:
        handle = self._handle
        try:
            handle.token.check()  # cancelled while it waited in the queue
            result = self._fn(handle.token)
        except Cancelled:
            handle._was_cancelled.emit()
        except BaseException as exc:  # delivered to on_error; the worker thread must survive
            if not _is_user_error(exc):
                log.error("background task failed", exc_info=exc)
            handle._error_raised.emit(exc)
        else:
            handle._result_ready.emit(result)


def _is_user_error(exc: BaseException) -> bool:
    from advisor.model.errors import AdvisorError

    return isinstance(exc, AdvisorError)


def run_in_background(
    fn: Callable[[CancelToken], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    *,
    on_cancel: Callable[[], None] | None = None,
    writes: bool = False,
    owner: QObject | None = None,
) -> TaskHandle:
    """Run `fn(token)` on a pool thread; call back in the GUI thread.

    `on_error` defaults to the error dialog (AdvisorError: its message; else "Something went
    wrong" with the log file). `writes=True` queues the work on the one-thread writer pool.
    `owner`: the widget the callbacks belong to; if it is closed before the work ends, the
    result is dropped instead of reaching a deleted widget.
    """
    handle = TaskHandle(on_done, on_error, on_progress, on_cancel, owner)
    _running.add(handle)
    _pools.pick(writes).start(_Job(fn, handle))
    return handle
