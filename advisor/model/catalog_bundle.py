"""The catalog bundle file (JSON, format `advisor-catalog/1`): read and validate, or write.

Pure: no database. Errors name the line and column of the file, or the entry that is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from advisor.model.errors import ValidationError

FORMAT = "advisor-catalog/1"
PROGRAM_TYPES = ("Professional Certificate", "Specialization")


@dataclass(frozen=True)
class BundleCourse:
    slug: str
    title: str
    provider: str
    hours: float
    hours_estimated: bool = False
    estimate_reason: str = ""
    level: str | None = None
    slug_derived: bool = False
    retired: bool = False
    notes: str = ""
    source: str = ""
    coursera_id: str = ""  # Coursera's internal course id, when known


@dataclass(frozen=True)
class BundleElectiveGroup:
    title: str
    choose: int
    courses: tuple[str, ...]


@dataclass(frozen=True)
class BundleProgram:
    slug: str
    title: str
    type: str
    provider: str
    courses: tuple[str, ...]
    level: str | None = None
    hours_per_week: float | None = None
    duration_months: float | None = None
    duration_estimated: bool = False
    ace_credits: int | None = None
    ace_note: str = ""
    source: str = ""
    as_of: str = ""
    elective_groups: tuple[BundleElectiveGroup, ...] = ()


@dataclass(frozen=True)
class CatalogBundle:
    version: str
    date: date | None
    source: str
    courses: tuple[BundleCourse, ...]
    programs: tuple[BundleProgram, ...]


def write_json_file(path: Path, data: Any, *, indent: int) -> None:
    """Write UTF-8 JSON (names like Zoë as themselves); a write error is a ValidationError."""
    try:
        path.write_text(
            json.dumps(data, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise ValidationError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


MAX_HOURS = 10_000  # the longest Coursera program is a few hundred hours
MAX_NOTE = 4000  # notes, sources and reasons: a paragraph, not a document


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(
        self, entry: dict, key: str, where: str, *, required: bool = True, limit: int = 300
    ) -> str:
        value = entry.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problems.append(f"{where}: '{key}' must be {'non-empty ' * required}text.")
            return ""
        if len(value.strip()) > limit:
            self.problems.append(f"{where}: '{key}' is longer than {limit} characters.")
            return ""
        return value.strip()

    def flag(self, entry: dict, key: str, where: str) -> bool:
        """true, false or left out: the text "false" is not taken for true."""
        value = entry.get(key, False)
        if not isinstance(value, bool) and value is not None:
            self.problems.append(f"{where}: '{key}' must be true or false (found {value!r:.40}).")
            return False
        return bool(value)

    def note(self, entry: dict, key: str, where: str) -> str:
        """Free text that may be left out; not a list or a number written out as text."""
        return self.text(entry, key, where, required=False, limit=MAX_NOTE)

    def slug(self, entry: dict, where: str) -> str:
        """As Coursera writes it: progress files are matched by their slug in lower case, so
        'Python-Basics' would never match and would sit beside 'python-basics'."""
        slug = self.text(entry, "slug", where)
        hidden = next((c for c in slug if c.isspace() or not c.isprintable()), None)
        if hidden is not None:
            self.problems.append(
                f"{where}: the slug '{slug}' holds a space or an invisible character "
                f"(U+{ord(hidden):04X})."
            )
        elif slug != slug.casefold():
            self.problems.append(
                f"{where}: the slug '{slug}' must be in lower case, as Coursera writes it "
                f"('{slug.casefold()}')."
            )
        return slug

    def number(self, entry: dict, key: str, where: str, *, required: bool) -> float | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= MAX_HOURS  # False for NaN too
        ):
            self.problems.append(f"{where}: '{key}' must be a number from 0 to {MAX_HOURS:,}.")
            return None
        return float(value)


def parse_bundle(data: Any, name: str = "catalog bundle") -> CatalogBundle:
    if not isinstance(data, dict):
        raise ValidationError(f"{name}: the file must hold one JSON object.")
    if data.get("format") != FORMAT:
        raise ValidationError(
            f"{name}: 'format' must be \"{FORMAT}\" (found {data.get('format')!r})."
        )
    check = _Checker()
    version = check.text(data, "version", name)
    bundle_date = None
    if data.get("date"):
        try:
            bundle_date = date.fromisoformat(str(data["date"]))
        except ValueError:
            check.problems.append(f"{name}: 'date' must be YYYY-MM-DD.")
    courses: list[BundleCourse] = []
    seen: set[str] = set()
    ids: dict[str, str] = {}  # coursera_id -> the slug that has it
    raw_courses = data.get("courses")
    if not isinstance(raw_courses, list):
        raise ValidationError(f"{name}: 'courses' must be a list.")
    for i, c in enumerate(raw_courses, 1):
        where = f"courses[{i}]"
        if not isinstance(c, dict):
            check.problems.append(f"{where}: must be an object.")
            continue
        slug = check.slug(c, where)
        if slug in seen:
            check.problems.append(f"{where}: the slug '{slug}' appears twice.")
        seen.add(slug)
        coursera_id = check.text(c, "coursera_id", where, required=False)
        if coursera_id in ids:
            check.problems.append(
                f"{where}: the coursera_id '{coursera_id}' is also course '{ids[coursera_id]}'."
            )
        if coursera_id:
            ids[coursera_id] = slug
        courses.append(
            BundleCourse(
                slug=slug,
                title=check.text(c, "title", where),
                provider=check.text(c, "provider", where),
                hours=check.number(c, "hours", where, required=True) or 0.0,
                hours_estimated=check.flag(c, "hours_estimated", where),
                estimate_reason=check.note(c, "estimate_reason", where),
                level=check.text(c, "level", where, required=False, limit=40) or None,
                slug_derived=check.flag(c, "slug_derived", where),
                retired=check.flag(c, "retired", where),
                notes=check.note(c, "notes", where),
                source=check.note(c, "source", where),
                coursera_id=coursera_id,
            )
        )
    programs: list[BundleProgram] = []
    raw_programs = data.get("programs")
    if not isinstance(raw_programs, list):
        raise ValidationError(f"{name}: 'programs' must be a list.")
    program_slugs: set[str] = set()
    for i, p in enumerate(raw_programs, 1):
        where = f"programs[{i}]"
        if not isinstance(p, dict):
            check.problems.append(f"{where}: must be an object.")
            continue
        slug = check.slug(p, where)
        where = f"program '{slug}'" if slug else where
        if slug in program_slugs:
            check.problems.append(f"{where}: appears twice.")
        program_slugs.add(slug)
        kind = check.text(p, "type", where)
        if kind and kind not in PROGRAM_TYPES:
            check.problems.append(f"{where}: 'type' must be one of {', '.join(PROGRAM_TYPES)}.")
        members = p.get("courses")
        if (
            not isinstance(members, list)
            or not members
            or not all(isinstance(m, str) for m in members)
        ):
            check.problems.append(f"{where}: 'courses' must be a non-empty list of course slugs.")
            members = []
        for m in members:
            if m not in seen:
                check.problems.append(f"{where}: course '{m}' is not in the bundle's course list.")
        if len(set(members)) != len(members):
            check.problems.append(f"{where}: lists a course twice.")
        groups = []
        raw_groups = p.get("elective_groups")
        if raw_groups is not None and not isinstance(raw_groups, list):
            check.problems.append(f"{where}: 'elective_groups' must be a list [ … ] or left out.")
            raw_groups = []
        for j, g in enumerate(raw_groups or [], 1):
            gwhere = f"{where}, elective group {j}"
            g = g if isinstance(g, dict) else {}
            gcourses = g.get("courses") or []
            if not isinstance(gcourses, list) or not all(isinstance(c, str) for c in gcourses):
                gcourses = []
            gcourses = tuple(gcourses)
            choose = g.get("choose")
            if not gcourses or not set(gcourses) <= set(members):
                check.problems.append(f"{gwhere}: its courses must be courses of the program.")
            if (
                isinstance(choose, bool)
                or not isinstance(choose, int)
                or not 1 <= choose <= len(gcourses)
            ):
                check.problems.append(f"{gwhere}: 'choose' must be between 1 and {len(gcourses)}.")
                choose = 1
            title = check.text(g, "title", gwhere, required=False, limit=200)
            groups.append(BundleElectiveGroup(title, choose, gcourses))
        ace = p.get("ace_credits")
        if ace is not None and (
            isinstance(ace, bool) or not isinstance(ace, int) or not 0 <= ace <= 60
        ):
            check.problems.append(
                f"{where}: 'ace_credits' must be a whole number from 0 to 60, or null."
            )
            ace = None
        programs.append(
            BundleProgram(
                slug=slug,
                title=check.text(p, "title", where),
                type=kind,
                provider=check.text(p, "provider", where),
                courses=tuple(members),
                level=check.text(p, "level", where, required=False, limit=40) or None,
                hours_per_week=check.number(p, "hours_per_week", where, required=False),
                duration_months=check.number(p, "duration_months", where, required=False),
                duration_estimated=check.flag(p, "duration_estimated", where),
                ace_credits=ace,
                ace_note=check.note(p, "ace_note", where),
                source=check.note(p, "source", where),
                as_of=check.note(p, "as_of", where),
                elective_groups=tuple(groups),
            )
        )
    if check.problems:
        raise ValidationError(
            f"The {name} was not imported; nothing changed:", check.problems, nothing_changed=True
        )
    return CatalogBundle(
        version, bundle_date, str(data.get("source") or ""), tuple(courses), tuple(programs)
    )


def bundle_to_json(bundle: CatalogBundle) -> dict[str, Any]:
    def course(c: BundleCourse) -> dict[str, Any]:
        return {
            "slug": c.slug,
            "slug_derived": c.slug_derived,
            "title": c.title,
            "provider": c.provider,
            "hours": c.hours,
            "hours_estimated": c.hours_estimated,
            "estimate_reason": c.estimate_reason,
            "level": c.level,
            "retired": c.retired,
            "notes": c.notes,
            "source": c.source,
            "coursera_id": c.coursera_id or None,
        }

    def program(p: BundleProgram) -> dict[str, Any]:
        return {
            "slug": p.slug,
            "title": p.title,
            "type": p.type,
            "provider": p.provider,
            "level": p.level,
            "hours_per_week": p.hours_per_week,
            "duration_months": p.duration_months,
            "duration_estimated": p.duration_estimated,
            "ace_credits": p.ace_credits,
            "ace_note": p.ace_note,
            "source": p.source,
            "as_of": p.as_of,
            "courses": list(p.courses),
            "elective_groups": [
                {"title": g.title, "choose": g.choose, "courses": list(g.courses)}
                for g in p.elective_groups
            ],
        }

    return {
        "format": FORMAT,
        "version": bundle.version,
        "date": bundle.date.isoformat() if bundle.date else None,
        "source": bundle.source,
        "providers": sorted(
            {c.provider for c in bundle.courses} | {p.provider for p in bundle.programs}
        ),
        "courses": [course(c) for c in bundle.courses],
        "programs": [program(p) for p in bundle.programs],
    }
