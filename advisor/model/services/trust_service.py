"""Trust between institutions: the public keys this database verifies letters with, and the
signed revocation lists that tell it which of their letters were withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.roles import Role
from advisor.model.schema import ImportedRevocation, Letter, LetterEvent, TrustedKey
from advisor.model.services.letter_register import WITHDRAWN
from advisor.model.services.service_base import Service
from advisor.model.services.signing_keys import known_keys, signing_key_for
from advisor.model.services.trust_file import (
    RevokedEntry,
    read_revocation_list,
    read_trust_file,
    write_revocation_list,
)
from advisor.model.signing.institution_key import fingerprint, key_id, public_der
from advisor.model.signing.keychain import Keychain
from advisor.model.store.protocol import Store


@dataclass(frozen=True)
class TrustedInstitution:
    key_id: str
    institution_code: str
    institution_name: str
    fingerprint: str
    own: bool  # this institution's own key (always trusted)


@dataclass(frozen=True)
class RevocationsImported:
    institution: str
    added: int
    already_known: int


class TrustService(Service):
    def __init__(self, db: Store, keychain: Keychain) -> None:
        super().__init__(db)
        self._keychain = keychain

    def add(self, path: Path) -> list[TrustedInstitution]:
        """Trust every key in the file (one institution's, or a bundle of many): all or none."""
        by = self._require_role(Role.CONTROLLER, "trusting another institution's key").user_name
        entries = read_trust_file(path)
        with self._db.begin() as session:
            known = known_keys(session)
            seen = set(known)  # a bundle may also repeat a key
            ours = {k.institution_code for k in known.values() if k.own}
            added = []
            for entry in entries:
                if entry.key_id in seen:
                    continue
                if entry.institution_code in ours:
                    # this database holds that institution's register and makes its keys: a
                    # stranger's key in its name would make its forged letters read VALID here
                    raise ValidationError(
                        f"{path.name} holds a key for {entry.institution_code}, this institution, "
                        f"that is not one of its own (fingerprint {entry.fingerprint}): this "
                        "institution's keys are made here (institution key rotate), never imported."
                    )
                seen.add(entry.key_id)
                session.add(
                    TrustedKey(
                        key_id=entry.key_id,
                        institution_code=entry.institution_code,
                        institution_name=entry.institution_name,
                        public_key=public_der(entry.public_key),
                        created_by=by,
                    )
                )
                added.append(
                    TrustedInstitution(
                        entry.key_id,
                        entry.institution_code,
                        entry.institution_name,
                        entry.fingerprint,
                        own=False,
                    )
                )
            return added

    def list(self) -> list[TrustedInstitution]:
        with self._db.begin() as session:
            return sorted(
                (
                    TrustedInstitution(
                        k.key_id, k.institution_code, k.institution_name, k.fingerprint, k.own
                    )
                    for k in known_keys(session).values()
                ),
                key=lambda t: (not t.own, t.institution_code, t.key_id),
            )

    def remove(self, institution_code: str) -> int:
        """Stop trusting an institution's keys (this institution's own keys cannot be removed)."""
        self._require_role(Role.CONTROLLER, "removing a trusted key")
        with self._db.begin() as session:
            rows = session.scalars(
                select(TrustedKey).where(TrustedKey.institution_code == institution_code.strip())
            ).all()
            if not rows:
                raise NotFoundError(
                    f"No trusted key belongs to the institution {institution_code}."
                )
            for row in rows:
                session.delete(row)
            return len(rows)

    def export_revocations(self, target: Path) -> int:
        """A list of every letter this institution revoked, signed with its key."""
        with self._db.begin() as session:
            key_row, private = signing_key_for(session, self._keychain)
            entries = [
                RevokedEntry(
                    reference, at.date(), note if kind == "revoked" else f"superseded {note}"
                )
                for reference, kind, at, note in session.execute(
                    select(Letter.reference, LetterEvent.kind, LetterEvent.at, LetterEvent.note)
                    .join(LetterEvent, LetterEvent.letter_id == Letter.id)
                    .where(LetterEvent.kind.in_(WITHDRAWN))
                    .order_by(Letter.year, Letter.prefix, Letter.serial)
                )
            ]
            write_revocation_list(
                target,
                institution_code=key_row.institution_code,
                institution_name=key_row.institution_name,
                key=private,
                entries=entries,
            )
            return len(entries)

    def import_revocations(self, path: Path) -> RevocationsImported:
        """Load a revocation list, refused unless a key this database trusts signed it."""
        self._require_role(Role.OFFICE, "importing a revocation list")
        listed = read_revocation_list(path)
        with self._db.begin() as session:
            signer = known_keys(session).get(key_id(listed.public_key))
            if signer is None:
                raise ValidationError(
                    f"{path.name} is signed by a key this database does not trust (fingerprint "
                    f"{fingerprint(listed.public_key)}): add {listed.institution_name}'s key "
                    "first (trust add FILE). Nothing was imported.",
                    nothing_changed=True,
                )
            if not listed.genuine:
                raise ValidationError(
                    f"{path.name} was altered after it was signed (its signature does not match "
                    "its content). Nothing was imported.",
                    nothing_changed=True,
                )
            if signer.institution_code != listed.institution_code:
                raise ValidationError(
                    f"{path.name} names {listed.institution_code} but is signed by the key of "
                    f"{signer.institution_code}. Nothing was imported.",
                    nothing_changed=True,
                )
            return _store_revocations(
                session,
                signer.institution_code,
                signer.institution_name,
                signer.key_id,
                listed.entries,
            )


def _store_revocations(
    session: Session, code: str, name: str, signed_by: str, entries: tuple[RevokedEntry, ...]
) -> RevocationsImported:
    have = set(
        session.scalars(
            select(ImportedRevocation.reference).where(ImportedRevocation.institution_code == code)
        )
    )
    added = 0
    for entry in entries:
        if entry.reference in have:
            continue
        have.add(entry.reference)
        session.add(
            ImportedRevocation(
                institution_code=code,
                reference=entry.reference,
                revoked_on=entry.revoked_on,
                reason=entry.reason,
                signed_by=signed_by,
            )
        )
        added += 1
    return RevocationsImported(name, added, len(entries) - added)


__all__ = ["TrustService", "TrustedInstitution", "RevocationsImported"]
