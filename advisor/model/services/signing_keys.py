"""The institution's signing keys inside an open transaction: make one, find the active one, open
its private part with the passphrase, and the public keys a verifier may trust."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.errors import KeyLockedError, NotFoundError, ValidationError
from advisor.model.schema import Institution, SigningKey, TrustedKey, utcnow
from advisor.model.signing import encrypted_key
from advisor.model.signing.institution_key import (
    InstitutionName,
    fingerprint,
    from_der,
    key_id,
    new_private_key,
    public_der,
    self_issued_certificate,
)
from advisor.model.signing.keychain import Keychain

MIN_PASSPHRASE = 8
NO_KEY = (
    "This institution has no signing key yet, so no letter can be signed. The Controller makes "
    "one in Settings → Signing key, or with `advisor institution key create`."
)


@dataclass(frozen=True)
class KnownKey:
    """A public key this database may verify with: one of ours, or one it was told to trust."""

    key_id: str
    institution_code: str
    institution_name: str
    public_key: ec.EllipticCurvePublicKey
    own: bool
    retired: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def passphrase_problem(passphrase: str) -> str | None:
    if len(passphrase) < MIN_PASSPHRASE and passphrase != "demo":
        return f"A passphrase needs at least {MIN_PASSPHRASE} characters."
    return None


def active_key(session: Session) -> SigningKey | None:
    return session.scalars(
        select(SigningKey)
        .where(SigningKey.retired_at.is_(None))
        .order_by(SigningKey.created_at.desc())
    ).first()


def require_active_key(session: Session) -> SigningKey:
    row = active_key(session)
    if row is None:
        raise NotFoundError(NO_KEY)
    return row


def create_key(
    session: Session,
    institution: Institution,
    passphrase: str,
    *,
    key_file: Path | None = None,
    by: str = "local",
) -> tuple[SigningKey, ec.EllipticCurvePrivateKey]:
    """A new key pair for the institution; the one in use (if any) is retired, kept to verify."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise ValidationError(problem)
    private = new_private_key()
    envelope = encrypted_key.encrypt(private, passphrase)
    if key_file is not None:
        write_key_file(key_file, envelope)
    now = utcnow()
    for old in session.scalars(select(SigningKey).where(SigningKey.retired_at.is_(None))):
        old.retired_at = now
    row = SigningKey(
        key_id=key_id(private.public_key()),
        institution_code=institution.code,
        institution_name=institution.name,
        public_key=public_der(private.public_key()),
        certificate=self_issued_certificate(
            private, InstitutionName(institution.code, institution.name)
        ),
        encrypted_private_key=None if key_file is not None else envelope,
        created_by=by,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row, private


def write_key_file(path: Path, envelope: bytes) -> None:
    """The encrypted key as PEM, written whole or not at all, readable by its owner only."""
    folder = path.expanduser().parent
    if not folder.is_dir():
        raise ValidationError(f"Cannot write the key file: the folder {folder} is not there.")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".sanad-key-", suffix=".partial")
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(encrypted_key.to_pem(envelope))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as exc:
        raise ValidationError(f"Cannot write the key file {path}: {exc.strerror}.") from exc


def read_key_file(path: Path) -> bytes:
    if not path.exists():
        raise ValidationError(
            f"The key file {path} is not there: is the USB drive with the institution key plugged "
            "in, and is the path right?"
        )
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Cannot read the key file {path}.") from exc
    try:
        return encrypted_key.from_pem(text)
    except ValueError as exc:
        raise ValidationError(f"{path} is not a Sanad key file: {exc}.") from exc


def open_private_key(
    row: SigningKey, passphrase: str, *, key_file: Path | None = None
) -> ec.EllipticCurvePrivateKey:
    """The clear private key, in memory only; ValidationError for a wrong passphrase or file."""
    if row.encrypted_private_key is not None:
        envelope = row.encrypted_private_key
    elif key_file is not None:
        envelope = read_key_file(key_file)
    else:
        raise ValidationError(
            f"The institution key {row.key_id} is kept in a key file, not in the database: give "
            "its path (--key-file PATH or ADVISOR_KEY_FILE)."
        )
    try:
        private = encrypted_key.decrypt(envelope, passphrase)
    except encrypted_key.WrongPassphrase as exc:
        raise ValidationError("That passphrase does not open the institution key.") from exc
    if key_id(private.public_key()) != row.key_id:
        raise ValidationError(
            f"That key file holds another key, not the institution key {row.key_id}."
        )
    return private


def signing_key_for(
    session: Session, keychain: Keychain
) -> tuple[SigningKey, ec.EllipticCurvePrivateKey]:
    """The active key, unlocked — or KeyLockedError so that the caller asks for the passphrase."""
    row = require_active_key(session)
    private = keychain.get(row.key_id)
    if private is None:
        raise KeyLockedError(
            "Signing needs the institution key: enter the Controller's passphrase "
            "(ADVISOR_KEY_PASSPHRASE on the command line).",
            row.key_id,
        )
    return row, private


def known_keys(session: Session) -> dict[str, KnownKey]:
    """Every public key this database verifies with, by key id (ours win over trusted copies)."""
    known = {
        row.key_id: KnownKey(
            row.key_id,
            row.institution_code,
            row.institution_name,
            from_der(row.public_key),
            own=False,
        )
        for row in session.scalars(select(TrustedKey))
    }
    for row in session.scalars(select(SigningKey)):
        known[row.key_id] = KnownKey(
            row.key_id,
            row.institution_code,
            row.institution_name,
            from_der(row.public_key),
            own=True,
            retired=row.retired_at is not None,
        )
    return known


def trusted_public_keys(session: Session) -> set[bytes]:
    """Every public key (DER) this database trusts: a PDF signed by one of them is genuine."""
    return {public_der(k.public_key) for k in known_keys(session).values()}
