"""The main window: a sidebar of screens, the current screen, and a status bar.

Screens register in `SCREENS` as (title, icon, factory); `factory(services)` returns a
`Screen` (advisor/ui/screen.py: the hooks for Ctrl+F, Ctrl+P, the layout, and what changed).
A screen is built the first time it is shown (a fast start). When a screen writes, it says what
it changed; the window tells every screen, and a stale one reads again when next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, QSize, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from advisor.model import paths
from advisor.model.roles import Actor, Role
from advisor.speed_tricks import ACCESSIBLE_TEXT_ROLE
from advisor.ui.errors import watch_server
from advisor.ui.role_gate import apply_role
from advisor.ui.screen import Change, Screen

if TYPE_CHECKING:  # the services load after the window is on screen (see app.open_window)
    from advisor.model.services import Services

ScreenFactory = Callable[["Services"], Screen]


def _students(services: Services) -> Screen:
    from advisor.ui.students_screen import StudentsScreen

    return StudentsScreen(services)


def _catalog(services: Services) -> Screen:
    from advisor.ui.catalog_screen import CatalogScreen

    return CatalogScreen(services)


def _letters(services: Services) -> Screen:
    from advisor.ui.letters_screen import LettersScreen

    return LettersScreen(services)


def _imports(services: Services) -> Screen:
    from advisor.ui.imports_screen import ImportsScreen

    return ImportsScreen(services)


def _policy(services: Services) -> Screen:
    from advisor.ui.policy_screen import PolicyScreen

    return PolicyScreen(services)


def _settings(services: Services) -> Screen:
    from advisor.ui.settings_screen import SettingsScreen

    return SettingsScreen(services)


def _history(services: Services) -> Screen:
    from advisor.ui.history_view import HistoryView

    return HistoryView(services)


# The sidebar, in order. Factories import their module lazily, so start-up loads one screen.
SCREENS: list[tuple[str, QStyle.StandardPixmap, ScreenFactory]] = [
    ("Students", QStyle.StandardPixmap.SP_DirHomeIcon, _students),
    ("Catalog", QStyle.StandardPixmap.SP_FileDialogContentsView, _catalog),
    ("Letters", QStyle.StandardPixmap.SP_FileDialogListView, _letters),
    ("Imports", QStyle.StandardPixmap.SP_ArrowDown, _imports),
    ("Policy", QStyle.StandardPixmap.SP_FileDialogDetailedView, _policy),
    ("History", QStyle.StandardPixmap.SP_FileDialogInfoView, _history),
    ("Settings", QStyle.StandardPixmap.SP_ComputerIcon, _settings),
]
# The lowest role that sees a screen (others: every role). The services check again.
SCREEN_ROLES = {
    "Letters": Role.OFFICE,
    "Imports": Role.OFFICE,
    "Policy": Role.CONTROLLER,
    "Settings": Role.ADMINISTRATOR,
}

SETTINGS_FILE = "sanad-ui.ini"
DEFAULT_SIZE = (1280, 800)  # smaller screens: maximised (screen_fit.fit_main_window)


def ui_settings() -> QSettings:
    """Window layout lives next to the data (ADVISOR_HOME keeps tests out of the real one)."""
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    screen_shown = Signal(str)
    services_attached = Signal()

    def __init__(
        self,
        services: Services | None,
        settings: QSettings | None = None,
        screens: list[tuple[str, QStyle.StandardPixmap, ScreenFactory]] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = settings or ui_settings()
        self.setWindowTitle("Sanad — certification advisor")
        self.setAccessibleName("Sanad main window")
        screens = SCREENS if screens is None else screens
        self._titles = [title for title, _icon, _factory in screens]
        self._factories = {title: factory for title, _icon, factory in screens}
        self._screens: dict[str, Screen] = {}
        # the change log's head the screens have seen (see _catch_up)
        self._known_head: int | None = self._head()
        self._welcome: QWidget | None = None
        self.actor: Actor | None = None
        self.session: Any = None  # the SessionControl: sign-in, Switch user, the idle lock
        self._wanted: str | None = None  # a screen chosen before the database was open
        self.open_maximised = False  # the screen is smaller than the default size (_restore)

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Screens")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setSpacing(2)
        for title, icon, _factory in screens:
            item = QListWidgetItem(self.style().standardIcon(icon), title)
            item.setData(ACCESSIBLE_TEXT_ROLE, f"{title} screen")
            self.sidebar.addItem(item)
        self._number_sidebar()
        self.sidebar.setMaximumWidth(220)
        self.sidebar.setMinimumWidth(120)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Current screen")
        self.splitter = QSplitter()
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([170, 1100])
        self.setCentralWidget(self.splitter)

        self.location_label = QLabel()
        self.location_label.setAccessibleName("Database file")
        self.catalog_label = QLabel()
        self.catalog_label.setAccessibleName("Catalog version")
        self.statusBar().addPermanentWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.catalog_label)
        if services is not None:
            self.set_actor(services.accounts.current())
            self.refresh_status()
        else:
            self.location_label.setText("Opening the database…")
            self.opening: QWidget | None = _centered(QLabel("Opening the database…"))
            self.stack.addWidget(self.opening)

        self.sidebar.currentRowChanged.connect(self._row_chosen)
        self._shortcuts()
        self._restore()

    # --- navigation ----------------------------------------------------------------------

    def titles(self) -> list[str]:
        """The screens the signed-in role may open, in sidebar order."""
        return [t for t in self._titles if self.may_open(t)]

    # Not `screen`: that name is QWidget.screen(), the QScreen the window is on.
    def screen_named(self, title: str) -> Screen:
        """The screen called `title`, built on first use."""
        if title not in self._screens:
            # a screen is built only once the database is open (`_row_chosen` waits for it)
            widget = self._factories[title](cast("Services", self.services))
            widget.setAccessibleName(widget.accessibleName() or f"{title} screen")
            apply_role(widget, self.actor)
            self._screens[title] = widget
            self.stack.addWidget(widget)
            widget.full_window_requested.connect(self.set_full_window)
            widget.wrote.connect(self.note_changes)
            widget.database_replaced.connect(self.reopen)  # Settings after a restore
            widget.restore_state(self.settings)
        return self._screens[title]

    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return next((screen for screen in self._screens.values() if screen is widget), None)

    def focus_screen(self) -> None:
        """Keyboard focus to the shown screen's first field (the student search, …): after
        signing in, the sign-in page that had it is gone, and a keyboard user needs a start."""
        from PySide6.QtCore import Qt  # not at import: the window shows before Qt's namespace

        screen = self.current_screen()
        if screen is None:
            return
        widget = screen.nextInFocusChain()
        while widget is not screen and widget is not None:
            tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            if tab and widget.isVisible() and widget.isEnabled() and screen.isAncestorOf(widget):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def current_title(self) -> str | None:
        widget = self.current_screen()
        return next((t for t, w in self._screens.items() if w is widget), None)

    def show_screen(self, title: str) -> Screen:
        if title not in self._factories:
            raise KeyError(f"no screen called {title!r}")
        row = self._titles.index(title)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # -> _row_chosen
        else:
            self._row_chosen(row)
        return self._screens[title]

    def _row_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._titles):
            return
        title = self._titles[row]
        if not self.may_open(title):
            return
        self.set_full_window(False)
        if self.services is None:
            self._wanted = title  # shown as soon as the database is open
            return
        widget = self.screen_named(title)
        self.stack.setCurrentWidget(widget)
        self._catch_up()
        widget.show_again()
        self.screen_shown.emit(title)

    # --- what changed ----------------------------------------------------------------------

    def note_changes(self, changes: Change) -> None:
        """A screen wrote: every screen that shows any of it reads again when next shown."""
        for widget in self._screens.values():
            widget.note_changes(changes)
        self._known_head = self._head()

    def _catch_up(self) -> None:
        """Writes no screen announced (another PC on the server, the command line, a screen
        that wrote without saying): every screen reads again."""
        head = self._head()
        if head != self._known_head:
            self._known_head = head
            for widget in self._screens.values():
                widget.note_changes(Change.everything())

    def _head(self) -> int | None:
        return self.services.history.head_id() if self.services is not None else None

    def set_full_window(self, on: bool) -> None:
        """The advising view: nothing but the current screen (no sidebar, no status bar)."""
        self.sidebar.setVisible(not on)
        self.statusBar().setVisible(not on)

    def attach(self, services: Services) -> str | None:
        """The database is open: fill the status bar; the screen chosen meanwhile, if any."""
        self.services = services
        self._known_head = self._head()
        watch_server(services.database_answers)  # a lost server's box reconnects through it
        self.set_actor(services.accounts.current())
        opening = getattr(self, "opening", None)
        if opening is not None:
            self.stack.removeWidget(opening)
            opening.deleteLater()
            self.opening = None
        self.refresh_status()
        self.services_attached.emit()
        return self._wanted

    def reopen(self) -> None:
        """After a restore: the other screens show the old data, so each is built afresh the
        next time it is shown."""
        current = self.current_screen()
        for title, widget in list(self._screens.items()):
            if widget is not current:
                self.stack.removeWidget(widget)
                widget.deleteLater()
                del self._screens[title]
        self.refresh_status()

    # --- who is signed in -----------------------------------------------------------------

    def may_open(self, title: str) -> bool:
        needed = SCREEN_ROLES.get(title)
        return needed is None or (self.actor is not None and self.actor.may(needed))

    def set_actor(self, actor: Actor | None) -> None:
        """Someone signed in: the sidebar shows what their role may open; screens built for
        another account are dropped, to be built afresh for this one."""
        if actor != self.actor:
            for title, widget in list(self._screens.items()):
                self.stack.removeWidget(widget)
                widget.deleteLater()
                del self._screens[title]
        self.actor = actor
        for row, title in enumerate(self._titles):
            self.sidebar.item(row).setHidden(not self.may_open(title))
        self._number_sidebar()

    def _number_sidebar(self) -> None:
        """Each shown screen's tooltip names its Ctrl+number (they count the shown ones)."""
        shown = self.titles()
        for row, title in enumerate(self._titles):
            number = shown.index(title) + 1 if title in shown else 0
            self.sidebar.item(row).setToolTip(
                f"{title} (Ctrl+{number})" if 0 < number < 10 else title
            )

    def show_page(self, page: QWidget) -> None:
        """A page outside the sidebar (signing in): nothing else shows until it is closed."""
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.set_full_window(True)
        self.statusBar().setVisible(True)

    def close_page(self, page: QWidget) -> None:
        self.stack.removeWidget(page)
        page.deleteLater()
        self.set_full_window(False)

    def show_welcome(self, welcome: QWidget) -> None:
        """First run: a page of its own, outside the sidebar, until the person chooses (the
        setup guide takes the welcome page's place)."""
        if self._welcome is not None:
            self.stack.removeWidget(self._welcome)
            self._welcome.deleteLater()
        self._welcome = welcome
        self.stack.addWidget(welcome)
        self.stack.setCurrentWidget(welcome)
        self.sidebar.clearSelection()

    def close_welcome(self, then_show: str | None = None) -> None:
        if self._welcome is not None:
            self.stack.removeWidget(self._welcome)
            self._welcome.deleteLater()
            self._welcome = None
        self.refresh_status()
        if then_show or self._titles:
            self.show_screen(then_show or self._titles[0])

    # --- status bar ----------------------------------------------------------------------

    def refresh_status(self) -> None:
        if self.services is None:
            return
        db = self.services.db
        read_only = " (read-only: Sanad can show it but not change it)" if db.read_only else ""
        self.location_label.setText(f"Database: {db.file or db.url}{read_only}")
        summary = self.services.catalog.summary()
        version = summary.version or "none loaded"
        self.catalog_label.setText(
            f"Catalog {version} · {summary.programs} programs, {summary.courses} courses"
        )

    def show_message(self, text: str, msecs: int = 6000) -> None:
        self.statusBar().showMessage(text, msecs)

    # --- shortcuts -----------------------------------------------------------------------

    def _shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Print, self.print_current),
            (QKeySequence("Ctrl+I"), self.open_imports),
        ):
            shortcut = QShortcut(keys, self)  # context: the default, the whole window
            shortcut.activated.connect(slot)
        # Ctrl+1…Ctrl+9: the screens this role sees, in sidebar order.
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.show_numbered(n))

    def show_numbered(self, number: int) -> None:
        titles = self.titles()
        # Not while the sidebar is away: signing in, or the advising view (only this student).
        if 0 < number <= len(titles) and not self.sidebar.isHidden():
            self.show_screen(titles[number - 1])

    def focus_search(self) -> None:
        screen = self.current_screen()
        if screen is not None:
            screen.focus_search()

    def print_current(self) -> None:
        screen = self.current_screen()
        data = screen.print_document() if screen is not None else None
        if screen is None or not data:
            self.show_message("There is nothing to print on this screen.")
            return
        self.preview_pdf(data, screen.print_title)

    def preview_pdf(self, data: bytes, title: str) -> Any:
        from advisor.ui.pdf_preview import show_pdf

        return show_pdf(data, title=title, suggested_name=pdf_file_name(title), parent=self)

    def open_imports(self) -> None:
        if "Imports" in self._factories:
            self.show_screen("Imports")
        else:
            self.show_message("Imports are not available in this version.")

    # --- remembered layout ---------------------------------------------------------------

    def _restore(self) -> None:
        from advisor.ui.screen_fit import available_area, fit_main_window, fits

        # a size saved on a larger screen (a docked laptop) is not kept on a smaller one
        geometry = self.settings.value("window/geometry")
        area = available_area(self)
        if geometry is None or not self.restoreGeometry(geometry) or not fits(self.size(), area):
            self.open_maximised = fit_main_window(self, QSize(*DEFAULT_SIZE), area)
        splitter = self.settings.value("window/sidebar")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def show_fitted(self) -> None:
        """Show the window: maximised on a screen smaller than its default size."""
        if self.open_maximised:
            self.showMaximized()
        else:
            self.show()

    def last_screen(self) -> str:
        title = str(self.settings.value("window/screen", "") or "")
        if title in self._factories and self.may_open(title):
            return title
        return next((t for t in self._titles if self.may_open(t)), "")

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/sidebar", self.splitter.saveState())
        title = self.current_title()
        if title:
            self.settings.setValue("window/screen", title)
        for widget in self._screens.values():
            widget.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)


def pdf_file_name(title: str) -> str:
    """'Plan — fa23-bcs-001 v2' -> 'Plan-fa23-bcs-001-v2.pdf'."""
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in title)
    return (
        "-".join(part for part in name.split("-") if part) + ".pdf"
        if name.strip("-")
        else "document.pdf"
    )


def _centered(label: QLabel) -> QWidget:
    """The label in the middle of a page, by stretches (see advisor/speed_tricks.py on `Qt`)."""
    page = QWidget()
    column = QVBoxLayout(page)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return page


def window_icon() -> QIcon:
    icon = paths.resource("icons", "sanad.png")
    return QIcon(str(icon)) if icon.exists() else QIcon()
