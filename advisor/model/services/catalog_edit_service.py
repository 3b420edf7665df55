"""The catalog that learns: programs and courses seen in imports but not in the catalog, adopting
one, and editing a program by hand.

Every change is made as a whole catalog bundle and goes through the bundle's own validation
(`parse_bundle`) and writer (`write_bundle`), so an edit can never make a catalog that `catalog
import` would refuse, and `catalog export` carries it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from advisor.model.catalog_bundle import (
    PROGRAM_TYPES,
    BundleCourse,
    BundleElectiveGroup,
    BundleProgram,
    CatalogBundle,
    bundle_to_json,
    parse_bundle,
)
from advisor.model.catalog_store import CatalogImportResult, read_bundle, write_bundle
from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.importing.badge_match import (
    CourseTitleMatcher,
    split_provider,
    split_title,
    words,
)
from advisor.model.importing.seen_items import COURSE, PROGRAM
from advisor.model.roles import Role
from advisor.model.schema import Course, Program, SeenItem, SeenProgress
from advisor.model.services.seen_adoption import move_seen_progress
from advisor.model.services.service_base import Service

ESTIMATED_HOURS = 10.0  # a typical Coursera course, until someone enters the real figure
EDITED_NOTE = "edited in Sanad"


@dataclass(frozen=True)
class SeenCourse:
    title: str
    course_id: str


@dataclass(frozen=True)
class UnknownItem:
    """A program or course the imported files name and the catalog lacks."""

    kind: str  # program | course
    slug: str  # what `catalog adopt` takes (and the slug it will have)
    file_slug: str  # as the file wrote it
    title: str
    provider: str
    students: int
    completed: int
    course_count: int | None
    courses: tuple[SeenCourse, ...]
    course_id: str
    source: str


@dataclass(frozen=True)
class CourseEdit:
    slug: str
    title: str
    hours: float
    hours_estimated: bool = False
    coursera_id: str = ""


@dataclass(frozen=True)
class ProgramEdit:
    """A program as the catalog editor gives it: its courses in order, new ones included."""

    slug: str
    title: str
    type: str
    provider: str
    courses: tuple[CourseEdit, ...]
    elective_groups: tuple[BundleElectiveGroup, ...] = ()
    level: str | None = None
    hours_per_week: float | None = None


@dataclass(frozen=True)
class AdoptResult:
    kind: str
    slug: str
    title: str
    courses_added: tuple[str, ...]
    courses_reused: tuple[str, ...]
    students: int
    records: int

    def describe(self) -> str:
        made = f"{self.kind} {self.slug} ('{self.title}') is in the catalog"
        if self.kind == PROGRAM:
            made += (
                f" with {len(self.courses_added) + len(self.courses_reused)} courses "
                f"({len(self.courses_added)} new, hours estimated until edited)"
            )
        return (
            f"{made}; {self.records} progress record(s) of {self.students} student(s) now count."
            + (
                " Accept it in the credit policy for it to earn credit."
                if self.kind == PROGRAM
                else ""
            )
        )


def slug_of(text: str) -> str:
    return words(text).replace(" ", "-")[:160]


def adopt_slug(item: SeenItem) -> str:
    """The slug an adopted item gets: its key (a slug without the pathway suffix) or its title's."""
    if item.key.startswith(("title:", "id:")):
        return item.slug.strip().casefold() or slug_of(split_title(item.title)[0] or item.title)
    return item.key


