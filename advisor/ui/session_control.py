"""Who is at the keyboard: the sign-in page when the window opens, "Switch user" in the status
bar, and the lock after a while without use (15 minutes unless `security/idle_minutes` in the
layout file says otherwise). Signing in as someone else rebuilds the screens for their role."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from advisor.model.roles import Actor
from advisor.ui.sign_in_page import SignInPage

if TYPE_CHECKING:
    from advisor.model.services import Services
    from advisor.ui.main_window import MainWindow

IDLE_MINUTES = 15
LAST_USER_KEY = "session/last_user"
IDLE_KEY = "security/idle_minutes"
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class SessionControl(QObject):
    def __init__(
        self,
        window: MainWindow,
        services: Services,
        on_signed_in: Callable[[Actor], None],
        *,
        hint: str = "",
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._on_signed_in = on_signed_in
        self._hint = hint
        self.page: SignInPage | None = None
        self.user_label = QLabel()
        self.user_label.setAccessibleName("Signed-in account")
        self.switch_button = QPushButton("Switch user")
        self.switch_button.setAccessibleName("Switch user")
        self.switch_button.setFlat(True)
        self.switch_button.clicked.connect(lambda: self.sign_out(locked=False))
        window.statusBar().addPermanentWidget(self.user_label)
        window.statusBar().addPermanentWidget(self.switch_button)
        minutes = float(str(window.settings.value(IDLE_KEY, IDLE_MINUTES) or IDLE_MINUTES))
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(max(1, int(minutes * 60_000)))
        self.idle.timeout.connect(lambda: self.sign_out(locked=True))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        """Go on as whoever is signed in already (ADVISOR_USER/ADVISOR_PASSWORD), else ask."""
        actor = self._services.accounts.current()
        if actor is None:
            self.show_page()
        else:
            self._entered(actor)

    def show_page(self, *, locked: bool = False) -> SignInPage:
        last = str(self._window.settings.value(LAST_USER_KEY, "") or "")
        self.page = SignInPage(self._services, last_user=last, locked=locked, hint=self._hint)
        self.page.signed_in.connect(self._entered)
        self._window.show_page(self.page)
        self.user_label.setText("")
        self.switch_button.hide()
        return self.page

    def sign_out(self, *, locked: bool) -> None:
        if self.page is not None:
            return  # already on the sign-in page
        self.idle.stop()
        self._services.accounts.sign_out()
        self.show_page(locked=locked)

    def _entered(self, actor: Actor) -> None:
        if self.page is not None:
            self._window.close_page(self.page)
            self.page = None
        self._window.settings.setValue(LAST_USER_KEY, actor.user_name)
        self.user_label.setText(f"Signed in as {actor.full_name} ({actor.role.label})")
        self.switch_button.show()
        self.idle.start()
        self._on_signed_in(actor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.idle.isActive():
            self.idle.start()  # any use restarts the count
        return False
