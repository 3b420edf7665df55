"""Settings → Accounts: the administrator adds the people who work with Sanad, gives each a role,
disables an account (history keeps its name) and sets a forgotten password. The service checks
every rule (one administrator always left, known roles, password length); this box only asks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError, ValidationError
from advisor.model.roles import Role
from advisor.model.services import Services
from advisor.model.services.account_service import AccountRecord
from advisor.ui.confirm import confirm
from advisor.ui.errors import show_error
from advisor.ui.table_model import Column, RowTableModel
from advisor.ui.table_view import make_table, selected_row

ROLES = [r.label for r in Role]
ROLE_HELP = (
    "viewer reads; advisor adds notes, plans and proposes exceptions; office imports, checks "
    "certificates and issues letters; controller approves exceptions, revokes letters and holds "
    "the signing key; administrator does everything, accounts and settings included."
)


def _status(record: AccountRecord) -> str:
    if not record.enabled:
        return "disabled"
    if record.locked_until is not None:
        return f"locked until {record.locked_until:%H:%M}"
    return "enabled" if record.has_password else "chooses a password at first sign-in"


COLUMNS: list[Column[AccountRecord]] = [
    Column("User name", lambda a: a.user_name),
    Column("Full name", lambda a: a.full_name),
    Column("Role", lambda a: a.role, sort_key=lambda a: int(Role.named(a.role))),
    Column("Status", _status),
    Column("Last sign-in", lambda a: a.last_sign_in),
]


class NewAccountDialog(QDialog):
    """User name, full name, role and the first password (typed twice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an account")
        self.user_name = QLineEdit(self)
        self.user_name.setAccessibleName("User name")
        self.full_name = QLineEdit(self)
        self.full_name.setAccessibleName("Full name")
        self.role = QComboBox(self)
        self.role.setAccessibleName("Role")
        self.role.addItems(ROLES)
        self.role.setCurrentText(Role.ADVISOR.label)
        self.password = QLineEdit(self)
        self.password.setAccessibleName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setAccessibleName("Password again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        help_text = QLabel(ROLE_HELP, self)
        help_text.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&User name", self.user_name)
        form.addRow("&Full name (printed on plans)", self.full_name)
        form.addRow("&Role", self.role)
        form.addRow("", help_text)
        form.addRow("&Password", self.password)
        form.addRow("Password &again", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(buttons)

    def mismatch(self) -> ValidationError | None:
        if self.password.text() != self.again.text():
            return ValidationError("The two passwords differ; type the same password twice.")
        return None


class AccountsBox(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Accounts", parent)
        self._services = services
        self.model: RowTableModel[AccountRecord] = RowTableModel(COLUMNS, self)
        self.table = make_table(self.model, "Accounts", stretch=1, fit=True)
        self.table.setMinimumHeight(150)
        self.table.selectionModel().selectionChanged.connect(self._enable_buttons)
        self.add_button = QPushButton("&Add account…", self)
        self.add_button.clicked.connect(self.add_account)
        self.role_button = QPushButton("Change role…", self)
        self.role_button.clicked.connect(self.change_role)
        self.enable_button = QPushButton("Disable", self)
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.password_button = QPushButton("Set password…", self)
        self.password_button.clicked.connect(self.set_password)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.enable_button):
            buttons.addWidget(button)
        buttons.addWidget(self.password_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(
            QLabel("Everyone who works with Sanad signs in with an account of their own.", self)
        )
        column.addWidget(self.table)
        column.addLayout(buttons)

    def reload(self) -> None:
        actor = self._services.db.seat.actor
        if actor is None or not actor.may(Role.ADMINISTRATOR):
            self.model.set_rows([])  # Settings is the administrator's; nobody else lists accounts
        else:
            self.model.set_rows(self._services.accounts.list())
        self._enable_buttons()

    def selected(self) -> AccountRecord | None:
        record: AccountRecord | None = selected_row(self.table)
        return record

    def _enable_buttons(self) -> None:
        record = self.selected()
        for button in (self.role_button, self.enable_button, self.password_button):
            button.setEnabled(record is not None)
        self.enable_button.setText("Enable" if record and not record.enabled else "Disable")

    # --- actions -------------------------------------------------------------------------

    def add_account(self) -> None:
        dialog = NewAccountDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            problem = dialog.mismatch()
            if problem is not None:
                show_error(problem, self)
                continue
            done = self._apply(
                lambda: self._services.accounts.add(
                    dialog.user_name.text(),
                    dialog.role.currentText(),
                    dialog.password.text(),
                    full_name=dialog.full_name.text(),
                )
            )
            if done:
                return

    def change_role(self) -> None:
        record = self.selected()
        if record is None:
            return
        role, ok = QInputDialog.getItem(
            self,
            "Change role",
            f"{record.user_name}'s role:",
            ROLES,
            ROLES.index(record.role),
            editable=False,
        )
        if ok and role != record.role:
            self._apply(lambda: self._services.accounts.set_role(record.user_name, role))

    def toggle_enabled(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.enabled and not confirm(
            self,
            "Disable the account",
            f"Disable {record.user_name}? They can no longer sign in; their name stays on "
            "everything they did.",
        ):
            return
        self._apply(
            lambda: self._services.accounts.set_enabled(record.user_name, not record.enabled)
        )

    def set_password(self) -> None:
        record = self.selected()
        if record is None:
            return
        first, ok = QInputDialog.getText(
            self,
            "Set password",
            f"New password for {record.user_name}:",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        again, ok = QInputDialog.getText(
            self, "Set password", "The same password again:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        if first != again:
            show_error(
                ValidationError(
                    "The two passwords differ; nothing was changed.", nothing_changed=True
                ),
                self,
            )
            return
        self._apply(lambda: self._services.accounts.set_password(record.user_name, first))

    def _apply(self, action: Callable[[], object]) -> bool:
        """Run one service action; its refusal is shown and nothing changes."""
        try:
            action()
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.reload()
        return True
