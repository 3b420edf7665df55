"""Windows and dialogs sized to the screen they open on.

Campus PCs still have 1024×768 and 1366×768 screens: a window of a fixed size larger than the
screen hides its bottom and right edge (the status bar, a dialog's buttons, a letter's QR block)
with no way to reach them. Every top-level window asks here for its size instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A dialog leaves this much of the screen around it (title bar, taskbar that is not reported).
DIALOG_MARGIN = 40


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen area free of taskbars, of the screen the widget is on (or the primary one)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fits(size: QSize, area: QRect) -> bool:
    return size.width() <= area.width() and size.height() <= area.height()


def fit_main_window(window: QWidget, default: QSize, area: QRect | None = None) -> bool:
    """The default size when the screen has room for it, else the screen's size; True when the
    window should be shown maximised (a small screen is used whole). The caller maximises it
    as it shows it: naming the window-state enum here would build PySide6's whole `Qt`
    namespace before the window is on screen (tests/ui/test_start_imports.py)."""
    area = area if area is not None else available_area(window)
    if fits(default, area):
        window.resize(default)
        return False
    window.resize(default.boundedTo(area.size()))
    return True


def dialog_size(wanted: QSize, area: QRect) -> QSize:
    """`wanted`, but never larger than the screen less a margin."""
    room = QSize(max(320, area.width() - DIALOG_MARGIN), max(240, area.height() - DIALOG_MARGIN))
    return wanted.boundedTo(room)


def fit_dialog(dialog: QWidget, wanted: QSize, area: QRect | None = None) -> QSize:
    """Resize a dialog to `wanted` or less, so that all of it, buttons included, is on screen;
    centred on the screen's free area when it would otherwise hang off an edge."""
    area = area if area is not None else available_area(dialog.parentWidget() or dialog)
    size = dialog_size(wanted, area)
    dialog.resize(size)
    frame = QRect(dialog.pos(), size)
    if not area.contains(frame):
        frame.moveCenter(area.center())
        dialog.move(frame.topLeft())
    return size