class CatalogEditService(Service):
    def unknown(self) -> list[UnknownItem]:
        """Programs first, then courses; each with how many students the files give it."""
        with self._db.read() as session:
            counts = {
                item: (students, done)
                for item, students, done in session.execute(
                    select(
                        SeenProgress.item_id,
                        func.count(SeenProgress.id),
                        func.sum(case((SeenProgress.status == "completed", 1), else_=0)),
                    ).group_by(SeenProgress.item_id)
                )
            }
            items = session.scalars(select(SeenItem).order_by(SeenItem.kind.desc(), SeenItem.title))
            seen_courses = {
                i.key: i for i in session.scalars(select(SeenItem).where(SeenItem.kind == COURSE))
            }
            # A later catalog bundle may bring an item: then it is no longer unknown (the next
            # import of the file records its progress directly).
            in_catalog = set(session.scalars(select(Program.slug))) | set(
                session.scalars(select(Course.slug))
            )
            out = []
            for i in items:
                if adopt_slug(i) in in_catalog:
                    continue
                listed = tuple(
                    SeenCourse(
                        c["title"],
                        seen_courses[c["key"]].coursera_id if c["key"] in seen_courses else "",
                    )
                    for c in json.loads(i.courses or "[]")
                )
                students, done = counts.get(i.id, (0, 0))
                out.append(
                    UnknownItem(
                        kind=i.kind,
                        slug=adopt_slug(i),
                        file_slug=i.slug,
                        title=i.title,
                        provider=i.provider,
                        students=students,
                        completed=int(done or 0),
                        course_count=i.course_count,
                        courses=listed,
                        course_id=i.coursera_id,
                        source=i.source,
                    )
                )
            return out

    def adopt(self, slug: str) -> AdoptResult:
        """Make a seen program (with the courses seen) or course a catalog entry; hours are
        marked as estimates; the students' progress on it is recorded at once."""
        self._require_role(Role.ADMINISTRATOR, "adopting into the catalog")
        with self._db.begin() as session:
            item = _find_seen(session, slug)
            bundle = read_bundle(session)
            new_slug = adopt_slug(item)
            taken = {c.slug for c in bundle.courses} | {p.slug for p in bundle.programs}
            if new_slug in taken:
                raise ValidationError(
                    f"The catalog already has '{new_slug}'; edit that entry instead of adopting."
                )
            plan = _CoursePlan(session, item, new_slug, taken)
            programs = bundle.programs
            title = catalog_title(item.title)
            if item.kind == PROGRAM:
                if not plan.members:
                    raise ValidationError(
                        f"The files name no course of '{item.title}', so it cannot be adopted as "
                        "it is; add it with the catalog editor (Catalog → New program…)."
                    )
                kind = (
                    "Specialization" if "specialization" in title.casefold() else PROGRAM_TYPES[0]
                )
                programs += (
                    BundleProgram(
                        slug=new_slug,
                        title=title,
                        type=kind,
                        provider=plan.provider,
                        courses=tuple(plan.members),
                        source=f"adopted from {item.source}",
                    ),
                )
            courses = bundle.courses + tuple(plan.added)
            _write(session, replace(bundle, courses=courses, programs=programs), self._db.is_sqlite)
            session.flush()
            students, records = move_seen_progress(
                session, (item, new_slug) if item.kind == PROGRAM else None, plan.moved
            )
            self._record(
                session,
                "catalog.adopt",
                new_slug,
                summary=f"{item.kind} '{item.title}' adopted; {records} records of "
                f"{students} students",
            )
            return AdoptResult(
                item.kind,
                new_slug,
                title,
                tuple(c.slug for c in plan.added),
                tuple(plan.reused),
                students,
                records,
            )

    def save_program(self, edit: ProgramEdit) -> CatalogImportResult:
        """Add or change a program (and the courses it lists) with the bundle's validation."""
        self._require_role(Role.ADMINISTRATOR, "editing the catalog")
        with self._db.begin() as session:
            bundle = read_bundle(session)
            courses = {c.slug: c for c in bundle.courses}
            for c in edit.courses:
                old = courses.get(c.slug)
                if old is None:
                    courses[c.slug] = BundleCourse(
                        c.slug,
                        c.title,
                        edit.provider,
                        c.hours,
                        c.hours_estimated,
                        source=EDITED_NOTE,
                        coursera_id=c.coursera_id,
                    )
                else:
                    courses[c.slug] = replace(
                        old,
                        title=c.title,
                        hours=c.hours,
                        hours_estimated=c.hours_estimated,
                        estimate_reason=old.estimate_reason if c.hours_estimated else "",
                        coursera_id=c.coursera_id or old.coursera_id,
                    )
            program = BundleProgram(
                slug=edit.slug,
                title=edit.title,
                type=edit.type,
                provider=edit.provider,
                courses=tuple(c.slug for c in edit.courses),
                level=edit.level,
                hours_per_week=edit.hours_per_week,
                source=EDITED_NOTE,
                elective_groups=edit.elective_groups,
            )
            old_program = next((p for p in bundle.programs if p.slug == edit.slug), None)
            if old_program is not None:
                program = replace(
                    old_program,
                    title=program.title,
                    type=program.type,
                    provider=program.provider,
                    courses=program.courses,
                    level=program.level,
                    hours_per_week=program.hours_per_week,
                    elective_groups=program.elective_groups,
                )
            programs = tuple(program if p.slug == edit.slug else p for p in bundle.programs)
            if old_program is None:
                programs += (program,)
            self._record(
                session,
                "catalog.edit",
                edit.slug,
                summary=f"program {'added' if old_program is None else 'changed'}: "
                f"{len(edit.courses)} courses",
            )
            return _write(
                session,
                replace(bundle, courses=tuple(courses.values()), programs=programs),
                self._db.is_sqlite,
            )


