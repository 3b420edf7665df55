"""The institution's signing key as the Controller handles it: make it, rotate it, unlock it for
this session, and export its public half for other offices to trust."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.errors import ConflictError, NotFoundError, ValidationError
from advisor.model.roles import Role
from advisor.model.schema import Institution, SigningKey
from advisor.model.services.key_creation import KeyCreated, KeyInfo, create_institution_key
from advisor.model.services.printed_facts import NO_INSTITUTION
from advisor.model.services.service_base import Service
from advisor.model.services.signing_keys import (
    active_key,
    open_private_key,
    require_active_key,
)
from advisor.model.services.trust_file import KeyEntry, write_trust_file
from advisor.model.signing.institution_key import fingerprint, from_der, key_id
from advisor.model.signing.keychain import Keychain
from advisor.model.store.protocol import Store


class SigningKeyService(Service):
    def __init__(self, db: Store, keychain: Keychain) -> None:
        super().__init__(db)
        self._keychain = keychain

    def _info(self, row: SigningKey) -> KeyInfo:
        return KeyInfo(
            row.key_id,
            fingerprint(from_der(row.public_key)),
            row.institution_code,
            row.institution_name,
            row.created_at,
            row.retired_at,
            row.encrypted_private_key is None,
            self._keychain.holds(row.key_id),
        )

    def current(self) -> KeyInfo | None:
        """The key letters are signed with now, or None before the Controller makes one."""
        with self._db.begin() as session:
            row = active_key(session)
            return self._info(row) if row is not None else None

    def all(self) -> list[KeyInfo]:
        with self._db.begin() as session:
            rows = session.scalars(select(SigningKey).order_by(SigningKey.created_at))
            return [self._info(row) for row in rows]

    def create(self, passphrase: str, *, key_file: Path | None = None) -> KeyCreated:
        """Make the institution's first key (refused when it has one: rotate instead). Letters
        numbered before it are sealed by it, and the old register secret is forgotten."""
        by = self._require_role(Role.CONTROLLER, "making the signing key").user_name
        with self._db.begin() as session:
            if active_key(session) is not None:
                raise ConflictError(
                    "This institution already has a signing key; to replace it, rotate it "
                    "(institution key rotate): the old key stays to verify its letters."
                )
            return self._create_in(session, passphrase, key_file=key_file, by=by)

    def rotate(self, passphrase: str, *, key_file: Path | None = None) -> KeyCreated:
        """A new key for letters from now on; the old one is retired and kept for verification."""
        by = self._require_role(Role.CONTROLLER, "rotating the signing key").user_name
        with self._db.begin() as session:
            require_active_key(session)
            return self._create_in(session, passphrase, key_file=key_file, by=by)

    def _create_in(
        self, session: Session, passphrase: str, *, key_file: Path | None, by: str
    ) -> KeyCreated:
        institution = session.scalars(
            select(Institution)
            .options(selectinload(Institution.signatories))
            .order_by(Institution.id)
        ).first()
        if institution is None:
            raise NotFoundError(NO_INSTITUTION)
        return create_institution_key(
            session, institution, passphrase, self._keychain, key_file=key_file, by=by
        )

    def unlock(self, passphrase: str, *, key_file: Path | None = None) -> KeyInfo:
        """Open the active key for this session (the passphrase is not kept)."""
        self._require_role(Role.OFFICE, "unlocking the signing key")
        with self._db.begin() as session:
            row = require_active_key(session)
            self._keychain.add(row.key_id, open_private_key(row, passphrase, key_file=key_file))
            return self._info(row)

    def lock(self) -> None:
        self._keychain.lock()

    def export_public(self, target: Path) -> list[KeyInfo]:
        """Write every key of this institution (the current and the retired ones) to a trust
        file that another office imports with `trust add`."""
        with self._db.begin() as session:
            rows = session.scalars(select(SigningKey).order_by(SigningKey.created_at)).all()
            if not rows:
                raise NotFoundError("This institution has no signing key to export yet.")
            for row in rows:
                # a key's id is its public key's hash: a row where they differ was edited, and
                # exporting it would have other offices trust whatever key was put there
                if key_id(from_der(row.public_key)) != row.key_id:
                    raise ValidationError(
                        f"The signing key {row.key_id} in this database no longer matches its "
                        "public key: the key table was edited. Nothing was written; check the "
                        "database (advisor log verify) before sending anyone a key."
                    )
            entries = [
                KeyEntry(
                    row.institution_code,
                    row.institution_name,
                    from_der(row.public_key),
                    retired=row.retired_at is not None,
                )
                for row in rows
            ]
            write_trust_file(target, entries)
            return [self._info(row) for row in rows]
