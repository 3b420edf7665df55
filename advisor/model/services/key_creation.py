"""Making the institution's signing key inside the caller's transaction: Settings, a policy
import that brings the first institution, and `init --demo` all make it the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from advisor.model.attribution import current_actor
from advisor.model.change_log import record_change
from advisor.model.schema import Institution
from advisor.model.services.letter_register import endorse_legacy_letters
from advisor.model.services.printed_facts import letterhead_of
from advisor.model.services.signing_keys import create_key
from advisor.model.signing.institution_key import fingerprint
from advisor.model.signing.keychain import Keychain


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    fingerprint: str
    institution_code: str
    institution_name: str
    created_at: datetime
    retired_at: datetime | None
    in_key_file: bool  # the private key lives on removable media, not in the database
    unlocked: bool


@dataclass(frozen=True)
class KeyCreated:
    key: KeyInfo
    letters_sealed: int  # letters numbered before the key, now sealed by it
    letters_refused: tuple[str, ...]  # their register entries no longer matched their codes


def create_institution_key(
    session: Session,
    institution: Institution,
    passphrase: str,
    keychain: Keychain,
    *,
    key_file: Path | None = None,
    by: str | None = None,
) -> KeyCreated:
    """Make a key inside the caller's transaction (Settings, `policy import`, `init --demo`),
    unlock it for the session, and seal the letters numbered before any key existed. Made by
    the transaction's signed-in user, with its `key.create` event, whichever path makes it."""
    row, private = create_key(
        session, institution, passphrase, key_file=key_file, by=by or current_actor(session)
    )
    keychain.add(row.key_id, private)
    head, _ = letterhead_of(session)
    sealed, refused = endorse_legacy_letters(session, head, row, private)
    info = KeyInfo(
        row.key_id,
        fingerprint(private.public_key()),
        row.institution_code,
        row.institution_name,
        row.created_at,
        None,
        key_file is not None,
        True,
    )
    record_change(session, "key.create", row.key_id, summary=info.fingerprint)
    return KeyCreated(info, sealed, tuple(refused))
