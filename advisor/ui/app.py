"""Start the desktop app over open services (the CLI's `gui` command calls `run_app`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from advisor.speed_tricks import after_first_paint, collect_once_shown
from advisor.ui.errors import install_excepthook
from advisor.ui.main_window import MainWindow, window_icon
from advisor.ui.tasks import run_in_background, wait_for_background_work

if TYPE_CHECKING:
    from advisor.model.roles import Actor
    from advisor.model.services import Services

# (the server's name, where its password goes): see open_window.
PasswordQuestion = tuple[str, Callable[[str], None]]


def application() -> QApplication:
    """The one QApplication, set up for crisp text on any screen scale."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scales (125 %, 150 % on office laptops) render at their real size, not rounded:
    # Qt 6's default rounding policy, PassThrough (tests/ui/test_app_start.py checks it). Not
    # set here: naming it would load all of PySide6's `Qt` enums (~12 ms) before the window.
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Sanad")
    app.setApplicationDisplayName("Sanad")
    app.setOrganizationName("Sanad")
    app.setWindowIcon(window_icon())
    house_look(app)
    return app


def house_look(app: QApplication) -> None:
    """The style and the smallest text size (the small-screen test lays screens out with them)."""
    app.setStyle("Fusion")  # the same look on Windows, Linux and macOS office machines
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)


def build_window(services: Services, settings: QSettings | None = None) -> MainWindow:
    """The main window on its last screen, or the welcome page on a fresh database; the
    sign-in page first when no one is signed in."""
    window = MainWindow(services, settings)
    sign_in_then_arrange(window, services)
    return window


def sign_in_then_arrange(window: MainWindow, services: Services, wanted: str | None = None) -> None:
    from advisor.model.demo import demo_hint
    from advisor.ui.session_control import SessionControl

    def signed_in(actor: Actor) -> None:
        window.set_actor(actor)
        arrange(window, services, wanted)

    window.session = SessionControl(window, services, signed_in, hint=demo_hint(services))
    window.session.start()


def arrange(window: MainWindow, services: Services, wanted: str | None = None) -> None:
    """First run: the welcome page; else the screen wanted (or the last one used)."""
    from advisor.ui.welcome_screen import WelcomeScreen, is_first_run  # after the window shows

    if is_first_run(services):
        welcome = WelcomeScreen(services)
        welcome.set_up.connect(lambda: start_setup_guide(window, services))
        welcome.demo_loaded.connect(lambda: window.close_welcome())
        window.show_welcome(welcome)
    elif window.titles():
        window.show_screen(wanted or window.last_screen())
        window.focus_screen()


def open_window(
    opener: Callable[[], Services], ask_password: PasswordQuestion | None = None
) -> MainWindow:
    """Show the window at once and open the database behind it (migrations, the demo data):
    the sidebar answers while SQLAlchemy loads; each screen fills once the services are in.
    `ask_password`: a department server whose password this PC keeps nowhere — asked first."""
    window = MainWindow(None)
    window.show_fitted()

    def opened(services: Services) -> None:
        sign_in_then_arrange(window, services, window.attach(services))

    def failed(error: BaseException) -> None:
        from advisor.ui.errors import show_error

        window.location_label.setText("The database could not be opened.")
        box = show_error(error, window)
        box.finished.connect(lambda _result: window.close())  # nothing to work on: leave

    def start() -> None:
        collect_once_shown()
        run_in_background(lambda _token: opener(), on_done=opened, on_error=failed, writes=True)

    def ask_then_start() -> None:
        if ask_password is not None:
            server, keep = ask_password
            password = ask_server_password(window, server)
            if password is None:
                window.close()
                return
            keep(password)
        start()

    after_first_paint(QTimer.singleShot, ask_then_start)
    return window


def ask_server_password(parent: QWidget, server: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    password, ok = QInputDialog.getText(
        parent,
        "Department server",
        f"Password for the database server {server}\n"
        "(this PC has no keyring to keep it, so Sanad asks at every start):",
        QLineEdit.EchoMode.Password,
    )
    return password if ok else None


def start_setup_guide(window: MainWindow, services: Services) -> QWidget:
    """ "Set up my institution": the guided setup takes the welcome page's place."""
    from advisor.ui.setup_guide import SetupGuide

    guide = SetupGuide(services)
    guide.finished.connect(window.close_welcome)
    window.show_welcome(guide)
    return guide


def run_app(
    services: Services | Callable[[], Services],
    screenshot_dir: Path | None = None,
    screenshot_size: tuple[int, int] | None = None,
    ask_password: PasswordQuestion | None = None,
) -> int:
    """`services`, or a function that opens them: then the window shows before the database
    is opened (a fast start), which `gui` uses."""
    app = application()
    install_excepthook()
    if screenshot_dir is not None:
        from advisor.ui.screenshots import take_screenshots

        saved = take_screenshots(
            app, services() if callable(services) else services, screenshot_dir, screenshot_size
        )
        for path in saved:
            print(path)
        return 0 if saved else 1
    if callable(services):
        window = open_window(services, ask_password)
    else:
        window = build_window(services)
        window.show_fitted()
    code = app.exec()
    wait_for_background_work()  # a write queued at close still finishes: nothing half-done
    return code
