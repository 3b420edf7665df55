"""Errors as dialogs: a person's mistake gets its message; a bug gets "Something went wrong",
the details, and where the log file is. Nobody sees a bare traceback window.

Dialogs are opened with `open()` (window-modal, not a nested event loop), so background
callbacks and tests keep running; the shown box is returned for tests to read.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from advisor.logging_setup import log_file
from advisor.model.errors import AdvisorError, ServerUnreachableError

log = logging.getLogger(__name__)

_open_boxes: list[QMessageBox] = []  # parentless boxes must outlive this call
_server_answers: Callable[[], bool] | None = None  # Services.database_answers, once opened
RECONNECT_EVERY_MS = 3_000


def _parent_or_active(parent: QWidget | None) -> QWidget | None:
    return parent or QApplication.activeWindow()


def show_error(error: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """Tell the person what went wrong, in words they can act on."""
    box = QMessageBox(_parent_or_active(parent))
    box.setWindowTitle("Sanad")
    if isinstance(error, AdvisorError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(error))
    else:
        log.error("unexpected error shown to the user", exc_info=error)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText("Something went wrong.")
        box.setInformativeText(
            f"Your data is safe: the action was not completed.\nThe details are in {log_file()}."
        )
        box.setDetailedText(
            "".join(traceback.format_exception(type(error), error, error.__traceback__))
        )
    if isinstance(error, ServerUnreachableError):
        _reconnecting(box, error)
    box.setAccessibleName("Error message")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _open_boxes.append(box)
    box.finished.connect(lambda _result, b=box: _forget(b))
    box.open()
    return box


def watch_server(answers: Callable[[], bool] | None) -> None:
    """Let a lost-server box try to reconnect with `answers` (the main window sets it)."""
    global _server_answers
    _server_answers = answers


def _reconnecting(box: QMessageBox, error: ServerUnreachableError) -> None:
    """A lost department server: say so, and retry the connection every few seconds (on a pool
    thread: a dropped network can take seconds to answer) until it answers."""
    from advisor.ui.tasks import run_in_background

    box.setWindowTitle("Sanad: department server")
    box.setText("Cannot reach the department server — reconnecting…")
    box.setInformativeText(str(error))
    timer = QTimer(box)
    timer.setInterval(RECONNECT_EVERY_MS)

    def answered(ok: bool) -> None:
        if ok:
            timer.stop()
            box.setText("The department server answers again.")
            box.setInformativeText(
                "What you were doing when it was lost was not saved: do it again."
            )

    def retry() -> None:
        if _server_answers is not None:
            probe = _server_answers
            run_in_background(
                lambda _token: probe(), on_done=answered, on_error=lambda _e: None, owner=box
            )

    timer.timeout.connect(retry)
    timer.start()


def _forget(box: QMessageBox) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)
    box.deleteLater()


def open_error_boxes() -> list[QMessageBox]:
    """The error boxes on screen now (tests read them); a box deleted with its parent window
    (never answered) is not on screen any more."""
    import shiboken6

    _open_boxes[:] = [box for box in _open_boxes if shiboken6.isValid(box)]
    return list(_open_boxes)


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if error.__traceback__ is None:
        error = error.with_traceback(tb)
    try:
        show_error(error)
    except Exception:  # the dialog itself failed: at least keep the log
        log.exception("could not show an error dialog")
        log.error("original error", exc_info=(kind, error, tb))


def install_excepthook() -> None:
    """An exception escaping a slot becomes a dialog, not a crash or a console traceback."""
    sys.excepthook = _excepthook
