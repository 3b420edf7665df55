"""Matching export rows to students, courses and programs, and merging them into what is recorded.

Pure: plain dicts and tuples in, plain tuples out. The merge only ever moves forward (status
enrolled → in_progress → completed, progress and grade up, the first completion date and the
first certificate kept), so a re-import, or an older export imported after a newer one, changes
nothing that is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from advisor.model.importing.coursera_export import ExportRow

STATUS_RANK = {"enrolled": 0, "in_progress": 1, "completed": 2}
_SPACES = re.compile(r"\s+")


def title_key(text: str) -> str:
    """Titles compare without case or spacing differences."""
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class CourseState:
    status: str
    progress: float
    grade: float | None
    completed_on: date | None
    certificate: str


@dataclass(frozen=True, slots=True)
class CertificateState:
    certificate: str
    completed_on: date | None


def row_state(row: ExportRow) -> CourseState:
    if row.completed:
        status = "completed"
    elif row.progress:
        status = "in_progress"
    else:
        status = "enrolled"
    return CourseState(
        status,
        row.progress or 0.0,
        row.grade,
        row.completed_on if row.completed else None,
        row.certificate,
    )


def _earliest(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    return a if b is None or a <= b else b


def _highest(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None or a >= b else b


def merge_course(old: CourseState | None, new: CourseState) -> CourseState:
    if old is None:
        return new
    status = old.status if STATUS_RANK[old.status] >= STATUS_RANK[new.status] else new.status
    return CourseState(
        status=status,
        progress=max(old.progress, new.progress),
        grade=_highest(old.grade, new.grade),
        completed_on=_earliest(old.completed_on, new.completed_on),
        certificate=old.certificate or new.certificate,
    )


def merge_certificate(old: CertificateState | None, new: CertificateState) -> CertificateState:
    if old is None:
        return new
    return CertificateState(
        old.certificate or new.certificate, _earliest(old.completed_on, new.completed_on)
    )


class Matcher:
    """Find the student and the course/program a row means, as DESIGN §7 orders the keys."""

    def __init__(
        self,
        students: Iterable[tuple[int, str, str]],
        items: Iterable[tuple[int, str, str, str]],
    ) -> None:
        """students: (id, roll_no, email); items: (id, slug, title, provider)."""
        self.by_email: dict[str, int] = {}
        self.by_roll: dict[str, int] = {}
        for sid, roll, email in students:
            if email:
                self.by_email[email.strip().casefold()] = sid
            self.by_roll[roll.strip().casefold()] = sid
        self.by_slug: dict[str, int] = {}
        self.by_title_provider: dict[tuple[str, str], int] = {}
        by_title: dict[str, int | None] = {}
        for iid, slug, title, provider in items:
            self.by_slug[slug.casefold()] = iid
            self.by_title_provider[(title_key(title), title_key(provider))] = iid
            key = title_key(title)
            by_title[key] = None if key in by_title else iid  # None: two providers share it
        self.by_unique_title = {k: v for k, v in by_title.items() if v is not None}
        # Coursera's internal course ids (case matters), and those rows taught (item -> id)
        self.by_course_id: dict[str, int] = {}
        self.learned_ids: dict[int, str] = {}
        self._has_id: set[int] = set()

    def know_course_ids(self, ids: Iterable[tuple[int, str | None]]) -> None:
        """(course id, Coursera's id or None) of the catalog: rows match by them too."""
        for iid, coursera_id in ids:
            if coursera_id:
                self.by_course_id[coursera_id] = iid
                self._has_id.add(iid)

    def _learn_id(self, item: int, course_id: str) -> None:
        """A row matched by slug tells the course's Coursera id: recorded if the course has none
        and no other course holds it (an id is never moved between courses by guesswork)."""
        if item not in self._has_id and course_id not in self.by_course_id:
            self.learned_ids[item] = course_id
            self.by_course_id[course_id] = item
            self._has_id.add(item)

    def student(self, row: ExportRow) -> int | None:
        if row.email and row.email in self.by_email:
            return self.by_email[row.email]
        if row.external_id:
            return self.by_roll.get(row.external_id.casefold())
        return None

    def item(self, row: ExportRow) -> int | None:
        found = self.by_slug.get(row.slug) if row.slug else None
        if found is not None and row.course_id:
            self._learn_id(found, row.course_id)
        if found is None and row.course_id:
            found = self.by_course_id.get(row.course_id)
        if found is None and row.course_id:
            # The catalog keeps no Coursera-internal ids; an id that is a slug still matches.
            found = self.by_slug.get(row.course_id.casefold())
        if found is None and row.title:
            if row.university:
                found = self.by_title_provider.get(
                    (title_key(row.title), title_key(row.university))
                )
            else:
                found = self.by_unique_title.get(title_key(row.title))
        return found


def unmatched_student(row: ExportRow) -> str:
    said = ", ".join(
        part
        for part in (
            f"email {row.email}" if row.email else "",
            f"External Id {row.external_id}" if row.external_id else "",
        )
        if part
    )
    return f"student not on the roster ({said or 'no email or External Id given'})"


def unmatched_item(row: ExportRow, what: str) -> str:
    said = ", ".join(
        part
        for part in (
            f"slug {row.slug}" if row.slug else "",
            f"Course ID {row.course_id}" if row.course_id else "",
            f"'{row.title}'" if row.title else "",
            f"University {row.university}" if row.university else "",
        )
        if part
    )
    return f"{what} not in the catalog ({said or 'no slug or title given'})"
