"""A 1024×768 campus screen: every screen, in every state the screenshot tour shows (the
student's tabs, the advising view, the register), keeps each control a person can use inside the
window; windows and dialogs never open larger than the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from advisor.model.demo import DEMO_PASSPHRASE, load_demo
from advisor.ui.app import house_look as set_house_look
from advisor.ui.main_window import MainWindow, ui_settings
from advisor.ui.screen_fit import dialog_size, fit_main_window
from advisor.ui.screenshots import TOUR
from tests.ui.test_pdf_preview import three_page_pdf

SMALL = QSize(1024, 768)
INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area whose page holds the widget (a long form scrolls up and down)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _inside_a_view(widget: QWidget) -> bool:
    """A table's own scroll bars and editors are the table's business, not the window's."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def out_of_reach(window: QWidget) -> list[str]:
    """Each visible control that is cut by the window's edge; in a scroll area's page, each one
    that would need sideways scrolling (scrolling down a long form is fine)."""
    bounds = window.rect()
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if not widget.isVisibleTo(window) or _inside_a_view(widget):
            continue
        box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        area = _scroll_area_of(widget)
        if area is not None:
            viewport = area.viewport()
            left = widget.mapTo(viewport, QPoint(0, 0)).x()
            if left < 0 or left + widget.width() > viewport.width() + 1:
                found.append(f"{_name(widget)} needs sideways scrolling in {_name(area)}")
            continue
        if not bounds.contains(box):
            found.append(f"{_name(widget)} at {box.getRect()} is cut by the window")
    return found


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or getattr(widget, "text", lambda: "")() or ""
    return f"{type(widget).__name__} {text!r}"


def _settle(window: QWidget) -> None:
    window.resize(SMALL)
    for _ in range(3):  # layouts settle over a few turns (a splitter after its children)
        QApplication.processEvents()


@pytest.fixture
def house_look() -> Iterator[None]:
    """The app's own style and 10 pt text (what `application()` sets), then the test default."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, style = app.font(), app.style().name()
    set_house_look(app)
    yield
    app.setFont(font)
    app.setStyle(style)


def test_every_screen_fits_a_1024_by_768_window(qtbot, services, inline_tasks, house_look) -> None:
    load_demo(services)
    services.keys.unlock(DEMO_PASSPHRASE)  # the register's screenshot step issues letters
    window = MainWindow(services, settings=ui_settings())
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    shown = 0
    for title in window.titles():
        screen = window.show_screen(title)
        steps = TOUR.get(title)
        for name, prepare in steps(screen, services) if steps else [(title, lambda: None)]:
            prepare()
            _settle(window)
            problems += [f"{name}: {p}" for p in out_of_reach(window)]
            shown += 1
    assert shown >= 12  # the sidebar's screens and the student's tabs and views
    assert problems == []


def test_the_main_window_opens_maximised_on_a_smaller_screen(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    assert fit_main_window(window, QSize(1280, 800), QRect(0, 0, 1366, 728))  # maximise it
    assert window.width() <= 1366 and window.height() <= 728
    roomy = QWidget()
    qtbot.addWidget(roomy)
    assert not fit_main_window(roomy, QSize(1280, 800), QRect(0, 0, 1920, 1040))
    assert roomy.size() == QSize(1280, 800)


def test_the_pdf_preview_never_exceeds_the_screen(qtbot) -> None:
    from advisor.ui.pdf_preview import PdfPreviewDialog

    assert dialog_size(QSize(900, 1000), QRect(0, 0, 1024, 728)).height() <= 728
    dialog = PdfPreviewDialog(three_page_pdf(), title="Letter")
    qtbot.addWidget(dialog)
    area = QApplication.primaryScreen().availableGeometry()  # offscreen: 800×800
    assert dialog.height() <= area.height() and dialog.width() <= area.width()


def test_a_first_window_is_no_larger_than_the_screen(qtbot) -> None:
    window = MainWindow(None, settings=ui_settings())  # no saved layout: the default size
    qtbot.addWidget(window)
    area = QApplication.primaryScreen().availableGeometry()  # offscreen: 800×800
    assert window.width() <= area.width() and window.height() <= area.height()
    window.show_fitted()
    qtbot.waitExposed(window)
    assert window.isMaximized()
