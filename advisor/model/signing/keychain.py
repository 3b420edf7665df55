"""The unlocked institution keys of this session, in memory only: the passphrase is asked once
per session (the desktop app's lifetime, or one command) and never stored."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec


class Keychain:
    def __init__(self) -> None:
        self._keys: dict[str, ec.EllipticCurvePrivateKey] = {}

    def add(self, key_id: str, key: ec.EllipticCurvePrivateKey) -> None:
        self._keys[key_id] = key

    def get(self, key_id: str) -> ec.EllipticCurvePrivateKey | None:
        return self._keys.get(key_id)

    def holds(self, key_id: str) -> bool:
        return key_id in self._keys

    def lock(self) -> None:
        """Forget every unlocked key (switch user, lock, close)."""
        self._keys.clear()


class SpecimenKeychain(Keychain):
    """For previews: a throw-away key stands in for any institution key, so a specimen looks
    like the real letter but its seal verifies nowhere (no one trusts the throw-away key)."""

    def __init__(self) -> None:
        super().__init__()
        from advisor.model.signing.institution_key import new_private_key

        self._specimen = new_private_key()

    def get(self, key_id: str) -> ec.EllipticCurvePrivateKey | None:
        return self._specimen

    def holds(self, key_id: str) -> bool:
        return True
