"""Signing in: the page the window opens on (and returns to on Switch user or after the idle
lock). A database with no accounts asks for its administrator instead. A wrong password, a
locked or disabled account: the service's message, on the page, nothing else changes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.roles import Actor
from advisor.model.services import Services


class SignInPage(QWidget):
    signed_in = Signal(object)  # the Actor

    def __init__(
        self, services: Services, *, last_user: str = "", locked: bool = False, hint: str = ""
    ) -> None:
        super().__init__()
        self.setAccessibleName("Sign in")
        self._services = services
        self.first_run = not services.accounts.has_accounts()

        title = QLabel("Create the administrator" if self.first_run else "Sign in to Sanad")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        if self.first_run:
            intro = (
                "This database has no accounts yet. The administrator adds the others "
                "(Settings → Accounts, or `advisor users add`) and may do everything."
            )
        elif locked:
            intro = f"Sanad was locked after a while without use. {last_user}, sign in again."
        else:
            intro = "Every change is recorded under the account that makes it."
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)

        self.user_name = QLineEdit(last_user)
        self.user_name.setAccessibleName("User name")
        self.full_name = QLineEdit()
        self.full_name.setAccessibleName("Full name")
        self.password = QLineEdit()
        self.password.setAccessibleName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName("Password again")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setAccessibleName("Sign-in message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #cf222e;")
        self.button = QPushButton("Create and sign in" if self.first_run else "Sign in")
        self.button.setDefault(True)
        self.button.setAccessibleName(self.button.text())
        self.button.clicked.connect(self.submit)
        for field in (self.user_name, self.full_name, self.password, self.confirm):
            field.returnPressed.connect(self.submit)
        self.user_name.editingFinished.connect(self._check_first_password)

        self.form = QFormLayout()
        self.form.addRow("User name", self.user_name)
        self.form.addRow("Full name", self.full_name)
        self.form.addRow("Password", self.password)
        self.form.addRow("Password again", self.confirm)
        self.form.setRowVisible(self.full_name, self.first_run)
        self.form.setRowVisible(self.confirm, self.first_run)
        self.hint = QLabel(hint)
        self.hint.setAccessibleName("Demo accounts")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setVisible(bool(hint))

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(self.intro)
        column.addSpacing(12)
        column.addLayout(self.form)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.button)
        column.addLayout(row)
        column.addSpacing(18)
        column.addWidget(self.hint)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        (self.password if last_user else self.user_name).setFocus()

    def _check_first_password(self) -> None:
        """An account made by the upgrade of a 0.1 database chooses its password now."""
        if self.first_run or not self.user_name.text().strip():
            return
        state = self._services.accounts.sign_in_state(self.user_name.text())
        self.form.setRowVisible(self.confirm, state.needs_password)
        if state.needs_password:
            self.message.setStyleSheet("color: palette(text);")
            self.message.setText("First sign-in of this account: choose its password.")

    def submit(self) -> Actor | None:
        name, password = self.user_name.text().strip(), self.password.text()
        confirming = self.form.isRowVisible(self.confirm)
        if confirming and password != self.confirm.text():
            self._refused("The two passwords differ.")
            return None
        try:
            if self.first_run:
                actor = self._services.accounts.create_administrator(
                    name, password, self.full_name.text()
                )
            else:
                actor = self._services.accounts.sign_in(name, password)
        except AdvisorError as exc:
            self._refused(str(exc))
            return None
        self.password.clear()
        self.confirm.clear()
        self.signed_in.emit(actor)
        return actor

    def _refused(self, text: str) -> None:
        self.message.setStyleSheet("color: #cf222e;")
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()
