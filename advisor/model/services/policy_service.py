"""Credit policies: import and export the `advisor-policy/1` file; read degrees and the institution."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.catalog_bundle import write_json_file
from advisor.model.errors import ConflictError, NotFoundError
from advisor.model.import_claim import claim_imports
from advisor.model.importing.import_log import file_sha256, record_import
from advisor.model.importing.json_input import load_json_file
from advisor.model.policy_file import (
    DegreeSpec,
    InstitutionSpec,
    PolicyFile,
    PolicySpec,
    SignatorySpec,
    SlotSpec,
    parse_policy_file,
    policy_to_json,
)
from advisor.model.roles import Role
from advisor.model.schema import (
    CreditPolicy,
    Degree,
    DegreeSignatory,
    ExclusiveGroup,
    ExclusiveGroupProgram,
    Institution,
    Program,
    RequirementSlot,
    Signatory,
    SlotProgram,
)
from advisor.model.services.key_creation import create_institution_key
from advisor.model.services.service_base import Service
from advisor.model.services.signing_keys import active_key
from advisor.model.signing.keychain import Keychain
from advisor.model.store.protocol import Store


@dataclass(frozen=True)
class PolicyImportResult:
    institution: str | None
    degrees_added: tuple[str, ...]
    degrees_updated: tuple[str, ...]
    policies_written: int

    def describe(self) -> str:
        parts = []
        if self.institution:
            parts.append(f"institution {self.institution}")
        if self.degrees_added:
            parts.append(f"degrees added: {', '.join(self.degrees_added)}")
        if self.degrees_updated:
            parts.append(f"degrees updated: {', '.join(self.degrees_updated)}")
        return f"Policy imported ({'; '.join(parts) or 'nothing'}); {self.policies_written} policies written."


class InstitutionMismatch(ConflictError):
    """A policy file of another institution than the one this database is set up for."""

    def __init__(
        self, file_name: str, existing: str, existing_name: str, incoming: str, incoming_name: str
    ) -> None:
        self.existing, self.existing_name = existing, existing_name
        self.incoming, self.incoming_name = incoming, incoming_name
        super().__init__(
            f"{file_name} is the credit policy of {incoming_name} ({incoming}), but this "
            f"database is set up for {existing_name} ({existing}); nothing was imported. Sanad "
            f"keeps one institution: to replace {existing} by {incoming} (its name, address, "
            "letter prefix and signatories from the file; letters already issued are kept), "
            "import the file again with --replace-institution.",
            nothing_changed=True,
        )


@dataclass(frozen=True)
class DegreeRow:
    code: str
    title: str
    total_credits: int
    policy_years: tuple[int, ...]


class PolicyService(Service):
    def __init__(self, db: Store, keychain: Keychain | None = None) -> None:
        super().__init__(db)
        self._keychain = keychain if keychain is not None else Keychain()

    def import_file(
        self,
        path: Path,
        *,
        key_passphrase: str | None = None,
        key_file: Path | None = None,
        replace_institution: bool = False,
    ) -> PolicyImportResult:
        """Replace the policies of each degree for the years the file gives, all or nothing.
        With a passphrase, an institution that has no signing key yet gets one in the same
        transaction (see `sets_up_unkeyed_institution`). A file of another institution than
        the one set up is refused (InstitutionMismatch) unless `replace_institution`: then the
        file's institution takes the place of the old one (its letters and keys stay)."""
        self._require_role(Role.CONTROLLER, "importing a credit policy")
        data = load_json_file(path, "policy file")
        sha = file_sha256(path)
        with self._db.begin() as session:
            claim_imports(session, path.name)
            result = self._apply(session, data, path.name, replace_institution)
            record_import(session, "policy", path, sha, result.describe())
            if result.institution and key_passphrase is not None and active_key(session) is None:
                institution = session.scalars(
                    select(Institution).where(Institution.code == result.institution)
                ).one()
                create_institution_key(
                    session, institution, key_passphrase, self._keychain, key_file=key_file
                )
            return result

    def sets_up_unkeyed_institution(self, path: Path) -> bool:
        """Whether importing the file sets up an institution that has no signing key yet — the
        moment the Controller chooses the key's passphrase."""
        data = load_json_file(path, "policy file")
        with self._db.begin() as session:
            if active_key(session) is not None:
                return False
            programs = {p for p in session.scalars(select(Program.slug))}
            return parse_policy_file(data, programs, path.name).institution is not None

    def save_edited(self, data: Any) -> PolicyImportResult:
        """The Policy screen's edits, in the file's JSON shape, checked exactly as an import."""
        self._require_role(Role.CONTROLLER, "editing the credit policy")
        with self._db.begin() as session:
            result = self._apply(session, data, "edited policy")
            self._record(session, "policy.edit", "credit policy", summary=result.describe())
            return result

    def remove_policy_year(self, degree_code: str, catalog_year: int) -> None:
        self._require_role(Role.CONTROLLER, "editing the credit policy")
        with self._db.begin() as session:
            degree = session.scalar(
                select(Degree)
                .where(Degree.code == degree_code)
                .options(selectinload(Degree.policies))
            )
            if degree is None:
                raise NotFoundError(f"There is no degree {degree_code}.")
            matching = [p for p in degree.policies if p.catalog_year == catalog_year]
            if not matching:
                raise NotFoundError(f"{degree_code} has no policy for intake year {catalog_year}.")
            degree.policies.remove(matching[0])
            self._record(
                session,
                "policy.remove",
                f"{degree_code} {catalog_year}",
                summary=f"policy for intake year {catalog_year} removed",
            )

    def _apply(
        self, session: Session, data: Any, name: str, replace_institution: bool = False
    ) -> PolicyImportResult:
        programs = {p.slug: p for p in session.scalars(select(Program))}
        policy = parse_policy_file(data, set(programs), name)
        if policy.institution is not None:
            self._write_institution(session, policy.institution, name, replace_institution)
        added, updated, written = [], [], 0
        for spec in policy.degrees:
            degree = session.scalar(select(Degree).where(Degree.code == spec.code))
            if degree is None:
                degree = Degree(code=spec.code, title=spec.title, total_credits=spec.total_credits)
                session.add(degree)
                added.append(spec.code)
            else:
                degree.title, degree.total_credits = spec.title, spec.total_credits
                updated.append(spec.code)
            _write_letter_people(session, degree, spec)
            written += self._write_policies(session, degree, spec, programs)
        return PolicyImportResult(
            policy.institution.code if policy.institution else None,
            tuple(added),
            tuple(updated),
            written,
        )

    def current(self) -> dict[str, Any]:
        """Every degree and policy in the file's JSON shape (what export writes)."""
        with self._db.read() as session:
            return policy_to_json(self._current(session))

    def export_file(self, path: Path) -> PolicyFile:
        with self._db.read() as session:
            policy = self._current(session)
        write_json_file(path, policy_to_json(policy), indent=2)
        return policy

    def degrees(self) -> list[DegreeRow]:
        with self._db.read() as session:
            return [
                DegreeRow(
                    d.code, d.title, d.total_credits, tuple(p.catalog_year for p in d.policies)
                )
                for d in session.scalars(
                    select(Degree).options(selectinload(Degree.policies)).order_by(Degree.code)
                )
            ]

    def institution(self) -> InstitutionSpec | None:
        with self._db.read() as session:
            return _institution_spec(session)

    # --- writing -------------------------------------------------------------------------

    def _write_institution(
        self, session: Session, spec: InstitutionSpec, file_name: str, replace: bool
    ) -> None:
        """Sanad keeps one institution: a file of another one replaces it only when asked, so a
        second institution never appears quietly (letters would go on naming the first)."""
        row = session.scalar(select(Institution).order_by(Institution.id))
        if row is not None and row.code != spec.code:
            if not replace:
                raise InstitutionMismatch(file_name, row.code, row.name, spec.code, spec.name)
            self._record(
                session,
                "policy.replace_institution",
                spec.code,
                summary=f"institution {row.code} replaced by {spec.code}",
            )
            row.code = spec.code
        if row is None:
            row = Institution(code=spec.code)
            session.add(row)
        row.name, row.address, row.letter_prefix = spec.name, spec.address, spec.letter_prefix
        row.signatories.clear()
        session.flush()
        for position, s in enumerate(spec.signatories):
            row.signatories.append(Signatory(position=position, name=s.name, title=s.title))

    def _write_policies(
        self, session: Session, degree: Degree, spec: DegreeSpec, programs: dict[str, Program]
    ) -> int:
        years = {p.catalog_year for p in spec.policies}
        for old in [p for p in degree.policies if p.catalog_year in years]:
            degree.policies.remove(old)
        session.flush()  # the old rows go before the new ones take their (degree, year)
        for p in spec.policies:
            degree.policies.append(_policy_row(p, programs))
        return len(spec.policies)

    # --- reading -------------------------------------------------------------------------

    def _current(self, session: Session) -> PolicyFile:
        degrees = []
        for d in session.scalars(
            select(Degree)
            .options(
                selectinload(Degree.policies).selectinload(CreditPolicy.slots),
                selectinload(Degree.signatories),
            )
            .order_by(Degree.id)
        ):
            degrees.append(
                DegreeSpec(
                    d.code,
                    d.title,
                    d.total_credits,
                    tuple(_policy_spec(p) for p in d.policies),
                    d.department,
                    tuple(SignatorySpec(s.name, s.title) for s in d.signatories),
                )
            )
        return PolicyFile(_institution_spec(session), tuple(degrees))


