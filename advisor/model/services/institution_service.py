"""The institution on every letter: name, code, address, logo, reference prefix, signatories;
each degree's own signatories and department; the letter's editable wording."""

from __future__ import annotations

import json
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
from advisor.model.schema import Degree, DegreeSignatory, Institution, Setting, Signatory
from advisor.model.services.service_base import Service
from advisor.reports.documents import LetterWording
from advisor.reports.letter_wording import DEFAULT_WORDING, PLACEHOLDERS, unknown_placeholders

WORDING_SETTING = "letter_wording"

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


@dataclass(frozen=True)
class DegreeLetterPeople:
    """Who signs a degree's letters and the department they name; no signatories = the
    institution's."""

    code: str
    title: str
    department: str
    signatories: tuple[SignatorySpec, ...]


def saved_wording(session: Session) -> LetterWording:
    """The institution's letter wording, or today's default when none was saved."""
    row = session.get(Setting, WORDING_SETTING)
    if row is None:
        return DEFAULT_WORDING
    data = json.loads(row.value)
    return LetterWording(data["body"], tuple(data["conditions"]))


def wording_problems(body: str, conditions: Sequence[str]) -> list[str]:
    problems = []
    if not body.strip():
        problems.append("The letter's opening paragraph is empty.")
    if not [c for c in conditions if c.strip()]:
        problems.append("A letter needs at least one condition.")
    for where, text in [("the opening paragraph", body)] + [
        (f"condition {i}", c) for i, c in enumerate(conditions, start=1)
    ]:
        for name in unknown_placeholders(text):
            problems.append(
                f"{where.capitalize()} uses {{{name}}}, which is not a placeholder; use one of "
                + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
                + "."
            )
    return problems


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
            self._record(
                session,
                "settings.institution",
                row.code,
                summary=summarize(zip(labels, before, after, strict=True)),
            )
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

    # --- each degree's signatories and department -------------------------------------------

    def degree_letter_people(self) -> list[DegreeLetterPeople]:
        with self._db.read() as session:
            return [
                _people(d)
                for d in session.scalars(
                    select(Degree).options(selectinload(Degree.signatories)).order_by(Degree.code)
                )
            ]

    def save_degree_letter_people(
        self, code: str, *, department: str, signatories: Sequence[SignatorySpec]
    ) -> DegreeLetterPeople:
        """Set who signs the degree's letters (none: the institution's) and its department."""
        self._require_role(Role.ADMINISTRATOR, "choosing who signs a degree's letters")
        problems = []
        if len(signatories) > MAX_SIGNATORIES:
            problems.append(f"A letter has room for at most {MAX_SIGNATORIES} signatories.")
        for number, signatory in enumerate(signatories, start=1):
            if not signatory.name.strip() or not signatory.title.strip():
                problems.append(f"Signatory {number} needs both a name and a title.")
        if problems:
            raise ValidationError(f"The signatories of {code} cannot be saved:", problems)
        with self._db.begin() as session:
            degree = session.scalars(
                select(Degree)
                .options(selectinload(Degree.signatories))
                .where(Degree.code == code.strip().upper())
            ).first()
            if degree is None:
                raise NotFoundError(f"There is no degree {code.strip().upper()}.")
            degree.department = department.strip()
            degree.signatories.clear()
            session.flush()
            degree.signatories.extend(
                DegreeSignatory(position=i, name=s.name.strip(), title=s.title.strip())
                for i, s in enumerate(signatories)
            )
            session.flush()
            names = ", ".join(s.name for s in degree.signatories) or "the institution's"
            self._record(
                session,
                "settings.degree_signatories",
                degree.code,
                summary=f"department {degree.department!r}; signatories: {names}",
            )
            return _people(degree)

    # --- the letter's wording ----------------------------------------------------------------

    def letter_wording(self) -> LetterWording:
        with self._db.read() as session:
            return saved_wording(session)

    def save_letter_wording(self, body: str, conditions: Sequence[str]) -> LetterWording:
        """The institution's own opening paragraph and conditions, with placeholders for the
        letter's facts; refused with every problem when a placeholder is unknown."""
        self._require_role(Role.ADMINISTRATOR, "editing the letter's wording")
        kept = tuple(c.strip() for c in conditions if c.strip())
        problems = wording_problems(body, kept)
        if problems:
            raise ValidationError("The letter's wording cannot be saved:", problems)
        wording = LetterWording(body.strip(), kept)
        value = json.dumps({"body": wording.body, "conditions": list(wording.conditions)})
        with self._db.begin() as session:
            row = session.get(Setting, WORDING_SETTING)
            if row is None:
                session.add(Setting(key=WORDING_SETTING, value=value))
            else:
                row.value = value
            self._record(
                session,
                "settings.letter_wording",
                WORDING_SETTING,
                summary=f"{len(kept)} conditions",
            )
        return wording

    def reset_letter_wording(self) -> LetterWording:
        """Back to the default wording."""
        self._require_role(Role.ADMINISTRATOR, "editing the letter's wording")
        with self._db.begin() as session:
            row = session.get(Setting, WORDING_SETTING)
            if row is not None:
                session.delete(row)
                self._record(
                    session,
                    "settings.letter_wording",
                    WORDING_SETTING,
                    summary="reset to the default",
                )
        return DEFAULT_WORDING


def _people(degree: Degree) -> DegreeLetterPeople:
    return DegreeLetterPeople(
        degree.code,
        degree.title,
        degree.department,
        tuple(SignatorySpec(s.name, s.title) for s in degree.signatories),
    )
