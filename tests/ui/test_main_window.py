"""The main window: sidebar navigation, shortcuts routed to the screen, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QStyle, QVBoxLayout

from advisor.ui.main_window import MainWindow, ui_settings
from advisor.ui.screen import Change, Screen


class SearchScreen(Screen):
    reads = Change.STUDENTS

    def __init__(self, services) -> None:
        super().__init__()
        self.search = QLineEdit()
        QVBoxLayout(self).addWidget(self.search)
        self.refreshed = 0

    def focus_search(self) -> None:
        self.search.setFocus()

    def refresh(self) -> None:
        self.refreshed += 1

    def print_document(self) -> bytes | None:
        return None


class PolicyLikeScreen(SearchScreen):
    reads = Change.POLICY


TEST_SCREENS = [
    ("Alpha", QStyle.StandardPixmap.SP_DirIcon, SearchScreen),
    ("Beta", QStyle.StandardPixmap.SP_FileIcon, SearchScreen),
    ("Gamma", QStyle.StandardPixmap.SP_FileIcon, PolicyLikeScreen),
]


def make_window(qtbot, services, settings=None) -> MainWindow:
    window = MainWindow(services, settings=settings or ui_settings(), screens=TEST_SCREENS)
    qtbot.addWidget(window)
    return window


def test_sidebar_shows_screens_built_on_first_use(qtbot, services):
    window = make_window(qtbot, services)
    assert [window.sidebar.item(i).text() for i in range(2)] == ["Alpha", "Beta"]
    assert window.stack.count() == 0  # nothing built before it is shown
    window.sidebar.setCurrentRow(1)
    assert window.current_title() == "Beta"
    beta = window.current_screen()
    window.show_screen("Alpha")
    window.show_screen("Beta")
    assert window.current_screen() is beta
    assert beta.refreshed == 1  # read when first shown; nothing changed since: not again


def test_a_write_marks_stale_only_the_screens_that_show_it(qtbot, services):
    window = make_window(qtbot, services)
    alpha, beta, gamma = (window.show_screen(t) for t in ("Alpha", "Beta", "Gamma"))
    assert (alpha.refreshed, beta.refreshed, gamma.refreshed) == (1, 1, 1)  # first shown
    alpha.wrote.emit(Change.POLICY)  # as if Alpha saved a policy (no real write: head unmoved)
    window.show_screen("Beta")
    window.show_screen("Gamma")
    assert (beta.refreshed, gamma.refreshed) == (1, 2)
    window.show_screen("Gamma")
    assert gamma.refreshed == 2  # read once, then fresh again
    gamma.wrote.emit(Change.STUDENTS | Change.POLICY)
    window.show_screen("Alpha")
    window.show_screen("Beta")
    assert (alpha.refreshed, beta.refreshed) == (2, 2)


def test_a_write_no_screen_announced_makes_every_screen_read_again(qtbot, services):
    from tests.conftest import seat_admin

    window = make_window(qtbot, services)
    window.attach(services)
    alpha, gamma = window.show_screen("Alpha"), window.show_screen("Gamma")
    seat_admin(services)
    services.institution.update(  # another PC, or the command line
        code="DIST", name="Demo Institute", address="", letter_prefix="DIST", signatories=[]
    )
    window.show_screen("Alpha")
    window.show_screen("Gamma")
    assert (alpha.refreshed, gamma.refreshed) == (2, 2)


def test_sidebar_items_name_their_screen_to_screen_readers(qtbot, services):
    window = make_window(qtbot, services)
    item = window.sidebar.item(1)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Beta screen"


def test_status_bar_names_database_and_catalog(qtbot, services):
    window = make_window(qtbot, services)
    assert str(services.db.file) in window.location_label.text()
    assert services.catalog.summary().version in window.catalog_label.text()


def test_ctrl_f_focuses_the_screens_search(qtbot, services):
    window = make_window(qtbot, services)
    screen = window.show_screen("Alpha")
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(screen.search.hasFocus)


def test_nothing_to_print_says_so(qtbot, services):
    window = make_window(qtbot, services)
    window.show_screen("Alpha")
    window.print_current()
    assert "nothing to print" in window.statusBar().currentMessage()


def test_layout_and_last_screen_are_remembered(qtbot, services, tmp_path):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = make_window(qtbot, services, settings)
    window.resize(640, 480)  # fits the offscreen screen (800×600)
    window.show_screen("Beta")
    window.close()
    again = make_window(
        qtbot, services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    assert again.last_screen() == "Beta"
    assert again.size().width() == 640
