"""The advisor's walk by keyboard alone: search, open, move through tables, switch screens.
Every test drives real key events (pytest-qt), on a shown window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from advisor.ui.app import build_window
from advisor.ui.main_window import MainWindow
from advisor.ui.students_screen import StudentsScreen
from advisor.ui.table_view import selected_row


@pytest.fixture
def screen(students_screen: StudentsScreen, qtbot) -> StudentsScreen:
    students_screen.resize(1024, 700)
    students_screen.show()
    qtbot.waitExposed(students_screen)
    students_screen.activateWindow()
    return students_screen


def type_search(screen: StudentsScreen, qtbot, text: str) -> None:
    search = screen.list.search
    search.setFocus()
    search.clear()
    qtbot.keyClicks(search, text)


def shown(screen: StudentsScreen) -> list[str]:
    return [r.roll_no for r in screen.list.model.rows()]


def test_enter_with_one_match_opens_the_student(screen, qtbot):
    type_search(screen, qtbot, "fa23bcs003")  # no dashes: still the roll number
    assert shown(screen) == ["fa23-bcs-003"]
    qtbot.keyClick(screen.list.search, Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.workspace
    assert screen.workspace.roll_no == "fa23-bcs-003"


def test_roll_numbers_are_found_in_any_case(screen, qtbot):
    type_search(screen, qtbot, "FA23-BCS-003")
    assert shown(screen) == ["fa23-bcs-003"]
    type_search(screen, qtbot, "Fa23Bcs003")
    assert shown(screen) == ["fa23-bcs-003"]


def test_down_goes_into_the_list_arrows_choose_enter_opens(screen, qtbot):
    type_search(screen, qtbot, "fa23-bcs")
    rows = shown(screen)
    assert len(rows) > 2
    qtbot.keyClick(screen.list.search, Qt.Key.Key_Down)
    view = screen.list.view
    assert QApplication.focusWidget() is view
    assert selected_row(view).roll_no == rows[0]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert selected_row(view).roll_no == rows[1]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert screen.workspace.roll_no == rows[1]


def test_enter_with_several_matches_goes_to_the_list(screen, qtbot):
    type_search(screen, qtbot, "fa23-bcs")
    qtbot.keyClick(screen.list.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is screen.list.view
    assert screen.pages.currentWidget() is screen.list  # nothing opened yet


def test_a_table_is_one_tab_stop(screen, qtbot):
    view = screen.list.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    first = selected_row(view)
    assert first is not None
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view  # Tab left the table, not to the next cell
    assert selected_row(view) == first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is view  # and Shift+Tab comes back to it


def test_near_misses_of_a_name_are_found_and_said(screen, qtbot):
    type_search(screen, qtbot, "fatma")
    assert shown(screen) == ["fa23-bcs-003"]  # Fatima Zahra
    assert screen.list.count.text() == "No exact match for 'fatma'; 1 close match(es)"
    qtbot.keyClick(screen.list.search, Qt.Key.Key_Return)
    assert screen.workspace.name.text() == "Fatima Zahra"


def test_an_empty_result_says_what_was_searched(screen, qtbot):
    type_search(screen, qtbot, "xyz")
    assert shown(screen) == []
    assert screen.list.count.text() == "No student matches 'xyz'."


def test_ctrl_number_switches_screens_in_order(qtbot, advised, inline_tasks, tmp_path):
    layout = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window: MainWindow = build_window(advised, layout)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    titles = window.titles()
    assert len(titles) >= 6  # the administrator sees every screen
    for number, title in enumerate(titles[:6], start=1):
        key = getattr(Qt.Key, f"Key_{number}")
        qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_title() == title, number
    assert "Ctrl+2" in window.sidebar.item(1).toolTip()
