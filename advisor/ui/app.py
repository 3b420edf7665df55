"""Start the desktop app over open services (the CLI's `gui` command calls `run_app`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from advisor.model.services import Services
from advisor.ui.errors import install_excepthook
from advisor.ui.main_window import MainWindow, window_icon
from advisor.ui.tasks import wait_for_background_work
from advisor.ui.welcome_screen import WelcomeScreen, is_first_run


def application() -> QApplication:
    """The one QApplication, set up for crisp text on any screen scale."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scales (125 %, 150 % on office laptops) render at their real size, not rounded.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Sanad")
    app.setApplicationDisplayName("Sanad")
    app.setOrganizationName("Sanad")
    app.setStyle("Fusion")  # the same look on Windows, Linux and macOS office machines
    app.setWindowIcon(window_icon())
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    return app


def build_window(services: Services, settings: QSettings | None = None) -> MainWindow:
    """The main window on its last screen, or the welcome page on a fresh database."""
    window = MainWindow(services, settings)
    if is_first_run(services):
        welcome = WelcomeScreen(services)
        welcome.set_up.connect(lambda: window.close_welcome(_setup_screen(window)))
        welcome.demo_loaded.connect(lambda: window.close_welcome())
        window.show_welcome(welcome)
    elif window.titles():
        window.show_screen(window.last_screen())
    return window


def _setup_screen(window: MainWindow) -> str | None:
    return next((t for t in ("Settings", "Policy") if t in window.titles()), None)


def run_app(services: Services, screenshot_dir: Path | None = None) -> int:
    app = application()
    install_excepthook()
    if screenshot_dir is not None:
        from advisor.ui.screenshots import take_screenshots

        saved = take_screenshots(app, services, screenshot_dir)
        for path in saved:
            print(path)
        return 0 if saved else 1
    window = build_window(services)
    window.show()
    code = app.exec()
    wait_for_background_work()  # a write queued at close still finishes: nothing half-done
    return code
