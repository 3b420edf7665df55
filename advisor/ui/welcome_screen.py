"""First run: an empty database gets two clear ways in, instead of six empty screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from advisor.model.services import Services
from advisor.ui.tasks import CancelToken, TaskHandle, run_in_background


def is_first_run(services: Services) -> bool:
    """No institution recorded and no students: nothing has been set up yet."""
    return services.policy.institution() is None and not services.students.list()


class WelcomeScreen(QWidget):
    """Emits `set_up` (go to the institution's settings) or `demo_loaded` once the demo is in."""

    set_up = Signal()
    demo_loaded = Signal()

    def __init__(
        self, services: Services, load_demo: Callable[[Services], object] | None = None
    ) -> None:
        super().__init__()
        self.setAccessibleName("Welcome")
        self._services = services
        self._load_demo = load_demo
        self._task: TaskHandle | None = None

        title = QLabel("Welcome to Sanad")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            "Sanad plans Coursera certifications with your students and prints numbered "
            "credit-eligibility letters, all on this computer, with no network.\n\n"
            "Start by entering your institution and its credit policy, or look around first "
            "with a demo department (its students and progress are made up; the passphrase of "
            "its signing key, asked before the first letter is signed, is “demo”)."
        )
        text.setWordWrap(True)
        from advisor.model.demo import demo_accounts_text  # light: no SQLAlchemy of its own

        self.accounts = QLabel(
            demo_accounts_text() + " Switch user (in the status bar) to see what each may do."
        )
        self.accounts.setAccessibleName("Demo accounts")
        self.accounts.setWordWrap(True)
        self.accounts.setTextFormat(Qt.TextFormat.RichText)
        self.setup_button = QPushButton("Set up my institution")
        self.setup_button.setAccessibleName("Set up my institution")
        self.setup_button.setDefault(True)
        self.demo_button = QPushButton("Explore with demo data")
        self.demo_button.setAccessibleName("Explore with demo data")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Loading the demo data")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.setup_button.clicked.connect(self.set_up.emit)
        self.demo_button.clicked.connect(self.start_demo)

        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(text)
        column.addSpacing(18)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addSpacing(12)
        column.addWidget(self.accounts)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        text.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def start_demo(self) -> TaskHandle:
        loader = self._load_demo or _default_demo_loader()
        services = self._services
        self.setup_button.setEnabled(False)
        self.demo_button.setEnabled(False)
        self.progress.show()

        def work(token: CancelToken) -> object:
            return loader(services)

        self._task = run_in_background(
            work, on_done=self._loaded, on_error=self._failed, writes=True, owner=self
        )
        return self._task

    def _loaded(self, _result: object) -> None:
        self.progress.hide()
        self.demo_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        from advisor.ui.errors import show_error

        self.progress.hide()
        self.setup_button.setEnabled(True)
        self.demo_button.setEnabled(True)
        show_error(error, self)


def _default_demo_loader() -> Callable[[Services], object]:
    from advisor.model.demo import add_demo_accounts, load_demo

    def load(services: Services) -> object:
        add_demo_accounts(services)
        return load_demo(services)

    return load
