"""Settings → Signing key and trust: the Controller makes or rotates the institution's key,
exports its public half for other offices, and manages the keys and revocation lists of the
institutions whose letters this office verifies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.signing_key_service import KeyCreated
from advisor.ui.confirm import confirm
from advisor.ui.errors import show_error
from advisor.ui.key_unlock import ask_new_passphrase, unlock_for_signing

TRUST_FILTER = "Sanad key files (*.sanadkey *.json);;All files (*)"
LIST_FILTER = "Revocation lists (*.json);;All files (*)"


class SigningKeyBox(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Signing key and trust", parent)
        self._services = services
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Signing key status")
        self.trusted = QLabel(self)
        self.trusted.setWordWrap(True)
        self.trusted.setAccessibleName("Trusted institutions")
        self.make_button = QPushButton("&Make the signing key…", self)
        self.make_button.clicked.connect(self.make_key)
        self.export_button = QPushButton("Export public key…", self)
        self.export_button.clicked.connect(self.export_public_key)
        self.trust_button = QPushButton("Trust another institution…", self)
        self.trust_button.clicked.connect(self.choose_trust_file)
        self.untrust_button = QPushButton("Stop trusting…", self)
        self.untrust_button.clicked.connect(self.ask_untrust)
        self.import_list_button = QPushButton("Import revocation list…", self)
        self.import_list_button.clicked.connect(self.choose_revocation_list)
        self.export_list_button = QPushButton("Export revocation list…", self)
        self.export_list_button.clicked.connect(self.choose_revocation_target)
        own = QHBoxLayout()
        for button in (self.make_button, self.export_button, self.export_list_button):
            own.addWidget(button)
        own.addStretch(1)
        others = QHBoxLayout()
        for button in (self.trust_button, self.untrust_button, self.import_list_button):
            others.addWidget(button)
        others.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(own)
        layout.addWidget(self.trusted)
        layout.addLayout(others)
        self.reload()

    def reload(self) -> None:
        key = self._services.keys.current()
        if key is None:
            self.status.setText(
                "No signing key yet: letters cannot be issued until the Controller makes one. "
                "The key is kept encrypted under a passphrase only the Controller knows."
            )
            self.make_button.setText("&Make the signing key…")
        else:
            where = "on a key file" if key.in_key_file else "in this database, encrypted"
            state = "unlocked for this session" if key.unlocked else "locked"
            self.status.setText(
                f"Letters are signed with key {key.fingerprint} of {key.institution_name}, "
                f"kept {where} ({state}). Give other offices the exported public key and have "
                "them compare this fingerprint with you."
            )
            self.make_button.setText("&Rotate the signing key…")
        self.export_button.setEnabled(key is not None)
        self.export_list_button.setEnabled(key is not None)
        others = [t for t in self._services.trust.list() if not t.own]
        self.trusted.setText(
            "Letters of these institutions are verified too: "
            + "; ".join(
                f"{t.institution_name} ({t.institution_code}, {t.fingerprint})" for t in others
            )
            if others
            else "No other institution is trusted yet: import its public key to verify its letters."
        )
        self.untrust_button.setEnabled(bool(others))

    def _run(self, action: Callable[[], str]) -> bool:
        try:
            message = action()
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.reload()
        self.status.setText(f"{message}\n{self.status.text()}")
        return True

    # --- this institution's key ------------------------------------------------------------

    def make_key(self) -> bool:
        rotating = self._services.keys.current() is not None
        if rotating and not confirm(
            self,
            "Rotate the signing key",
            "Sign letters with a new key from now on? Letters signed with the current key stay "
            "valid; other offices must import the new public key.",
        ):
            return False
        passphrase = ask_new_passphrase(self)
        if passphrase is None:
            return False
        return self.make_key_with(passphrase, rotate=rotating)

    def make_key_with(self, passphrase: str, *, rotate: bool = False) -> bool:
        keys = self._services.keys

        def make() -> str:
            made: KeyCreated = keys.rotate(passphrase) if rotate else keys.create(passphrase)
            sealed = (
                f" {made.letters_sealed} earlier letter(s) are now sealed by it."
                if made.letters_sealed
                else ""
            )
            return f"Made the signing key {made.key.fingerprint}.{sealed}"

        return self._run(make)

    def export_public_key(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the public key", "institution.sanadkey", TRUST_FILTER
        )
        if name:
            self._run(lambda: self._export(Path(name)))

    def _export(self, target: Path) -> str:
        keys = self._services.keys.export_public(target)
        return f"Wrote {len(keys)} public key(s) to {target}."

    def choose_revocation_target(self) -> None:
        if not unlock_for_signing(self._services, self):
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the revocation list", "revoked-letters.json", LIST_FILTER
        )
        if name:
            self._run(
                lambda: (
                    f"Wrote {self._services.trust.export_revocations(Path(name))} revoked "
                    f"letter(s) to {name}."
                )
            )

    # --- other institutions ----------------------------------------------------------------

    def choose_trust_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Trust an institution's key", "", TRUST_FILTER)
        if name:
            self.trust_file(Path(name))

    def trust_file(self, path: Path) -> bool:
        def add() -> str:
            added = self._services.trust.add(path)
            names = ", ".join(f"{t.institution_name} ({t.fingerprint})" for t in added)
            return f"Now trusting {names}." if added else "Those keys were trusted already."

        return self._run(add)

    def ask_untrust(self) -> None:
        codes = sorted({t.institution_code for t in self._services.trust.list() if not t.own})
        code, ok = QInputDialog.getItem(self, "Stop trusting", "Institution", codes, 0, False)
        if ok and code:
            self._run(lambda: f"Removed {self._services.trust.remove(code)} key(s) of {code}.")

    def choose_revocation_list(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import a revocation list", "", LIST_FILTER)
        if name:
            self.import_revocations(Path(name))

    def import_revocations(self, path: Path) -> bool:
        def load() -> str:
            result = self._services.trust.import_revocations(path)
            return (
                f"Revocation list of {result.institution}: {result.added} new, "
                f"{result.already_known} already known."
            )

        return self._run(load)
