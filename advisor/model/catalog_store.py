"""The catalog's rows in the database, read as a bundle or brought in line with one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session, selectinload

from advisor.model.catalog_bundle import (
    BundleCourse,
    BundleElectiveGroup,
    BundleProgram,
    CatalogBundle,
)
from advisor.model.catalog_references import blocking_references
from advisor.model.errors import ValidationError
from advisor.model.schema import (
    CatalogInfo,
    Course,
    ElectiveGroup,
    Program,
    ProgramCourse,
    Provider,
)


@dataclass(frozen=True)
class CatalogImportResult:
    version: str
    courses_added: int
    courses_updated: int
    courses_removed: int
    programs_added: int
    programs_updated: int
    programs_removed: int

    def describe(self) -> str:
        return (
            f"Catalog {self.version} imported: courses {self.courses_added} added, "
            f"{self.courses_updated} updated, {self.courses_removed} removed; programs "
            f"{self.programs_added} added, {self.programs_updated} updated, "
            f"{self.programs_removed} removed."
        )


def read_bundle(session: Session) -> CatalogBundle:
    """The catalog in the database, as a bundle (for export)."""
    info = session.scalar(select(CatalogInfo).order_by(CatalogInfo.id.desc()))
    courses = tuple(
        BundleCourse(
            c.slug,
            c.title,
            c.provider.name,
            c.hours,
            c.hours_estimated,
            c.estimate_reason,
            c.level,
            c.slug_derived,
            c.retired,
            c.notes,
            c.source,
            c.coursera_id or "",
        )
        for c in session.scalars(
            select(Course).options(selectinload(Course.provider)).order_by(Course.slug)
        )
    )
    programs = []
    for p in session.scalars(select(Program).order_by(Program.id)):
        groups = tuple(
            BundleElectiveGroup(
                g.title,
                g.choose,
                tuple(m.course.slug for m in p.memberships if m.elective_group_id == g.id),
            )
            for g in p.elective_groups
        )
        programs.append(
            BundleProgram(
                slug=p.slug,
                title=p.title,
                type=p.type,
                provider=p.provider.name,
                courses=tuple(m.course.slug for m in p.memberships),
                level=p.level,
                hours_per_week=p.hours_per_week,
                duration_months=p.duration_months,
                duration_estimated=p.duration_estimated,
                ace_credits=p.ace_credits,
                ace_note=p.ace_note,
                source=p.source,
                as_of=p.as_of,
                elective_groups=groups,
            )
        )
    return CatalogBundle(
        info.version if info else "empty",
        info.bundle_date if info else None,
        info.source if info else "",
        courses,
        tuple(programs),
    )


def write_bundle(session: Session, bundle: CatalogBundle, *, fts: bool) -> CatalogImportResult:
    """Bring the catalog in line with `bundle`, keeping every row that progress refers to."""
    providers = {p.name: p for p in session.scalars(select(Provider))}

    def provider(name: str) -> Provider:
        if name not in providers:
            providers[name] = Provider(name=name)
            session.add(providers[name])
        return providers[name]

    existing = {c.slug: c for c in session.scalars(select(Course))}
    wanted = {c.slug for c in bundle.courses}
    blocked = blocking_references(session, wanted, {p.slug for p in bundle.programs})
    if blocked:
        raise ValidationError(
            "This catalog bundle leaves out courses or programs that the department's records "
            "still use; nothing was imported. Keep them in the bundle (they may be marked "
            "retired), or remove the records first:",
            blocked,
            nothing_changed=True,
        )
    added = updated = 0
    courses: dict[str, Course] = {}
    for c in bundle.courses:
        row = existing.get(c.slug)
        values = dict(
            title=c.title,
            hours=c.hours,
            hours_estimated=c.hours_estimated,
            estimate_reason=c.estimate_reason,
            level=c.level,
            slug_derived=c.slug_derived,
            retired=c.retired,
            notes=c.notes,
            source=c.source,
        )
        if c.coursera_id:  # a bundle without ids keeps the ids learned from exports
            values["coursera_id"] = c.coursera_id
        if row is None:
            row = Course(slug=c.slug, provider=provider(c.provider), **values)
            session.add(row)
            added += 1
        else:
            changed = row.provider.name != c.provider or any(
                getattr(row, k) != v for k, v in values.items()
            )
            for k, v in values.items():
                setattr(row, k, v)
            row.provider = provider(c.provider)
            updated += changed
        courses[c.slug] = row

    old_programs = {p.slug: p for p in session.scalars(select(Program))}
    p_added = p_updated = 0
    for p in bundle.programs:
        program_row = old_programs.pop(p.slug, None)
        before = None if program_row is None else _program_facts(program_row)
        if program_row is None:
            program_row = Program(slug=p.slug)
            session.add(program_row)
            p_added += 1
        program_row.title, program_row.type, program_row.provider = (
            p.title,
            p.type,
            provider(p.provider),
        )
        program_row.level, program_row.hours_per_week, program_row.duration_months = (
            p.level,
            p.hours_per_week,
            p.duration_months,
        )
        program_row.duration_estimated, program_row.ace_credits, program_row.ace_note = (
            p.duration_estimated,
            p.ace_credits,
            p.ace_note,
        )
        program_row.source, program_row.as_of = p.source, p.as_of
        program_row.memberships.clear()
        program_row.elective_groups.clear()
        session.flush()
        group_of: dict[str, ElectiveGroup] = {}
        for position, g in enumerate(p.elective_groups):
            group = ElectiveGroup(position=position, title=g.title, choose=g.choose)
            program_row.elective_groups.append(group)
            group_of.update({slug: group for slug in g.courses})
        session.flush()
        for position, slug in enumerate(p.courses):
            member_group = group_of.get(slug)
            program_row.memberships.append(
                ProgramCourse(
                    course=courses[slug],
                    position=position,
                    elective_group_id=member_group.id if member_group else None,
                )
            )
        p_updated += before is not None and _program_facts(program_row) != before
    removed_programs = len(old_programs)
    for stale in old_programs.values():
        session.delete(stale)  # a program left out of the bundle; progress is per course
    session.flush()
    stale_courses = [c for slug, c in existing.items() if slug not in wanted]
    for stale_course in stale_courses:
        session.execute(delete(ProgramCourse).where(ProgramCourse.course_id == stale_course.id))
        session.delete(stale_course)
    session.add(CatalogInfo(version=bundle.version, source=bundle.source, bundle_date=bundle.date))
    session.flush()
    if fts:
        reindex_fts(session)
    return CatalogImportResult(
        bundle.version, added, updated, len(stale_courses), p_added, p_updated, removed_programs
    )


def reindex_fts(session: Session) -> None:
    """Refill the SQLite FTS5 table that `catalog list --search` reads."""
    session.execute(text("DELETE FROM catalog_search"))
    session.execute(
        text(
            "INSERT INTO catalog_search (kind, slug, title, provider) "
            "SELECT 'course', c.slug, c.title || ' ' || replace(c.slug, '-', ' '), p.name "
            "FROM courses c JOIN providers p ON p.id = c.provider_id "
            "UNION ALL SELECT 'program', g.slug, g.title || ' ' || replace(g.slug, '-', ' '), "
            "p.name FROM programs g JOIN providers p ON p.id = g.provider_id"
        )
    )


def _program_facts(row: Program) -> tuple[object, ...]:
    """What a bundle says of a program: the same bundle imported again updates none."""
    groups: dict[int | None, tuple[str, int]] = {
        g.id: (g.title, g.choose) for g in row.elective_groups
    }
    members = sorted(
        (m.position, m.course.slug, groups.get(m.elective_group_id)) for m in row.memberships
    )
    return (
        row.title,
        row.type,
        row.provider.name,
        row.level,
        row.hours_per_week,
        row.duration_months,
        row.duration_estimated,
        row.ace_credits,
        row.ace_note,
        row.source,
        row.as_of,
        members,
    )
