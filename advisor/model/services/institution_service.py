"""The institution on every letter: name, code, address, logo, reference prefix, signatories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.change_log import summarize
from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.institution_rules import MAX_SIGNATORIES as MAX_SIGNATORIES  # for Settings
from advisor.model.institution_rules import institution_problems
from advisor.model.policy_file import SignatorySpec
from advisor.model.roles import Role
from advisor.model.schema import Institution, Signatory
from advisor.model.services.service_base import Service

# ReportLab draws PNG and JPEG letterheads; anything else would fail at print time, far from here.
LOGO_FORMATS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
MAX_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class InstitutionInfo:
    code: str
    name: str
    address: str
    letter_prefix: str
    signatories: tuple[SignatorySpec, ...]
    logo: bytes | None

    @property
    def has_logo(self) -> bool:
        return bool(self.logo)


def institution_info(row: Institution) -> InstitutionInfo:
    return InstitutionInfo(
        code=row.code,
        name=row.name,
        address=row.address,
        letter_prefix=row.letter_prefix,
        signatories=tuple(SignatorySpec(s.name, s.title) for s in row.signatories),
        logo=row.logo,
    )


def logo_format(data: bytes) -> str | None:
    for magic, name in LOGO_FORMATS.items():
        if data.startswith(magic):
            return name
    return None


class InstitutionService(Service):
    @staticmethod
    def _current(session: Session) -> Institution | None:
        return session.scalars(
            select(Institution)
            .options(selectinload(Institution.signatories))
            .order_by(Institution.id)
        ).first()

    def _require(self, session: Session) -> Institution:
        row = self._current(session)
        if row is None:
            raise NotFoundError(
                "No institution is set up yet: fill in its details in Settings or import a policy."
            )
        return row

    def get(self) -> InstitutionInfo | None:
        with self._db.read() as session:
            row = self._current(session)
            return institution_info(row) if row is not None else None

    def update(
        self,
        *,
        code: str,
        name: str,
        address: str,
        letter_prefix: str,
        signatories: Sequence[SignatorySpec],
    ) -> InstitutionInfo:
        """Save the details (creating the institution on first use); the logo is kept."""
        self._require_role(Role.ADMINISTRATOR, "editing the institution's settings")
        problems = institution_problems(code, name, letter_prefix, signatories)
        if problems:
            raise ValidationError("The institution's details cannot be saved:", problems)
        with self._db.begin() as session:
            row = self._current(session)
            if row is None:
                row = Institution(code="", name="", letter_prefix="")
                session.add(row)
            before = (row.code, row.name, row.address, row.letter_prefix, len(row.signatories))
            row.code = code.strip()
            row.name = name.strip()
            row.address = address.strip()
            row.letter_prefix = letter_prefix.strip()
            row.signatories.clear()
            session.flush()  # the old signatories go before the new positions are written
            row.signatories.extend(
                Signatory(position=i, name=s.name.strip(), title=s.title.strip())
                for i, s in enumerate(signatories)
            )
            session.flush()
            after = (row.code, row.name, row.address, row.letter_prefix, len(row.signatories))
            labels = ("code", "name", "address", "letter prefix", "signatories")
            self._record(session, "settings.institution", row.code,
                         summary=summarize(zip(labels, before, after, strict=True)))  # fmt: skip
            return institution_info(row)

    def set_logo(self, data: bytes, *, file_name: str = "the file") -> InstitutionInfo:
        self._require_role(Role.ADMINISTRATOR, "changing the letterhead logo")
        if logo_format(data) is None:
            raise ValidationError(f"{file_name} is not a PNG or JPEG image; save the logo as PNG.")
        if len(data) > MAX_LOGO_BYTES:
            raise ValidationError(
                f"{file_name} is {len(data) // 1024} KB; a letterhead logo must be under "
                f"{MAX_LOGO_BYTES // (1024 * 1024)} MB (a 600-pixel-wide PNG is plenty)."
            )
        with self._db.begin() as session:
            row = self._require(session)
            row.logo = data
            self._record(
                session, "settings.logo", row.code, summary=f"logo set ({len(data) // 1024} KB)"
            )
            return institution_info(row)

    def clear_logo(self) -> InstitutionInfo:
        self._require_role(Role.ADMINISTRATOR, "changing the letterhead logo")
        with self._db.begin() as session:
            row = self._require(session)
            row.logo = None
            self._record(session, "settings.logo", row.code, summary="logo removed")
            return institution_info(row)
