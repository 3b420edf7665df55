"""Settings → Database in the window: the connection form, its test in the background, and the
switch back to this PC's own file (issue 14, item 2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QScrollArea

from advisor.model import server_connection
from advisor.model.services.connection_service import ConnectionCheck, ConnectionService
from advisor.ui import database_box
from advisor.ui.errors import open_error_boxes
from advisor.ui.settings_screen import SettingsScreen
from tests.model.test_server_connection import (  # noqa: F401  (fixtures)
    SERVER,
    MemoryKeyring,
    fake_keyring,
    no_keyring,
)

SHOTS = Path(__file__).resolve().parents[2] / "docs"


def fill(box: database_box.DatabaseBox, host: str, port: int, password: str = "pw") -> None:
    box.host.setText(host)
    box.port.setValue(port)
    box.database.setText("sanad")
    box.user.setText("office")
    box.password.setText(password)


def test_test_connection_says_what_failed(qtbot, services, fake_keyring) -> None:  # noqa: F811
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    box = screen.database
    assert "this PC's own file" in box.in_use.text()
    assert "keyring" in box.password_note.text()
    fill(box, "127.0.0.1", 1)  # nothing listens there: refused at once, no network
    qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.test_button.isEnabled(), timeout=15000)
    assert box.result.text().startswith("✘") and "cannot be reached" in box.result.text()
    assert not server_connection.settings_file().exists()


def test_connect_then_back_to_the_local_file(
    qtbot,
    services,
    fake_keyring: MemoryKeyring,  # noqa: F811
    monkeypatch,
    inline_tasks,
) -> None:
    monkeypatch.setattr(ConnectionService, "test", lambda *a: ConnectionCheck(True, "ready"))
    monkeypatch.setattr(database_box, "confirm", lambda *a, **k: True)
    box = database_box.DatabaseBox(services)
    qtbot.addWidget(box)
    box.reload()
    assert not box.local_button.isEnabled()  # already on the file
    fill(box, SERVER.host, SERVER.port, "s3cret-pass")
    box.connect_server()
    assert "connected to office@sanad-server:5432/sanad" in box.result.text()
    assert box.password.text() == "" and "kept in this PC's keyring" in box.password_note.text()
    assert "From the next start: the server" in box.in_use.text()
    assert server_connection.saved_connection() == SERVER
    box.use_local_file()
    assert server_connection.saved_connection() is None and not fake_keyring.kept
    assert "works on" in box.result.text() and not open_error_boxes()


def test_no_keyring_says_the_password_is_asked_at_start(qtbot, services, no_keyring) -> None:  # noqa: F811
    box = database_box.DatabaseBox(services)
    qtbot.addWidget(box)
    box.reload()
    assert "asks for it when it starts" in box.password_note.text()


def test_settings_database_at_1024x768(qtbot, services, fake_keyring, tmp_path) -> None:  # noqa: F811
    """The box fits a small screen (screenshot kept in docs/ for the README)."""
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    screen.resize(QSize(1024, 768))
    screen.show()
    fill(screen.database, "sanad-server", 5432)
    screen.database.result.setText("✔ Connected: a Sanad database (schema 0009), ready.")
    screen.findChild(QScrollArea).ensureWidgetVisible(screen.database, 0, 0)
    qtbot.waitExposed(screen)
    shot = screen.grab()
    assert shot.save(str(tmp_path / "settings-database.png"))
    assert screen.database.test_button.visibleRegion().boundingRect().width() > 0


def test_a_server_password_no_keyring_keeps_is_asked_before_opening(
    qtbot, department, monkeypatch
) -> None:
    from advisor.ui import app

    order: list[str] = []
    monkeypatch.setattr(app, "ask_server_password", lambda parent, server: "typed")

    def opener():  # type: ignore[no-untyped-def]
        order.append("opened")
        return department

    window = app.open_window(opener, ("office@sanad-server:5432/sanad", order.append))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.services_attached, timeout=10_000):
        pass
    assert order == ["typed", "opened"]


def test_no_password_given_at_start_opens_nothing(qtbot, monkeypatch) -> None:
    from advisor.ui import app

    opened: list[bool] = []
    monkeypatch.setattr(app, "ask_server_password", lambda parent, server: None)
    window = app.open_window(lambda: opened.append(True), ("office@server:5432/sanad", print))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert opened == []


def test_the_start_asks_only_for_a_saved_server_without_a_kept_password(
    no_keyring,  # noqa: F811
    monkeypatch,
) -> None:
    from advisor.cli.context import CommandContext
    from advisor.cli.gui_command import server_password_question

    ctx = CommandContext(None)
    assert server_password_question(ctx) is None  # the local file
    server_connection.save_connection(SERVER)
    question = server_password_question(ctx)
    assert question is not None and question[0] == SERVER.label
    question[1]("typed at start")
    assert server_connection.stored_password(SERVER) == "typed at start"
    assert server_password_question(ctx) is None  # known for this session
    assert server_password_question(CommandContext("/tmp/x.db")) is None  # --db wins
