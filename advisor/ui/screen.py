"""What the main window and a screen promise each other.

A screen is a `Screen`: the main window builds it on first use, calls `show_again()` each time
it is shown, and routes Ctrl+F, Ctrl+P and the remembered layout to its hooks; every hook has a
default that does nothing. A screen that writes says what it changed with `wrote.emit(Change…)`
(as Anki's operations return their changes); the main window passes that on to every screen,
and a screen whose `reads` it touches is marked stale and reads again when next shown. Writes
by anyone else (another PC on the department server, the command line) are seen by the change
log's head moving: then every screen is stale.
"""

from __future__ import annotations

from enum import Flag, auto

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QWidget


class Change(Flag):
    """What a write touched, as the screens show it."""

    STUDENTS = auto()  # the roster: who, which degree and intake
    PROGRESS = auto()  # Coursera progress, certificates, checks, exceptions, notes
    POLICY = auto()  # degrees, policy years, requirement slots
    CATALOG = auto()  # programs and courses, what imports saw that the catalog lacks
    LETTERS = auto()  # the register: issued, reprinted, revoked
    PLANS = auto()  # certification plans
    INSTITUTION = auto()  # letterhead, signatories, wording, keys, accounts

    @classmethod
    def everything(cls) -> Change:
        return ~cls(0)


class Screen(QWidget):
    """The base of every screen of the sidebar (see the module's docstring)."""

    reads: Change = Change(0)  # a change to any of these marks the screen stale

    full_window_requested = Signal(bool)  # the advising view wants the whole window
    wrote = Signal(object)  # a Change: this screen wrote something others may show
    database_replaced = Signal()  # after a restore: every screen must be built afresh

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True  # read when first shown

    @property
    def stale(self) -> bool:
        return self._stale

    def note_changes(self, changes: Change) -> None:
        if changes & self.reads:
            self._stale = True

    def show_again(self) -> None:
        """Shown by the main window: read again what changed since it was last shown."""
        if self._stale:
            self._stale = False
            self.refresh()

    # --- hooks: override what the screen offers ------------------------------------------

    def refresh(self) -> None:
        """Read again what the screen shows (it is stale)."""

    def focus_search(self) -> None:
        """Ctrl+F."""

    def print_document(self) -> bytes | None:
        """Ctrl+P: the PDF of what is shown; None when there is nothing to print."""
        return None

    @property
    def print_title(self) -> str:
        """The print preview's title and suggested file name."""
        return self.accessibleName().removesuffix(" screen") or "Document"

    def save_state(self, settings: QSettings) -> None:
        """Splitters and columns, when the window closes."""

    def restore_state(self, settings: QSettings) -> None:
        """Splitters and columns, when the screen is built."""
