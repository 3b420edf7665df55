"""The catalog: load a bundle, export it, list and search programs and courses."""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, text, true
from sqlalchemy.orm import Session, selectinload

from advisor.model import paths
from advisor.model.catalog_bundle import (
    BundleElectiveGroup,
    bundle_to_json,
    parse_bundle,
    write_json_file,
)
from advisor.model.catalog_search import PrefixIndex
from advisor.model.catalog_store import CatalogImportResult, read_bundle, write_bundle
from advisor.model.errors import NotFoundError
from advisor.model.importing.json_input import load_json_file
from advisor.model.roles import Role
from advisor.model.schema import (
    CatalogInfo,
    Course,
    CreditPolicy,
    Degree,
    Program,
    ProgramCourse,
    Provider,
    RequirementSlot,
    SlotProgram,
)
from advisor.model.services.service_base import Service
from advisor.model.store.protocol import Store

BUNDLED_CATALOG = paths.resource("catalog", "coursera-catalog.json")


@dataclass(frozen=True)
class CourseRecord:
    slug: str
    title: str
    provider: str
    hours: float
    hours_estimated: bool
    level: str | None
    slug_derived: bool
    retired: bool


@dataclass(frozen=True)
class ProgramRecord:
    slug: str
    title: str
    type: str
    provider: str
    level: str | None
    courses: tuple[str, ...]
    total_hours: float
    hours_estimated: bool
    hours_per_week: float | None
    ace_credits: int | None


@dataclass(frozen=True)
class ProgramDetail:
    program: ProgramRecord
    courses: tuple[CourseRecord, ...]
    ace_note: str
    source: str
    duration_months: float | None
    elective_groups: tuple[BundleElectiveGroup, ...]


@dataclass(frozen=True)
class SlotAcceptance:
    """A degree requirement slot that accepts a program (by policy year)."""

    degree: str
    degree_title: str
    catalog_year: int
    slot: str
    slot_title: str
    kind: str
    credits: int
    choose: int


@dataclass(frozen=True)
class ProgramHit:
    """A program as a search result lists it: its figures, not its courses."""

    slug: str
    title: str
    type: str
    provider: str
    level: str | None
    course_count: int
    total_hours: float
    hours_estimated: bool


@dataclass(frozen=True)
class CatalogSearch:
    """The first `limit` matches of each kind, and how many matched in all."""

    programs: tuple[ProgramHit, ...]
    courses: tuple[CourseRecord, ...]
    program_total: int
    course_total: int


@dataclass(frozen=True)
class CatalogListing:
    programs: tuple[ProgramRecord, ...]
    courses: tuple[CourseRecord, ...]


@dataclass(frozen=True)
class CatalogSummary:
    version: str | None
    date: str | None
    source: str
    programs: int
    courses: int


def _course_record(c: Course) -> CourseRecord:
    return CourseRecord(
        c.slug,
        c.title,
        c.provider.name,
        c.hours,
        c.hours_estimated,
        c.level,
        c.slug_derived,
        c.retired,
    )


def _program_record(p: Program) -> ProgramRecord:
    courses = [m.course for m in p.memberships]
    return ProgramRecord(
        slug=p.slug,
        title=p.title,
        type=p.type,
        provider=p.provider.name,
        level=p.level,
        courses=tuple(c.slug for c in courses),
        total_hours=sum(c.hours for c in courses),
        hours_estimated=any(c.hours_estimated for c in courses),
        hours_per_week=p.hours_per_week,
        ace_credits=p.ace_credits,
    )


def fts_query(search: str) -> str | None:
    """'pyth data' -> '"pyth"* AND "data"*' : every word, as a prefix, in any column."""
    words = re.findall(r"\w+", search, flags=re.UNICODE)
    return " AND ".join(f'"{w}"*' for w in words) or None


def _server_matches(session: Session, search: str) -> list[tuple[str, str]]:
    """PostgreSQL's search, as FTS5's on SQLite: every word, as the start of a word of the
    title or the provider (a case-blind regular expression: `\\m` is a word's start). The
    catalog is ~100 rows: a scan takes about a millisecond, so there is no index to keep."""
    words = re.findall(r"\w+", search, flags=re.UNICODE)
    if not words:
        return []

    def every_word(title: Any) -> ColumnElement[bool]:
        return and_(
            *(or_(title.op("~*")(rf"\m{w}"), Provider.name.op("~*")(rf"\m{w}")) for w in words)
        )

    courses = select(Course.slug).join(Provider, Provider.id == Course.provider_id)
    programs = select(Program.slug).join(Provider, Provider.id == Program.provider_id)
    return [("course", s) for s in session.scalars(courses.where(every_word(Course.title)))] + [
        ("program", s) for s in session.scalars(programs.where(every_word(Program.title)))
    ]


