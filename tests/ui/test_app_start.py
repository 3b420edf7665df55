"""Start-up: the window is on screen before the database is opened, then fills in."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from advisor.model.errors import DatabaseError
from advisor.ui.app import application, open_window
from advisor.ui.errors import open_error_boxes


def test_the_window_shows_first_and_fills_when_the_database_is_open(qtbot, department):
    release = threading.Event()

    def opener():  # type: ignore[no-untyped-def]
        release.wait(5)  # the window must already be up while this runs
        return department

    window = open_window(opener)
    qtbot.addWidget(window)
    assert window.isVisible() and window.services is None
    assert "Opening" in window.location_label.text()
    window.sidebar.setCurrentRow(1)  # chosen while opening: shown once open
    release.set()
    with qtbot.waitSignal(window.services_attached, timeout=10_000):
        pass
    assert str(department.db.file) in window.location_label.text()
    assert window.current_title() == window.titles()[1]


def test_a_database_that_cannot_open_is_explained(qtbot, error_boxes):
    def opener():  # type: ignore[no-untyped-def]
        raise DatabaseError("/tmp/x.db is not a Sanad database (it is not a SQLite file).")

    before = len(open_error_boxes())
    window = open_window(opener)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(open_error_boxes()) == before + 1, timeout=10_000)
    assert "not a Sanad database" in open_error_boxes()[-1].text()


def test_fractional_screen_scales_are_not_rounded(qapp) -> None:
    """application() relies on Qt 6's default here (see its comment)."""
    assert application() is qapp
    policy = QGuiApplication.highDpiScaleFactorRoundingPolicy()
    assert policy == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
