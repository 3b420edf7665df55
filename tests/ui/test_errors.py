"""Errors become dialogs: a user error shows its message, a bug shows where the log is."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from advisor.logging_setup import log_file
from advisor.model.errors import NotFoundError
from advisor.ui.errors import install_excepthook, open_error_boxes, show_error


def test_user_error_shows_its_message(qtbot):
    box = show_error(NotFoundError("There is no student with roll number 'F99'."))
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "There is no student with roll number 'F99'."
    assert box.detailedText() == ""
    box.accept()


def test_a_bug_says_something_went_wrong_and_where_the_log_is(qtbot):
    try:
        raise KeyError("boom")
    except KeyError as exc:
        box = show_error(exc)
    qtbot.addWidget(box)
    assert box.text() == "Something went wrong."
    assert str(log_file()) in box.informativeText()
    assert "KeyError" in box.detailedText()
    box.accept()


def test_the_excepthook_turns_an_escaped_exception_into_a_dialog(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    before = len(open_error_boxes())
    try:
        raise RuntimeError("escaped a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    boxes = open_error_boxes()
    assert len(boxes) == before + 1
    assert "RuntimeError: escaped a slot" in boxes[-1].detailedText()
    boxes[-1].accept()


def test_a_box_deleted_with_its_window_is_no_longer_listed(qtbot):
    import shiboken6
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    box = show_error(NotFoundError("Something to fix."), window)
    assert box in open_error_boxes()
    shiboken6.delete(window)  # the window goes before the box is closed (a test's teardown)
    assert all(shiboken6.isValid(b) for b in open_error_boxes())


def test_a_lost_department_server_says_reconnecting_and_retries_until_it_answers(
    qtbot, monkeypatch
):
    """Not a traceback and not a bare message: the box retries the connection by itself."""
    from advisor.model.errors import ServerUnreachableError
    from advisor.ui import errors

    answers = iter([False, True])
    monkeypatch.setattr(errors, "RECONNECT_EVERY_MS", 10)
    errors.watch_server(lambda: next(answers))
    try:
        lost = ServerUnreachableError(
            "Sanad cannot reach the department server db.dept:5432/sanad (Connection refused).",
            "db.dept:5432/sanad",
            "Connection refused",
        )
        box = show_error(lost)
        qtbot.addWidget(box)
        assert box.text() == "Cannot reach the department server — reconnecting…"
        assert "db.dept:5432/sanad" in box.informativeText() and box.detailedText() == ""
        qtbot.waitUntil(lambda: "answers again" in box.text(), timeout=5_000)
        assert "do it again" in box.informativeText()
        box.accept()
    finally:
        errors.watch_server(None)
