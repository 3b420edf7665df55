"""First run: an empty database gets the welcome page; the demo loads behind it."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from advisor.ui.app import build_window
from advisor.ui.welcome_screen import WelcomeScreen, is_first_run


def make(qtbot, services, tmp_path):  # type: ignore[no-untyped-def]
    window = build_window(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_explore_with_demo_data_loads_it_and_opens_students(
    qtbot, services, tmp_path, inline_tasks
):
    assert is_first_run(services)
    window = make(qtbot, services, tmp_path)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomeScreen)
    with qtbot.waitSignal(welcome.demo_loaded, timeout=60_000):
        welcome.demo_button.click()  # inline: the load and the cohort audit end before teardown
    assert not is_first_run(services)
    assert window.current_title() == "Students"
    students = window.current_screen()
    assert students.list.model.rowCount() == len(services.students.list()) > 0


def test_set_up_my_institution_goes_to_settings(qtbot, services, tmp_path):
    window = make(qtbot, services, tmp_path)
    window.stack.currentWidget().setup_button.click()
    assert window.current_title() == "Settings"


def test_ctrl_i_opens_imports(qtbot, department, tmp_path):
    window = make(qtbot, department, tmp_path)
    window.open_imports()
    assert window.current_title() == "Imports"
