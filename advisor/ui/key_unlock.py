"""Asking for the Controller's passphrase: once per session, before the first letter is signed.
The passphrase itself is never kept — only the unlocked key, in memory, until Sanad closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from advisor.model.errors import AdvisorError, NotFoundError, ValidationError
from advisor.model.services import Services
from advisor.model.services.signing_keys import NO_KEY
from advisor.ui.errors import show_error

TRIES = 3


def ask_passphrase(parent: QWidget | None, prompt: str) -> str | None:
    """The passphrase typed (hidden), or None when the person cancels."""
    text, ok = QInputDialog.getText(parent, "Institution key", prompt, QLineEdit.EchoMode.Password)
    return text if ok else None


def ask_key_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Where is the institution key file?", "", "Sanad key files (*.key *.pem);;All (*)"
    )
    return Path(name) if name else None


def ask_new_passphrase(parent: QWidget | None) -> str | None:
    """A new passphrase, typed twice; None when the person gives up."""
    for _ in range(TRIES):
        first = ask_passphrase(
            parent,
            "Choose the passphrase that protects the institution's signing key.\n"
            "Only the Controller should know it: letters cannot be signed without it, and it "
            "cannot be recovered if lost.",
        )
        if first is None:
            return None
        again = ask_passphrase(parent, "Type the same passphrase again.")
        if again is None:
            return None
        if first == again and first:
            return first
        show_error(ValidationError("The two passphrases differ; try again."), parent)
    return None


def unlock_for_signing(services: Services, parent: QWidget | None) -> bool:
    """True once the institution key is open for this session, asking for the passphrase (three
    tries); False, with the reason shown, when it stays locked."""
    current = services.keys.current()
    if current is None:
        show_error(NotFoundError(NO_KEY), parent)
        return False
    if current.unlocked:
        return True
    key_file = None
    if current.in_key_file:
        key_file = ask_key_file(parent)
        if key_file is None:
            return False
    prompt = f"Enter the passphrase of the institution key ({current.fingerprint})."
    for attempt in range(1, TRIES + 1):
        passphrase = ask_passphrase(parent, prompt)
        if passphrase is None:
            return False
        try:
            services.keys.unlock(passphrase, key_file=key_file)
            return True
        except AdvisorError as exc:
            if attempt == TRIES or "passphrase" not in str(exc):
                show_error(exc, parent)
                return False
            prompt = f"{exc} Try again ({TRIES - attempt} tries left)."
    return False
