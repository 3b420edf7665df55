"""`gui --screenshot DIR [--size WxH]`: show each main screen at 1280×800 (or the size asked
for, e.g. 1024×768 to check a small campus screen), save a PNG of it, and quit.

The tour runs on a scratch copy of the database (made by the backup service), so a screen may
act to show itself at its best (e.g. build a draft plan) without changing anyone's records.
Steps run from the event loop (a zero-time timer between them), so each screen is laid out and
painted before it is grabbed; background work runs inline, so every table is filled when shot.
What each screen shows is registered in `TOUR` (title → steps); a screen not there is shot as
it opens. The screens themselves know nothing of the tour.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections import deque
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from advisor.model import paths
from advisor.model.audit.result import AuditResult
from advisor.model.errors import AdvisorError
from advisor.model.services import Services, open_services
from advisor.ui.main_window import MainWindow

if TYPE_CHECKING:
    from advisor.ui.catalog_screen import CatalogScreen
    from advisor.ui.imports_screen import ImportsScreen
    from advisor.ui.letters_screen import LettersScreen
    from advisor.ui.policy_screen import PolicyScreen
    from advisor.ui.students_screen import StudentsScreen

log = logging.getLogger(__name__)

SIZE = (1280, 800)

Step = tuple[str, Callable[[], object]]


# --- what each screen shows -------------------------------------------------------------


def showcase_student(services: Services, today: date) -> str | None:
    """The student who shows the most: programs under way, then credits, then roll no."""
    audits = services.audit.audit_cohort(today=today)
    if not audits:
        return None

    def interest(a: AuditResult) -> tuple[int, int, str]:
        going = sum(1 for p in a.programs if p.status != "not_started")
        return (going, a.eligible_credits + a.pending_credits, a.roll_no)

    return max(audits, key=interest).roll_no


def students_steps(screen: StudentsScreen, services: Services) -> list[Step]:
    """The list, a student's progress, audit, what-if and plan, the history and the advising
    view. On the scratch copy, a student without a plan gets a draft from the suggestions."""
    today = screen.today
    chosen = showcase_student(services, today)
    if chosen is None:
        return [("Students", lambda: None)]
    workspace = screen.workspace

    def plan() -> None:
        tab = workspace.plan_tab
        workspace.tabs.setCurrentWidget(tab)
        if tab.plan is None:
            by_slot: dict[str, str] = {}  # the quickest program for each open requirement
            for s in services.plans.suggest(chosen, today=today):
                by_slot.setdefault(s.slot, s.program)
            tab.set_targets(list(by_slot.values())[:2])
            tab.build_plan()

    def what_if() -> None:
        """The newest other policy of the student's degree, beside the own audit."""
        own = workspace.audit
        degree = workspace.detail.degree if workspace.detail else None
        years = [
            y
            for d in services.policy.degrees()
            if d.code == degree
            for y in d.policy_years
            if own is None or y != own.policy_year
        ]
        if years:
            workspace.audit_tab.year.setValue(max(years))
            workspace.audit_tab.try_button.click()

    return [
        ("Students", lambda: None),
        ("Student workspace", lambda: screen.open_student(chosen)),
        ("Student audit", lambda: workspace.tabs.setCurrentWidget(workspace.audit_tab)),
        ("Student what-if", what_if),
        ("Student plan", plan),
        ("Student history", lambda: workspace.tabs.setCurrentWidget(workspace.history_tab)),
        ("Advising session", screen.start_advising),
    ]


def letters_steps(screen: LettersScreen, services: Services) -> list[Step]:
    """With an empty register, two letters are issued on the scratch copy first, so the
    pictures show the register as a clerk sees it, a code just checked, and the cohort's
    programs waiting for verification, all chosen."""

    def cohort_with_letters() -> None:
        if not services.letters.list():
            for row in [r for r in screen.rows if r.status == "eligible"][:2]:
                try:
                    services.letters.issue(row.roll_no, today=date.today())
                except AdvisorError:  # a picture without that letter is still a picture
                    log.warning("screenshot tour: no letter for %s", row.roll_no, exc_info=True)
            screen.refresh()
        screen.tabs.setCurrentIndex(0)

    def register_with_a_check() -> None:
        register = screen.register
        screen.tabs.setCurrentWidget(register)
        rows = register.model.rows()
        if rows:
            register.code_edit.setText(rows[-1].code)
            register.verify_entered()

    def pending_all_chosen() -> None:
        screen.tabs.setCurrentWidget(screen.pending)
        screen.pending.view.selectAll()

    return [
        ("Letters", cohort_with_letters),
        ("Letters register", register_with_a_check),
        ("Letters pending verification", pending_all_chosen),
    ]


