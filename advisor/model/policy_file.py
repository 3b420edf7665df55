"""The credit policy file (JSON, format `advisor-policy/1`): read and validate, or write.

Pure: no database. The caller passes the program slugs the catalog knows. Errors name the
file's line and column (broken JSON) or the entry's path, e.g. degrees[0].policies[1].requirements[2].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.model.errors import PathPart, Problem, ValidationError, dotted_path
from advisor.model.institution_rules import institution_problems

FORMAT = "advisor-policy/1"
SLOT_KINDS = ("mandatory", "elective")
MAX_SIGNATORIES = 3  # a letter's closing block has room for three


@dataclass(frozen=True)
class SignatorySpec:
    name: str
    title: str


@dataclass(frozen=True)
class InstitutionSpec:
    code: str
    name: str
    address: str
    letter_prefix: str
    signatories: tuple[SignatorySpec, ...]


@dataclass(frozen=True)
class SlotSpec:
    id: str
    title: str
    kind: str
    credits: int
    choose: int
    programs: tuple[str, ...]
    due_semester: int | None = None


@dataclass(frozen=True)
class PolicySpec:
    catalog_year: int
    credit_cap: int
    min_grade: float | None
    exclusive: tuple[tuple[str, ...], ...]
    requirements: tuple[SlotSpec, ...]


@dataclass(frozen=True)
class DegreeSpec:
    code: str
    title: str
    total_credits: int
    policies: tuple[PolicySpec, ...]
    # Optional in the file (advisor-policy/1 files without them stay valid, and importing one
    # leaves what is recorded): who signs the degree's letters, the department they name.
    department: str | None = None
    signatories: tuple[SignatorySpec, ...] | None = None


@dataclass(frozen=True)
class PolicyFile:
    institution: InstitutionSpec | None
    degrees: tuple[DegreeSpec, ...]


Where = tuple[PathPart, ...]  # a place in the file: ("degrees", 0, "policies", 1)


class _Checker:
    """Collects every problem with its path so the clerk sees them all at once."""

    def __init__(self, known_programs: set[str]) -> None:
        self.known_programs = known_programs
        self.problems: list[Problem] = []

    def fail(self, where: Where, message: str) -> None:
        self.problems.append(Problem(message, path=where))

    def obj(self, value: Any, where: Where) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "must be an object { … }.")
            return {}
        return value

    def items(self, entry: dict[str, Any], key: str, where: Where, *, required: bool) -> list[Any]:
        value = entry.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.fail(where, f"'{key}' must be a list [ … ].")
            return []
        return value

    def text(
        self,
        entry: dict[str, Any],
        key: str,
        where: Where,
        *,
        required: bool = True,
        limit: int = 300,
    ) -> str:
        value = entry.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, f"'{key}' must be non-empty text.")
            return ""
        if len(value.strip()) > limit:
            self.fail(where, f"'{key}' is longer than {limit} characters.")
            return ""
        return value.strip()

    def code(self, entry: dict[str, Any], key: str, where: Where, *, limit: int) -> str:
        """A code others are matched by (a degree's, a slot's): one holding a zero-width space
        or a direction mark looks like another code and is not it."""
        value = self.text(entry, key, where, limit=limit)
        if not value.isprintable():
            hidden = next(c for c in value if not c.isprintable())
            self.fail(where, f"'{key}' holds an invisible character (U+{ord(hidden):04X}).")
            return ""
        return value

    def whole(
        self,
        entry: dict[str, Any],
        key: str,
        where: Where,
        *,
        low: int,
        high: int,
        required: bool = True,
    ) -> int | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            found = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
            self.fail(
                where, f"'{key}' must be a whole number from {low} to {high} (found {found})."
            )
            return None
        return value

    def programs(self, value: Any, where: Where) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            self.fail(where, "must be a list of program slugs.")
            return ()
        slugs = tuple(s.strip() for s in value)
        for slug in slugs:
            if slug not in self.known_programs:
                self.fail(where, f"'{slug}' is not a program in the catalog.")
        repeated = sorted({s for s in slugs if slugs.count(s) > 1})
        if repeated:
            self.fail(where, f"lists {', '.join(repeated)} more than once.")
        return slugs


def parse_policy_file(data: Any, known_programs: set[str], name: str = "policy file") -> PolicyFile:
    """Validate the whole file; raise one ValidationError listing every problem."""
    if not isinstance(data, dict):
        raise ValidationError(f"{name}: the file must hold one JSON object.")
    if data.get("format") != FORMAT:
        raise ValidationError(
            f"{name}: 'format' must be \"{FORMAT}\" (found {data.get('format')!r})."
        )
    check = _Checker(known_programs)
    institution = None
    if data.get("institution") is not None:
        institution = _institution(check, check.obj(data["institution"], ("institution",)))
    degrees: list[DegreeSpec] = []
    codes: dict[str, Where] = {}
    for i, raw in enumerate(check.items(data, "degrees", (), required=True)):
        where: Where = ("degrees", i)
        degree = _degree(check, check.obj(raw, where), where)
        if degree.code.upper() in codes:
            check.fail(
                where,
                f"the degree code '{degree.code}' also appears at "
                f"{dotted_path(codes[degree.code.upper()])}.",
            )
        codes.setdefault(degree.code.upper(), where)
        degrees.append(degree)
    if check.problems:
        raise ValidationError(
            f"The {name} was not imported; nothing changed:", check.problems, nothing_changed=True
        )
    return PolicyFile(institution, tuple(degrees))


def _signatories(check: _Checker, entry: dict[str, Any], where: Where) -> list[SignatorySpec]:
    signatories = []
    for i, raw in enumerate(check.items(entry, "signatories", where, required=False)):
        at = (*where, "signatories", i)
        s = check.obj(raw, at)
        signatories.append(
            SignatorySpec(check.text(s, "name", at, limit=200), check.text(s, "title", at))
        )
    if len(signatories) > MAX_SIGNATORIES:
        check.fail((*where, "signatories"), f"a letter has room for at most {MAX_SIGNATORIES}.")
    return signatories


def _institution(check: _Checker, entry: dict[str, Any]) -> InstitutionSpec:
    spec = InstitutionSpec(
        code=check.text(entry, "code", ("institution",), limit=40),
        name=check.text(entry, "name", ("institution",)),
        address=check.text(entry, "address", ("institution",), required=False, limit=1000),
        letter_prefix=check.text(entry, "letter_prefix", ("institution",), limit=40),
        signatories=tuple(_signatories(check, entry, ("institution",))),
    )
    if not check.problems:  # the same rules as Settings (the letter prefix names files too)
        for problem in institution_problems(
            spec.code, spec.name, spec.letter_prefix, spec.signatories
        ):
            check.fail(("institution",), problem)
    return spec


def _degree(check: _Checker, entry: dict[str, Any], where: Where) -> DegreeSpec:
    policies: list[PolicySpec] = []
    years: dict[int, Where] = {}
    for j, raw in enumerate(check.items(entry, "policies", where, required=True)):
        pwhere = (*where, "policies", j)
        policy = _policy(check, check.obj(raw, pwhere), pwhere)
        if policy.catalog_year in years:
            check.fail(
                pwhere,
                f"catalog_year {policy.catalog_year} is already used by "
                f"{dotted_path(years[policy.catalog_year])}; "
                "each intake year may have one policy.",
            )
        years.setdefault(policy.catalog_year, pwhere)
        policies.append(policy)
    return DegreeSpec(
        code=check.code(entry, "code", where, limit=40).upper(),
        title=check.text(entry, "title", where),
        total_credits=check.whole(entry, "total_credits", where, low=1, high=400) or 0,
        policies=tuple(policies),
        department=check.text(entry, "department", where, required=False)
        if "department" in entry
        else None,
        signatories=tuple(_signatories(check, entry, where)) if "signatories" in entry else None,
    )


def _policy(check: _Checker, entry: dict[str, Any], where: Where) -> PolicySpec:
    min_grade = entry.get("min_grade")
    if min_grade is not None and (
        isinstance(min_grade, bool)
        or not isinstance(min_grade, int | float)
        or not 0 <= min_grade <= 100
    ):
        check.fail(
            where, f"'min_grade' must be a number from 0 to 100, or left out (found {min_grade!r})."
        )
        min_grade = None
    exclusive = tuple(
        check.programs(group, (*where, "exclusive", k))
        for k, group in enumerate(check.items(entry, "exclusive", where, required=False))
    )
    for k, group in enumerate(exclusive):
        if len(group) < 2:
            check.fail((*where, "exclusive", k), "an exclusive group needs at least two programs.")
    slots: list[SlotSpec] = []
    ids: dict[str, Where] = {}
    for k, raw in enumerate(check.items(entry, "requirements", where, required=True)):
        swhere = (*where, "requirements", k)
        slot = _slot(check, check.obj(raw, swhere), swhere)
        # Exceptions name a slot in any case ('cert-core'): ids equal but for case are one id.
        if slot.id.upper() in ids:
            check.fail(
                swhere,
                f"the slot id '{slot.id}' is already used by {dotted_path(ids[slot.id.upper()])}.",
            )
        ids.setdefault(slot.id.upper(), swhere)
        slots.append(slot)
    return PolicySpec(
        catalog_year=check.whole(entry, "catalog_year", where, low=1950, high=2100) or 0,
        credit_cap=check.whole(entry, "credit_cap", where, low=1, high=400) or 0,
        min_grade=float(min_grade) if min_grade is not None else None,
        exclusive=exclusive,
        requirements=tuple(slots),
    )


def _slot(check: _Checker, entry: dict[str, Any], where: Where) -> SlotSpec:
    kind = check.text(entry, "kind", where, limit=20)
    if kind and kind not in SLOT_KINDS:
        check.fail(where, f"'kind' must be mandatory or elective (found '{kind}').")
    programs = check.programs(entry.get("from"), (*where, "from"))
    if not programs:
        check.fail(where, "'from' must list at least one program.")
    choose = check.whole(entry, "choose", where, low=1, high=100, required=False) or 1
    if programs and choose > len(programs):
        check.fail(where, f"'choose' is {choose} but 'from' lists only {len(programs)} program(s).")
    return SlotSpec(
        id=check.code(entry, "id", where, limit=60),
        title=check.text(entry, "title", where),
        kind=kind,
        credits=check.whole(entry, "credits", where, low=1, high=60) or 0,
        choose=choose,
        programs=programs,
        due_semester=check.whole(entry, "due_semester", where, low=1, high=12, required=False),
    )


def policy_to_json(policy: PolicyFile) -> dict[str, Any]:
    """The file form, in the same shape and order as the sample policy."""
    out: dict[str, Any] = {"format": FORMAT}
    if policy.institution is not None:
        i = policy.institution
        out["institution"] = {
            "code": i.code,
            "name": i.name,
            "address": i.address,
            "letter_prefix": i.letter_prefix,
            "signatories": [{"name": s.name, "title": s.title} for s in i.signatories],
        }

    def slot(s: SlotSpec) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": s.id,
            "title": s.title,
            "kind": s.kind,
            "credits": s.credits,
            "choose": s.choose,
        }
        if s.due_semester is not None:
            entry["due_semester"] = s.due_semester
        entry["from"] = list(s.programs)
        return entry

    def policy_entry(p: PolicySpec) -> dict[str, Any]:
        entry: dict[str, Any] = {"catalog_year": p.catalog_year, "credit_cap": p.credit_cap}
        if p.min_grade is not None:
            entry["min_grade"] = int(p.min_grade) if p.min_grade.is_integer() else p.min_grade
        entry["exclusive"] = [list(g) for g in p.exclusive]
        entry["requirements"] = [slot(s) for s in p.requirements]
        return entry

    def degree(d: DegreeSpec) -> dict[str, Any]:
        entry: dict[str, Any] = {"code": d.code, "title": d.title, "total_credits": d.total_credits}
        if d.department:
            entry["department"] = d.department
        if d.signatories:
            entry["signatories"] = [{"name": s.name, "title": s.title} for s in d.signatories]
        entry["policies"] = [policy_entry(p) for p in d.policies]
        return entry

    out["degrees"] = [degree(d) for d in policy.degrees]
    return out
