"""The window hides what the signed-in role cannot do (the services refuse it anyway): one test
per role, plus signing in, Switch user and the idle lock."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from advisor.model.roles import Role
from advisor.ui.app import build_window
from advisor.ui.main_window import MainWindow
from tests.conftest import ADMIN, ADMIN_PASSWORD, seat_as

EVERY_SCREEN = ["Students", "Catalog", "Letters", "Imports", "Policy", "History", "Settings"]
ROLL = "fa23-bcs-001"


def _window(qtbot, services, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = build_window(services, settings)
    qtbot.addWidget(window)
    return window


def _shown(widget) -> bool:  # type: ignore[no-untyped-def]
    return not widget.isHidden()


def _open_student(window: MainWindow):  # type: ignore[no-untyped-def]
    screen = window.show_screen("Students")
    screen.open_student(ROLL)
    return screen.workspace


def _check(role: Role, services, qtbot, tmp_path, screens: list[str]) -> None:  # type: ignore[no-untyped-def]
    seat_as(services, role.label, role.label)
    window = _window(qtbot, services, tmp_path)
    assert window.titles() == screens
    hidden_rows = [window.sidebar.item(i).isHidden() for i in range(window.sidebar.count())]
    assert [t for t, h in zip(EVERY_SCREEN, hidden_rows, strict=True) if not h] == screens
    workspace = _open_student(window)
    tabs = workspace.tabs
    assert tabs.isTabVisible(tabs.indexOf(workspace.letters_tab)) == (role >= Role.OFFICE)
    assert tabs.isTabVisible(tabs.indexOf(workspace.history_tab))
    may_advise = role >= Role.ADVISOR
    for widget in (
        workspace.notes_tab.add_button,
        workspace.notes_tab.editor,
        workspace.plan_tab.build_button,
        workspace.plan_tab.approve_button,
        workspace.exceptions_tab.add_button,
        workspace.exceptions_tab.add_form,
        workspace.audit_tab.what_if_bar,
    ):
        assert _shown(widget) == may_advise, widget.accessibleName()
    assert _shown(workspace.exceptions_tab.approve_button) == (role >= Role.CONTROLLER)
    catalog = window.show_screen("Catalog")
    for button in (catalog.new_button, catalog.edit_button, catalog.seen.adopt_button):
        assert _shown(button) == (role >= Role.ADMINISTRATOR)
    if "Letters" in screens:
        register = window.show_screen("Letters").register
        assert _shown(register.reprint_button)
        assert _shown(register.revoke_button) == (role >= Role.CONTROLLER)
    assert f"({role.label})" in window.session.user_label.text()


def test_viewer_sees_students_catalog_and_history_only(qtbot, advised, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    _check(Role.VIEWER, advised, qtbot, tmp_path, ["Students", "Catalog", "History"])


def test_advisor_advises_but_issues_no_letters(qtbot, advised, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    _check(Role.ADVISOR, advised, qtbot, tmp_path, ["Students", "Catalog", "History"])


def test_office_gets_letters_and_imports(qtbot, advised, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    _check(
        Role.OFFICE,
        advised,
        qtbot,
        tmp_path,
        ["Students", "Catalog", "Letters", "Imports", "History"],
    )


def test_controller_gets_the_policy_and_revocation(qtbot, advised, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    _check(
        Role.CONTROLLER,
        advised,
        qtbot,
        tmp_path,
        ["Students", "Catalog", "Letters", "Imports", "Policy", "History"],
    )


def test_administrator_sees_everything(qtbot, advised, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    _check(Role.ADMINISTRATOR, advised, qtbot, tmp_path, EVERY_SCREEN)


def test_sign_in_switch_user_and_the_idle_lock(qtbot, advised, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    advised.accounts.add("viewer", "viewer", "view-pass")
    advised.accounts.sign_out()
    window = _window(qtbot, advised, tmp_path)
    page = window.session.page
    assert page is not None and window.stack.currentWidget() is page
    assert window.sidebar.isHidden()
    page.user_name.setText(ADMIN)
    page.password.setText("wrong")
    assert page.submit() is None and page.message.text() == "Wrong password."
    page.password.setText(ADMIN_PASSWORD)
    page.submit()
    assert window.session.page is None and "Settings" in window.titles()
    assert window.settings.value("session/last_user") == ADMIN

    window.session.switch_button.click()  # Switch user: back to the page, no one signed in
    page = window.session.page
    assert advised.accounts.current() is None and page.user_name.text() == ADMIN
    page.user_name.setText("viewer")
    page.password.setText("view-pass")
    page.submit()
    assert window.titles() == ["Students", "Catalog", "History"]

    window.session.idle.timeout.emit()  # 15 minutes without use
    page = window.session.page
    assert page is not None and advised.accounts.current() is None
    assert "locked" in page.intro.text() and page.user_name.text() == "viewer"


def test_a_new_database_asks_for_its_administrator(qtbot, services, tmp_path, inline_tasks):  # type: ignore[no-untyped-def]
    from advisor.model.services import open_services

    fresh = open_services(str(tmp_path / "new.db"), create=True)
    try:
        window = _window(qtbot, fresh, tmp_path)
        page = window.session.page
        assert page.first_run and page.button.text() == "Create and sign in"
        page.user_name.setText("head")
        page.password.setText("pass1234")
        page.confirm.setText("pass1234")
        page.submit()
        assert fresh.accounts.current().role == Role.ADMINISTRATOR  # type: ignore[union-attr]
        assert window.stack.currentWidget().accessibleName() == "Welcome"
        assert "password <b>demo</b>" in window.stack.currentWidget().accounts.text()
        window.close()
    finally:
        fresh.close()


def test_after_signing_in_the_keyboard_starts_in_the_student_search(
    qtbot, advised, tmp_path, inline_tasks
):  # type: ignore[no-untyped-def]
    advised.accounts.sign_out()
    window = _window(qtbot, advised, tmp_path)
    window.show()
    window.activateWindow()
    page = window.session.page
    page.user_name.setText(ADMIN)
    page.password.setText(ADMIN_PASSWORD)
    page.submit()
    search = window.show_screen("Students").list.search
    qtbot.waitUntil(search.hasFocus)  # the sign-in page that had the focus is gone
