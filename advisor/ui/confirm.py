"""Asking before an action that cannot be undone (revoke, restore, remove): one wording of the
buttons everywhere, and one function for tests to answer."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """Yes / Cancel; Cancel is the default unless the action is the expected next step."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.Cancel
    answer = QMessageBox.question(parent, title, text, buttons, default)
    return answer == QMessageBox.StandardButton.Yes