class CatalogService(Service):
    def __init__(self, db: Store) -> None:
        super().__init__(db)
        # (catalog version, programs, courses): the search-as-you-type index of that version
        self._index: (
            tuple[int | None, PrefixIndex[ProgramHit], PrefixIndex[CourseRecord]] | None
        ) = None

    # --- reading -------------------------------------------------------------------------

    def summary(self) -> CatalogSummary:
        with self._db.read() as session:
            info = session.scalar(select(CatalogInfo).order_by(CatalogInfo.id.desc()))
            return CatalogSummary(
                version=info.version if info else None,
                date=info.bundle_date.isoformat() if info and info.bundle_date else None,
                source=info.source if info else "",
                programs=session.scalar(select(func.count(Program.id))) or 0,
                courses=session.scalar(select(func.count(Course.id))) or 0,
            )

    def list(self, search: str | None = None) -> CatalogListing:
        """Every program and course, or those whose title, slug or provider match `search`."""
        with self._db.read() as session:
            programs = select(Program).options(
                selectinload(Program.provider),
                selectinload(Program.memberships).selectinload(ProgramCourse.course),
            )
            courses = select(Course).options(selectinload(Course.provider))
            if search and search.strip():
                program_slugs, course_slugs = self._matching_slugs(session, search)
                programs = programs.where(Program.slug.in_(program_slugs))
                courses = courses.where(Course.slug.in_(course_slugs))
            return CatalogListing(
                programs=tuple(
                    _program_record(p) for p in session.scalars(programs.order_by(Program.title))
                ),
                courses=tuple(
                    _course_record(c) for c in session.scalars(courses.order_by(Course.title))
                ),
            )

    def search(self, search: str | None = None, *, limit: int = 200) -> CatalogSearch:
        """Search as you type: the first `limit` programs and courses by title, and how many
        matched in all. Served from an in-memory index rebuilt when the catalog version
        changes (see catalog_search.py): a keystroke costs about a millisecond."""
        with self._db.read() as session:
            version = session.scalar(select(func.max(CatalogInfo.id)))
            if self._index is None or self._index[0] != version:
                self._index = (version, *self._build_index(session))
        _, programs, courses = self._index
        found_programs, found_courses = programs.find(search, limit), courses.find(search, limit)
        return CatalogSearch(
            found_programs.first, found_courses.first, found_programs.total, found_courses.total
        )

    def _build_index(
        self, session: Session
    ) -> tuple[PrefixIndex[ProgramHit], PrefixIndex[CourseRecord]]:
        programs = self._program_hits(session, true(), None)
        courses = self._course_hits(session, true(), None)
        return (
            PrefixIndex(
                [(p, f"{p.title} {p.slug.replace('-', ' ')} {p.provider}") for p in programs]
            ),
            PrefixIndex(
                [(c, f"{c.title} {c.slug.replace('-', ' ')} {c.provider}") for c in courses]
            ),
        )

    @staticmethod
    def _program_hits(
        session: Session, match: ColumnElement[bool], limit: int | None
    ) -> tuple[ProgramHit, ...]:
        rows = session.execute(
            select(
                Program.slug,
                Program.title,
                Program.type,
                Provider.name,
                Program.level,
                func.count(ProgramCourse.course_id),
                func.coalesce(func.sum(Course.hours), 0.0),
                # max over 0/1, not over booleans: PostgreSQL has no max(boolean)
                func.coalesce(func.max(case((Course.hours_estimated, 1), else_=0)), 0),
            )
            .join(Provider, Provider.id == Program.provider_id)
            .outerjoin(ProgramCourse, ProgramCourse.program_id == Program.id)
            .outerjoin(Course, Course.id == ProgramCourse.course_id)
            .where(match)
            .group_by(Program.id, Provider.name)
            .order_by(Program.title, Program.slug)
            .limit(limit)
        )
        return tuple(
            ProgramHit(slug, title, kind, provider, level, count, float(hours), bool(estimated))
            for slug, title, kind, provider, level, count, hours, estimated in rows
        )

    @staticmethod
    def _course_hits(
        session: Session, match: ColumnElement[bool], limit: int | None
    ) -> tuple[CourseRecord, ...]:
        rows = session.execute(
            select(
                Course.slug,
                Course.title,
                Provider.name,
                Course.hours,
                Course.hours_estimated,
                Course.level,
                Course.slug_derived,
                Course.retired,
            )
            .join(Provider, Provider.id == Course.provider_id)
            .where(match)
            .order_by(Course.title, Course.slug)
            .limit(limit)
        )
        return tuple(CourseRecord(*row) for row in rows)

    def _matching_slugs(self, session: Session, search: str) -> tuple[set[str], set[str]]:
        if self._db.is_sqlite:
            query = fts_query(search)
            if query is None:
                return set(), set()
            rows: Sequence[tuple[str, str]] = session.execute(
                text("SELECT kind, slug FROM catalog_search WHERE catalog_search MATCH :q"),
                {"q": query},
            ).all()
        else:
            rows = _server_matches(session, search)
        return {s for k, s in rows if k == "program"}, {s for k, s in rows if k == "course"}

    def program(self, slug: str) -> ProgramDetail:
        with self._db.read() as session:
            p = session.scalar(
                select(Program)
                .where(Program.slug == slug)
                .options(selectinload(Program.memberships).selectinload(ProgramCourse.course))
            )
            if p is None:
                raise NotFoundError(f"There is no program '{slug}' in the catalog.")
            groups = tuple(
                BundleElectiveGroup(
                    g.title,
                    g.choose,
                    tuple(m.course.slug for m in p.memberships if m.elective_group_id == g.id),
                )
                for g in p.elective_groups
            )
            return ProgramDetail(
                program=_program_record(p),
                courses=tuple(_course_record(m.course) for m in p.memberships),
                ace_note=p.ace_note,
                source=p.source,
                duration_months=p.duration_months,
                elective_groups=groups,
            )

    # `builtins.list`: inside this class `list` names the `list` method above
    def slots_accepting(self, slug: str) -> builtins.list[SlotAcceptance]:
        """Which degree requirement slots, in which policy years, accept this program."""
        with self._db.read() as session:
            rows = session.execute(
                select(Degree, CreditPolicy.catalog_year, RequirementSlot)
                .join(CreditPolicy, CreditPolicy.degree_id == Degree.id)
                .join(RequirementSlot, RequirementSlot.policy_id == CreditPolicy.id)
                .join(SlotProgram, SlotProgram.slot_id == RequirementSlot.id)
                .join(Program, Program.id == SlotProgram.program_id)
                .where(Program.slug == slug)
                .order_by(Degree.code, CreditPolicy.catalog_year, RequirementSlot.position)
            ).all()
            return [
                SlotAcceptance(d.code, d.title, year, s.code, s.title, s.kind, s.credits, s.choose)
                for d, year, s in rows
            ]

    # --- writing -------------------------------------------------------------------------

    def import_bundle(self, path: Path) -> CatalogImportResult:
        self._require_role(Role.ADMINISTRATOR, "importing a catalog bundle")
        return self._write(path, "import.catalog")

    def install_bundled(self) -> CatalogImportResult | None:
        """Load the catalog that ships with Sanad when the database has none yet (at start-up,
        before anyone signs in: Sanad itself is the author)."""
        with self._db.read() as session:
            if session.scalar(select(func.count(Course.id))) or self._db.read_only:
                return None
        return self._write(BUNDLED_CATALOG, "catalog.install")

    def _write(self, path: Path, action: str) -> CatalogImportResult:
        bundle = parse_bundle(load_json_file(path, "catalog bundle"), path.name)
        with self._db.begin() as session:
            result = write_bundle(session, bundle, fts=self._db.is_sqlite)
            self._record(session, action, path.name, summary=f"catalog {bundle.version}")
            return result

    def export_bundle(self, path: Path) -> CatalogSummary:
        with self._db.read() as session:
            bundle = read_bundle(session)
        write_json_file(path, bundle_to_json(bundle), indent=1)
        return CatalogSummary(
            bundle.version,
            bundle.date.isoformat() if bundle.date else None,
            bundle.source,
            len(bundle.programs),
            len(bundle.courses),
        )