def _write_letter_people(session: Session, degree: Degree, spec: DegreeSpec) -> None:
    """The degree's department and signatories, when the file gives them (an older file
    without them leaves what is recorded)."""
    if spec.department is not None:
        degree.department = spec.department
    if spec.signatories is not None:
        degree.signatories.clear()
        session.flush()
        degree.signatories.extend(
            DegreeSignatory(position=i, name=s.name, title=s.title)
            for i, s in enumerate(spec.signatories)
        )


def _policy_row(spec: PolicySpec, programs: dict[str, Program]) -> CreditPolicy:
    row = CreditPolicy(
        catalog_year=spec.catalog_year, credit_cap=spec.credit_cap, min_grade=spec.min_grade
    )
    for position, s in enumerate(spec.requirements):
        slot = RequirementSlot(
            position=position,
            code=s.id,
            title=s.title,
            kind=s.kind,
            credits=s.credits,
            choose=s.choose,
            due_semester=s.due_semester,
        )
        slot.options = [
            SlotProgram(program=programs[slug], position=k) for k, slug in enumerate(s.programs)
        ]
        row.slots.append(slot)
    for position, group in enumerate(spec.exclusive):
        row.exclusive_groups.append(
            ExclusiveGroup(
                position=position,
                members=[ExclusiveGroupProgram(program=programs[slug]) for slug in group],
            )
        )
    return row


def _policy_spec(p: CreditPolicy) -> PolicySpec:
    return PolicySpec(
        catalog_year=p.catalog_year,
        credit_cap=p.credit_cap,
        min_grade=p.min_grade,
        # members have no position column: keep a stable, readable order
        exclusive=tuple(
            tuple(sorted(m.program.slug for m in g.members)) for g in p.exclusive_groups
        ),
        requirements=tuple(
            SlotSpec(
                s.code,
                s.title,
                s.kind,
                s.credits,
                s.choose,
                tuple(o.program.slug for o in s.options),
                s.due_semester,
            )
            for s in p.slots
        ),
    )


def _institution_spec(session: Session) -> InstitutionSpec | None:
    row = session.scalar(select(Institution).order_by(Institution.id))
    if row is None:
        return None
    return InstitutionSpec(
        row.code,
        row.name,
        row.address,
        row.letter_prefix,
        tuple(SignatorySpec(s.name, s.title) for s in row.signatories),
    )
