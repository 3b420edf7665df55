"""What imported files say of programs and courses the catalog does not know, kept per student.

An import collects them in memory (`SeenRecorder`), then writes them in its own transaction: a
refused file records nothing. Progress on a seen item merges forward like recorded progress,
so when an administrator adopts the item the students' progress counts at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.importing.badge_match import base_slug, words
from advisor.model.importing.progress_merge import CourseState, merge_course
from advisor.model.schema import SeenItem, SeenProgress, utcnow

PROGRAM, COURSE = "program", "course"


def program_key(slug: str, title: str) -> str:
    """A badge's slug without its pathway suffix, or its title's words when it has no slug."""
    return base_slug(slug) if slug.strip() else "title:" + words(title)


def course_key(course_id: str, slug: str, title: str) -> str:
    """Coursera's Course ID when given (it survives slug changes), else the slug, else the title."""
    if course_id.strip():
        return "id:" + course_id.strip()
    if slug.strip():
        return slug.strip().casefold()
    return "title:" + words(title)


@dataclass
class _Seen:
    kind: str
    key: str
    slug: str
    title: str
    provider: str
    course_count: int | None = None
    coursera_id: str = ""
    courses: list[dict[str, str]] = field(default_factory=list)


class SeenRecorder:
    def __init__(self, session: Session, source: str) -> None:
        self.session, self.source = session, source[:300]
        self.items: dict[tuple[str, str], _Seen] = {}
        self.progress: dict[tuple[str, str, int], CourseState] = {}

    def _offer(self, item: _Seen, student: int, state: CourseState) -> None:
        at = (item.kind, item.key)
        known = self.items.setdefault(at, item)
        if item.course_count is not None:  # learners' rows may disagree: the largest is the badge
            known.course_count = max(known.course_count or 0, item.course_count)
        for course in item.courses:
            if course not in known.courses:
                known.courses.append(course)
        old = self.progress.get((*at, student))
        self.progress[(*at, student)] = merge_course(old, state)

    def program(
        self,
        student: int,
        *,
        slug: str,
        title: str,
        provider: str,
        state: CourseState,
        course_count: int | None = None,
        course: dict[str, str] | None = None,
    ) -> None:
        item = _Seen(PROGRAM, program_key(slug, title), slug, title, provider, course_count)
        if course:
            item.courses.append(course)
        self._offer(item, student, state)

    def course(
        self,
        student: int,
        *,
        course_id: str,
        slug: str,
        title: str,
        provider: str,
        state: CourseState,
    ) -> None:
        key = course_key(course_id, slug, title)
        self._offer(_Seen(COURSE, key, slug, title, provider, None, course_id), student, state)

    def finish(self) -> int:
        """Write what was seen into the store; the number of items new to it."""
        if not self.items:
            return 0
        rows = {(s.kind, s.key): s for s in self.session.scalars(select(SeenItem))}
        new = 0
        for at, seen in self.items.items():
            row = rows.get(at)
            if row is None:
                row = SeenItem(kind=seen.kind, key=seen.key[:300], courses="[]")
                self.session.add(row)
                rows[at] = row
                new += 1
            row.slug, row.title, row.provider = (
                seen.slug[:300],
                seen.title[:300],
                seen.provider[:120],
            )
            row.course_count = (
                seen.course_count if seen.course_count is not None else row.course_count
            )
            row.coursera_id = seen.coursera_id[:40] or row.coursera_id or ""
            courses = json.loads(row.courses or "[]")
            courses += [c for c in seen.courses if c not in courses]
            row.courses = json.dumps(courses, ensure_ascii=False)
            row.source, row.updated_at = self.source, utcnow()
        self.session.flush()
        ids = {at: row.id for at, row in rows.items()}
        recorded = {
            (p.item_id, p.student_id): p
            for p in self.session.scalars(
                select(SeenProgress).where(SeenProgress.item_id.in_(ids.values()))
            )
        }
        for (kind, key, student), state in self.progress.items():
            item_id = ids[(kind, key)]
            old = recorded.get((item_id, student))
            before = None if old is None else progress_state(old)
            merged = merge_course(before, state)
            if old is None:
                old = SeenProgress(item_id=item_id, student_id=student)
                self.session.add(old)
            old.status, old.progress, old.grade = merged.status, merged.progress, merged.grade
            old.completed_on, old.certificate = merged.completed_on, merged.certificate[:300]
        return new


def progress_state(p: SeenProgress) -> CourseState:
    return CourseState(p.status, p.progress, p.grade, p.completed_on, p.certificate)
