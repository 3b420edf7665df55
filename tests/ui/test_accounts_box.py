"""Settings → Accounts: an administrator adds, re-roles, disables and re-passwords accounts in
the window; the service's refusals (the last administrator) are shown and change nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from advisor.ui import accounts_box
from advisor.ui.accounts_box import AccountsBox, NewAccountDialog
from advisor.ui.errors import open_error_boxes
from advisor.ui.settings_screen import SettingsScreen


def select(box: AccountsBox, user_name: str) -> None:
    row = next(i for i, r in enumerate(box.model.rows()) if r.user_name == user_name)
    box.table.selectRow(row)


def add_through_dialog(monkeypatch, box: AccountsBox, *, again: str = "clerk password") -> None:
    def fill_and_accept(dialog: NewAccountDialog) -> int:
        dialog.user_name.setText("sana")
        dialog.full_name.setText("Ms. Sana Iqbal")
        dialog.role.setCurrentText("office")
        dialog.password.setText("clerk password")
        dialog.again.setText(again)
        monkeypatch.setattr(NewAccountDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewAccountDialog, "exec", fill_and_accept)
    box.add_account()


def test_settings_lists_the_accounts_and_adds_one(qtbot, services, monkeypatch) -> None:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    box = screen.accounts
    assert [r.user_name for r in box.model.rows()] == ["admin"]
    add_through_dialog(monkeypatch, box)
    added = next(r for r in box.model.rows() if r.user_name == "sana")
    assert (added.full_name, added.role, added.enabled) == ("Ms. Sana Iqbal", "office", True)
    assert services.accounts.sign_in("sana", "clerk password").role.label == "office"


def test_two_different_passwords_add_nobody(qtbot, services, monkeypatch, error_boxes) -> None:
    box = AccountsBox(services)
    qtbot.addWidget(box)
    box.reload()
    add_through_dialog(monkeypatch, box, again="another password")
    assert "differ" in open_error_boxes()[-1].text()
    assert [r.user_name for r in services.accounts.list()] == ["admin"]


def test_role_disable_and_password_go_through_the_service(qtbot, services, monkeypatch) -> None:
    services.accounts.add("sana", "office", "clerk password")
    box = AccountsBox(services)
    qtbot.addWidget(box)
    box.reload()
    select(box, "sana")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("controller", True))
    box.change_role()
    monkeypatch.setattr(accounts_box, "confirm", lambda *a, **k: True)
    select(box, "sana")
    box.toggle_enabled()
    record = next(r for r in services.accounts.list() if r.user_name == "sana")
    assert (record.role, record.enabled) == ("controller", False)
    select(box, "sana")
    assert box.enable_button.text() == "Enable"
    box.toggle_enabled()
    select(box, "sana")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("new clerk password", True))
    box.set_password()
    assert services.accounts.sign_in("sana", "new clerk password").user_name == "sana"


@pytest.mark.parametrize("action", ["demote", "disable"])
def test_the_last_administrator_stays(qtbot, services, monkeypatch, error_boxes, action) -> None:
    box = AccountsBox(services)
    qtbot.addWidget(box)
    box.reload()
    select(box, "admin")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("viewer", True))
    monkeypatch.setattr(accounts_box, "confirm", lambda *a, **k: True)
    box.change_role() if action == "demote" else box.toggle_enabled()
    assert "administrator" in open_error_boxes()[-1].text()
    (admin,) = services.accounts.list()
    assert (admin.role, admin.enabled) == ("administrator", True)