def imports_steps(screen: ImportsScreen, services: Services) -> list[Step]:
    """The demo roster, checked by a dry run (which changes nothing)."""
    return [("Imports", lambda: screen.open_file(paths.resource("demo", "roster.csv")))]


def policy_steps(screen: PolicyScreen, services: Services) -> list[Step]:
    """Opened on the first slot, the most edited entry."""
    return [("Policy", lambda: screen.open_entry((0, 0, 0)))]


def catalog_steps(screen: CatalogScreen, services: Services) -> list[Step]:
    def prepare() -> None:
        screen.search.setText("google")
        screen.open_program("google-data-analytics")

    return [("Catalog", prepare)]


TOUR: dict[str, Callable[[Any, Services], list[Step]]] = {
    "Students": students_steps,
    "Letters": letters_steps,
    "Imports": imports_steps,
    "Policy": policy_steps,
    "Catalog": catalog_steps,
}


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".png"


class ScreenshotTour(QObject):
    """Shows screen after screen; `saved` lists the files written, in order."""

    def __init__(
        self,
        window: MainWindow,
        directory: Path,
        on_finished: Callable[[], None],
        size: tuple[int, int] = SIZE,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._directory = directory
        self._on_finished = on_finished
        self._size = size
        self._titles = deque(window.titles())
        self._steps: deque[Step] = deque()
        self.saved: list[Path] = []
        self._page: QWidget | None = None

    def start(self) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        self._window.resize(*self._size)
        self._window.show()
        QTimer.singleShot(0, self._advance)

    def add_sign_in_step(self) -> None:
        """The sign-in page first, as the window opens on it (a page only: no one signs out)."""

        def show() -> None:
            from advisor.model.demo import demo_hint
            from advisor.ui.sign_in_page import SignInPage

            services = self._window.services
            assert services is not None
            actor = services.accounts.current()
            self._page = SignInPage(
                services, last_user=actor.user_name if actor else "", hint=demo_hint(services)
            )
            self._window.show_page(self._page)
            self._window.statusBar().hide()  # as on opening: no one is signed in yet

        self._steps.append(("Sign in", show))

    def _advance(self) -> None:
        page = self._page
        if page is not None and not self._steps:
            self._window.close_page(page)
            self._page = None
        if not self._steps:
            if not self._titles:
                self._on_finished()
                return
            title = self._titles.popleft()
            screen = self._window.show_screen(title)
            steps = TOUR.get(title)
            services = self._window.services
            assert services is not None
            self._steps.extend(steps(screen, services) if steps else [(title, lambda: None)])
        name, prepare = self._steps.popleft()
        prepare()
        self._window.resize(*self._size)  # a screen may have asked for more room: back to it
        QTimer.singleShot(0, lambda: self._grab(name))

    def _grab(self, name: str) -> None:
        target = self._directory / file_name(name)
        if not self._window.grab().save(str(target)):
            log.error("could not write the screenshot %s", target)
        else:
            self.saved.append(target)
        QTimer.singleShot(0, self._advance)


def take_screenshots(
    app: QApplication,
    services: Services,
    directory: Path,
    size: tuple[int, int] | None = None,
) -> list[Path]:
    """Run the tour over a scratch copy of the database; return the PNG files written."""
    from advisor.ui.app import build_window
    from advisor.ui.tasks import InlinePool, use_pools

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "screenshots.db"
        services.backup.scratch_copy(copy)
        shown = open_services(str(copy), create=False, keychain=services.keychain)
        shown.db.seat.sit(services.accounts.current())  # the tour shows what this role sees
        # A throw-away layout file: the pictures neither depend on nor change the user's own.
        layout = QSettings(str(Path(scratch) / "layout.ini"), QSettings.Format.IniFormat)
        try:
            with use_pools(InlinePool()):
                window = build_window(shown, layout)
                window.location_label.setText(f"Database: {services.db.file or services.db.url}")
                tour = ScreenshotTour(window, directory, app.quit, size or SIZE)
                tour.add_sign_in_step()
                tour.start()
                app.exec()
                window.close()
                window.deleteLater()
        finally:
            shown.close()
    return tour.saved
