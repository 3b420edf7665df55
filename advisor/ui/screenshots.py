"""`gui --screenshot DIR [--size WxH]`: show each main screen at 1280×800 (or the size asked
for, e.g. 1024×768 to check a small campus screen), save a PNG of it, and quit.

The tour runs on a scratch copy of the database (made by the backup service), so a screen may
act to show itself at its best (e.g. build a draft plan) without changing anyone's records.
Steps run from the event loop (a zero-time timer between them), so each screen is laid out and
painted before it is grabbed; background work runs inline, so every table is filled when shot.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from advisor.model.services import Services, open_services
from advisor.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SIZE = (1280, 800)

Step = tuple[str, Callable[[], object]]


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".png"


class ScreenshotTour(QObject):
    """Shows screen after screen; `saved` lists the files written, in order."""

    def __init__(
        self,
        window: MainWindow,
        directory: Path,
        on_finished: Callable[[], None],
        size: tuple[int, int] = SIZE,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._directory = directory
        self._on_finished = on_finished
        self._size = size
        self._titles = deque(window.titles())
        self._steps: deque[Step] = deque()
        self.saved: list[Path] = []
        self._page: QWidget | None = None

    def start(self) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        self._window.resize(*self._size)
        self._window.show()
        QTimer.singleShot(0, self._advance)

    def add_sign_in_step(self) -> None:
        """The sign-in page first, as the window opens on it (a page only: no one signs out)."""

        def show() -> None:
            from advisor.model.demo import demo_hint
            from advisor.ui.sign_in_page import SignInPage

            services = self._window.services
            assert services is not None
            actor = services.accounts.current()
            self._page = SignInPage(
                services, last_user=actor.user_name if actor else "", hint=demo_hint(services)
            )
            self._window.show_page(self._page)
            self._window.statusBar().hide()  # as on opening: no one is signed in yet

        self._steps.append(("Sign in", show))

    def _advance(self) -> None:
        page = self._page
        if page is not None and not self._steps:
            self._window.close_page(page)
            self._page = None
        if not self._steps:
            if not self._titles:
                self._on_finished()
                return
            title = self._titles.popleft()
            screen = self._window.show_screen(title)
            steps = getattr(screen, "screenshot_steps", None)
            self._steps.extend(steps() if steps is not None else [(title, lambda: None)])
        name, prepare = self._steps.popleft()
        prepare()
        self._window.resize(*self._size)  # a screen may have asked for more room: back to it
        QTimer.singleShot(0, lambda: self._grab(name))

    def _grab(self, name: str) -> None:
        target = self._directory / file_name(name)
        if not self._window.grab().save(str(target)):
            log.error("could not write the screenshot %s", target)
        else:
            self.saved.append(target)
        QTimer.singleShot(0, self._advance)


def take_screenshots(
    app: QApplication,
    services: Services,
    directory: Path,
    size: tuple[int, int] | None = None,
) -> list[Path]:
    """Run the tour over a scratch copy of the database; return the PNG files written."""
    from advisor.ui.app import build_window
    from advisor.ui.tasks import InlinePool, use_pools

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "screenshots.db"
        services.backup.scratch_copy(copy)
        shown = open_services(str(copy), create=False, keychain=services.keychain)
        shown.db.seat.sit(services.accounts.current())  # the tour shows what this role sees
        # A throw-away layout file: the pictures neither depend on nor change the user's own.
        layout = QSettings(str(Path(scratch) / "layout.ini"), QSettings.Format.IniFormat)
        try:
            with use_pools(InlinePool()):
                window = build_window(shown, layout)
                window.location_label.setText(f"Database: {services.db.file or services.db.url}")
                tour = ScreenshotTour(window, directory, app.quit, size or SIZE)
                tour.add_sign_in_step()
                tour.start()
                app.exec()
                window.close()
                window.deleteLater()
        finally:
            shown.close()
    return tour.saved