def catalog_title(title: str) -> str:
    """'Project Management Professional Certificate (Microsoft)' -> without the provider."""
    found = split_provider(title)
    return title[: title.rindex("(")].strip() if found else title.strip()


class _CoursePlan:
    """The courses an adopted item brings: a catalog course of the same title is reused, any
    other seen course becomes a new course with estimated hours."""

    def __init__(self, session: Session, item: SeenItem, new_slug: str, taken: set[str]) -> None:
        self.provider = item.provider or "Coursera"
        self.added: list[BundleCourse] = []
        self.reused: list[str] = []
        self.members: list[str] = []
        self.moved: list[tuple[SeenItem, str]] = []  # seen courses and the slug they now have
        titles = CourseTitleMatcher(session.execute(select(Course.id, Course.title)).all(), ())
        slug_by_id = dict(session.execute(select(Course.id, Course.slug)).all())
        seen_courses = {
            i.key: i for i in session.scalars(select(SeenItem).where(SeenItem.kind == COURSE))
        }
        listed = (
            json.loads(item.courses or "[]")
            if item.kind == PROGRAM
            else [{"key": item.key, "title": item.title}]
        )
        for entry in listed:
            known = titles.find(entry["title"], None)
            if known is not None and item.kind == PROGRAM:
                self.reused.append(slug_by_id[known])
                self.members.append(slug_by_id[known])
                continue
            seen = seen_courses.get(entry["key"])
            slug = new_slug if item.kind == COURSE else _free_slug(seen, entry["title"], taken)
            taken.add(slug)
            self.added.append(
                BundleCourse(
                    slug=slug,
                    title=entry["title"],
                    provider=self.provider,
                    hours=ESTIMATED_HOURS,
                    hours_estimated=True,
                    estimate_reason="Adopted from an import; Coursera's files give no hours.",
                    slug_derived=not (seen and seen.slug),
                    source=f"seen in {item.source}",
                    coursera_id=seen.coursera_id if seen else "",
                )
            )
            self.members.append(slug)
            if seen is not None:
                self.moved.append((seen, slug))


def _free_slug(seen: SeenItem | None, title: str, taken: set[str]) -> str:
    base = (seen.slug.strip().casefold() if seen and seen.slug else "") or slug_of(title)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _find_seen(session: Session, slug: str) -> SeenItem:
    wanted = slug.strip().casefold()
    items = list(session.scalars(select(SeenItem).order_by(SeenItem.kind.desc())))
    for item in items:
        if wanted in (item.key.casefold(), adopt_slug(item), item.slug.casefold()):
            return item
    raise NotFoundError(
        f"Nothing called '{slug}' was seen in the imports; `advisor catalog unknown` lists what "
        "can be adopted.",
        nothing_changed=True,
    )


def _write(session: Session, bundle: CatalogBundle, fts: bool) -> CatalogImportResult:
    """Validate the edited catalog exactly as a bundle file is validated, then write it."""
    source = bundle.source if EDITED_NOTE in bundle.source else f"{bundle.source}; {EDITED_NOTE}"
    checked = parse_bundle(
        bundle_to_json(replace(bundle, source=source.strip("; "))), "edited catalog"
    )
    return write_bundle(session, checked, fts=fts)
