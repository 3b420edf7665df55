"""What a letter batch reads once for its whole cohort instead of once a letter: the letterhead,
the wording, each student with their degree and signatories, their records for the audit and the
letters they hold.

A snapshot is only as good as the moment it was read. Every write appends to the change log, so
the log's head is the snapshot's version: a letter uses the snapshot only when the head is still
the one the batch last saw (its own letters included); anyone else's write in between — an
import, a certificate check, a revocation — sends that letter, and the rest, back to reading
afresh. Letters stay numbered and committed one at a time either way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.audit.inputs import Catalog, DegreeSpec, StudentInput
from advisor.model.change_log import head as log_head
from advisor.model.schema import Degree, Letter, Student
from advisor.model.services.institution_service import saved_wording
from advisor.model.services.letter_register import is_withdrawn
from advisor.model.services.printed_facts import letterhead_of
from advisor.model.store.audit_inputs import load_catalog, load_degrees, load_students
from advisor.reports.documents import LetterData, Letterhead, LetterWording


@dataclass(frozen=True)
class PreparedStudent:
    student: Student  # detached, its degree and the degree's signatories loaded
    records: StudentInput
    held: tuple[Letter, ...]  # the letters in force, lines loaded, oldest first


@dataclass
class BatchSnapshot:
    catalog: Catalog
    degrees: dict[str, DegreeSpec]
    head: Letterhead
    prefix: str
    wording: LetterWording
    students: dict[str, PreparedStudent]
    log_id: int | None  # the change log's head when the snapshot was last known current
    used: int = field(default=0)  # letters issued from the snapshot (the benchmark reports it)

    def current(self, session: Session, roll_no: str) -> PreparedStudent | None:
        """The student's prepared facts when nothing was written since the batch last looked."""
        if roll_no not in self.students:
            return None
        found = log_head(session)
        if (found.event_id if found else None) != self.log_id:
            self.students.clear()  # someone else wrote: every later letter reads afresh
            return None
        return self.students[roll_no]

    def advance(self, session: Session) -> None:
        """After the batch's own letter is written (before its commit): the new head is ours."""
        found = log_head(session)
        self.log_id = found.event_id if found else None
        self.used += 1

    def with_people(self, student: Student, letter: LetterData) -> LetterData:
        """The letter with the degree's department and the wording read at the batch's start."""
        return replace(letter, department=student.degree.department, wording=self.wording)


def read_snapshot(session: Session, roll_nos: list[str]) -> BatchSnapshot:
    head, prefix = letterhead_of(session)
    found = log_head(session)
    students = {
        s.id: s
        for s in session.scalars(
            select(Student)
            .options(selectinload(Student.degree).selectinload(Degree.signatories))
            .where(Student.roll_no.in_(roll_nos))
        )
    }
    records = {
        r.roll_no: r
        for r in load_students(session, select(Student.id).where(Student.id.in_(students)))
    }
    held: dict[int, list[Letter]] = defaultdict(list)
    for letter in session.scalars(
        select(Letter)
        .options(selectinload(Letter.lines))
        .where(Letter.student_id.in_(students), ~is_withdrawn())
        .order_by(Letter.id)
    ):
        held[letter.student_id].append(letter)
    prepared = {
        s.roll_no: PreparedStudent(s, records[s.roll_no], tuple(held[s.id]))
        for s in students.values()
        if s.roll_no in records
    }
    return BatchSnapshot(
        load_catalog(session), load_degrees(session), head, prefix, saved_wording(session),
        prepared, found.event_id if found else None,
    )  # fmt: skip
