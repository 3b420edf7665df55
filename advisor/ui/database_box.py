"""Settings → Database: connect this PC to the department's server (host, port, database, user,
password), test the connection first, or go back to this PC's own file. The choice takes effect
at the next start; the password goes to the system keyring (the service decides, and says where
there is none)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.server_connection import DEFAULT_PORT, ServerConnection
from advisor.model.services import Services
from advisor.model.services.connection_service import ConnectionCheck, DatabaseChoice
from advisor.ui.confirm import confirm
from advisor.ui.errors import show_error
from advisor.ui.tasks import run_in_background

NEXT_START = "Close Sanad and open it again to work on it."


class DatabaseBox(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Database", parent)
        self._services = services
        self.in_use = QLabel(self)
        self.in_use.setWordWrap(True)
        self.in_use.setAccessibleName("Database in use")
        self.host = self._line("Server host", "e.g. sanad-server or 10.0.0.5")
        self.port = QSpinBox(self)
        self.port.setAccessibleName("Server port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setMaximumWidth(110)
        self.database = self._line("Database name", "e.g. sanad")
        self.user = self._line("Server user", "e.g. sanad_office")
        self.password = self._line("Server password", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel(self)
        self.password_note.setWordWrap(True)
        self.password_note.setAccessibleName("Where the password is kept")
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Connection result")

        self.test_button = QPushButton("&Test connection", self)
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button = QPushButton("Connect this PC", self)
        self.connect_button.clicked.connect(self.connect_server)
        self.local_button = QPushButton("Use this PC's own file", self)
        self.local_button.clicked.connect(self.use_local_file)

        form = QFormLayout()
        form.addRow("Host", self.host)
        form.addRow("Port", self.port)
        form.addRow("Database", self.database)
        form.addRow("User", self.user)
        form.addRow("Password", self.password)
        form.addRow("", self.password_note)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.connect_button, self.local_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.in_use)
        note = QLabel(
            "Several PCs of a department can share one PostgreSQL server. Move this PC's data "
            "onto an empty server first with `advisor db copy --to …` (see the README).",
            self,
        )
        note.setWordWrap(True)
        column.addWidget(note)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.result)
        self._busy = False

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def reload(self) -> None:
        self._show(self._services.connection.choice(), fill=True)

    def _show(self, choice: DatabaseChoice, *, fill: bool = False) -> None:
        where = "the server" if choice.on_server else "this PC's own file"
        text = f"This session works on {where}: {choice.in_use}."
        if choice.saved is not None and choice.saved.url != choice.in_use:
            text += f" From the next start: the server {choice.saved.label}."
        elif choice.saved is None and choice.on_server:
            text += f" From the next start: this PC's own file ({choice.local_file})."
        if choice.overridden:
            text += " (Chosen for this session by --db or ADVISOR_DB, which win over this setting.)"
        self.in_use.setText(text)
        if fill and choice.saved is not None:
            self.host.setText(choice.saved.host)
            self.port.setValue(choice.saved.port)
            self.database.setText(choice.saved.database)
            self.user.setText(choice.saved.user)
        if not choice.keyring:
            self.password_note.setText(
                "This PC has no system keyring: the password is not kept, and Sanad asks for "
                "it when it starts."
            )
        elif choice.password_kept:
            self.password_note.setText(
                "The password is kept in this PC's keyring; leave it empty to keep it."
            )
        else:
            self.password_note.setText("The password is kept in this PC's keyring, not in a file.")
        self.local_button.setEnabled(choice.saved is not None or choice.on_server)

    def server(self) -> ServerConnection:
        return ServerConnection(
            self.host.text(), self.port.value(), self.database.text(), self.user.text()
        )

    # --- actions -------------------------------------------------------------------------

    def test_connection(self) -> None:
        """In the background: an unreachable server takes seconds to answer."""
        try:
            server = self.server().checked()
        except AdvisorError as error:
            show_error(error, self)
            return
        self._set_busy(True, "Testing the connection…")
        password = self.password.text()
        run_in_background(
            lambda _token: self._services.connection.test(server, password),
            on_done=self._tested,
            on_error=self._failed,
            owner=self,
        )

    def _tested(self, check: ConnectionCheck) -> None:
        self._set_busy(False, ("✔ " if check.ok else "✘ ") + check.message)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False, "")
        show_error(error, self)

    def connect_server(self) -> None:
        server = self.server()
        question = (
            f"Connect this PC to the server {server.label}? From Sanad's next start everyone "
            "on this PC works on the server's data, not this PC's own file."
        )
        if not confirm(self, "Connect to the server", question):
            return
        self._set_busy(True, "Connecting…")
        password = self.password.text()
        run_in_background(
            lambda _token: self._services.connection.connect(server, password),
            on_done=self._connected,
            on_error=self._failed,
            owner=self,
        )

    def _connected(self, choice: DatabaseChoice) -> None:
        self.password.clear()
        self._show(choice)
        label = choice.saved.label if choice.saved else "the server"
        self._set_busy(False, f"✔ This PC is connected to {label}. {NEXT_START}")

    def use_local_file(self) -> None:
        question = (
            "Work on this PC's own file again from Sanad's next start? The server keeps its "
            "data; this PC forgets the server's password."
        )
        if not confirm(self, "Use this PC's own file", question):
            return
        try:
            choice = self._services.connection.use_local_file()
        except AdvisorError as error:
            show_error(error, self)
            return
        self._show(choice)
        self.result.setText(f"✔ From the next start this PC works on {choice.local_file}.")

    def _set_busy(self, busy: bool, message: str) -> None:
        self._busy = busy
        for button in (self.test_button, self.connect_button):
            button.setEnabled(not busy)
        self.result.setText(message)
