"""What a letter batch reads once for its whole cohort instead of once a letter: the letterhead,
the wording, the unlocked signing key, each student with their degree and signatories, their
records for the audit and for what the letter states about each certificate, and the letters
they hold.

A snapshot is only as good as the moment it was read. Every write appends to the change log, so
the log's head is the snapshot's version: a letter uses the snapshot only when the head is still
the one the batch last saw (its own letters included); anyone else's write in between — an
import, a certificate check, a revocation, a new key — sends that letter, and the rest, back to
reading afresh. Letters stay numbered and committed one at a time either way, each with its
change-log event and the key's signature over the log's head; knowing the head, a letter of the
batch chains onto it without reading the log again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.audit.inputs import Catalog, DegreeSpec, StudentInput
from advisor.model.change_log import ChainHead, lock_log
from advisor.model.change_log import head as log_head
from advisor.model.schema import Degree, Letter, SigningKey, Student
from advisor.model.services.institution_service import saved_wording
from advisor.model.services.letter_facts import RecordFacts, lines_with_facts, read_record_facts
from advisor.model.services.letter_register import fingerprint_of, is_withdrawn
from advisor.model.services.printed_facts import letterhead_of
from advisor.model.services.signing_keys import signing_key_for
from advisor.model.signing.keychain import Keychain
from advisor.model.store.audit_inputs import load_catalog, load_degrees, load_students
from advisor.reports.documents import LetterData, Letterhead, LetterLine, LetterWording

Signer = tuple[SigningKey, ec.EllipticCurvePrivateKey]


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
    facts: RecordFacts
    signer: Signer
    key_fingerprint: str
    log_head: ChainHead | None  # the change log's head when the snapshot was last known current
    used: int = field(default=0)  # letters issued from the snapshot (the benchmark reports it)

    def signer_for(self, session: Session, keychain: Keychain) -> Signer:
        """Called first in each letter's transaction: the key to sign with. When anyone else
        wrote since the batch last looked, this and every later letter read afresh — the key
        too, as it may have been replaced (on a server the log is locked first, so the head
        read stays the head until the commit)."""
        lock_log(session)
        if self.students and log_head(session) != self.log_head:
            self.students.clear()
        return self.signer if self.students else signing_key_for(session, keychain)

    def current(self, roll_no: str) -> PreparedStudent | None:
        """The student's prepared facts, if still current (`signer_for` looked)."""
        return self.students.get(roll_no)

    def advance(self, head: ChainHead) -> None:
        """After the batch's own letter is logged (before its commit): `head` is its event."""
        self.log_head = head
        self.used += 1

    def with_facts(
        self, student: Student, lines: tuple[LetterLine, ...], slugs: tuple[str, ...]
    ) -> tuple[LetterLine, ...]:
        """`letter_facts.with_certificate_facts` from the records read at the batch's start."""
        return lines_with_facts(self.facts, student.id, lines, slugs)

    def with_people(self, student: Student, letter: LetterData) -> LetterData:
        """The letter with the degree's department and the wording read at the batch's start."""
        return replace(letter, department=student.degree.department, wording=self.wording)


def read_snapshot(session: Session, roll_nos: list[str], signer: Signer) -> BatchSnapshot:
    """`signer`: the key the batch signs with, unlocked once for the whole batch."""
    head, prefix = letterhead_of(session)
    lock_log(session)
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
        catalog=load_catalog(session),
        degrees=load_degrees(session),
        head=head,
        prefix=prefix,
        wording=saved_wording(session),
        students=prepared,
        facts=read_record_facts(session, list(students)),
        signer=signer,
        key_fingerprint=fingerprint_of(signer[0]),
        log_head=found,
    )
