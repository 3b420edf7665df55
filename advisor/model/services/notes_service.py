"""Advising notes: what was said in a session, dated, kept with the student."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.roles import Role
from advisor.model.schema import AdvisingNote, Student
from advisor.model.services.service_base import Service

MAX_NOTE_CHARS = 10_000


@dataclass(frozen=True)
class NoteRecord:
    id: int
    roll_no: str
    written_on: date
    text: str
    created_by: str
    created_at: datetime


def _student(session: Session, roll_no: str) -> Student:
    student = session.scalar(
        select(Student).where(func.lower(Student.roll_no) == roll_no.strip().lower())
    )
    if student is None:
        raise NotFoundError(f"There is no student with roll number {roll_no.strip()}.")
    return student


class NotesService(Service):
    def add_note(self, roll_no: str, text: str, *, written_on: date) -> NoteRecord:
        self._require_role(Role.ADVISOR, "writing an advising note")
        body = text.strip()
        if not body:
            raise ValidationError("The note is empty: write what was discussed.")
        if len(body) > MAX_NOTE_CHARS:
            raise ValidationError(
                f"The note is {len(body):,} characters long; keep it under {MAX_NOTE_CHARS:,}."
            )
        with self._db.begin() as session:
            student = _student(session, roll_no)
            note = AdvisingNote(student_id=student.id, written_on=written_on, text=body)
            session.add(note)
            session.flush()
            self._record(
                session,
                "note.add",
                f"note #{note.id}",
                roll_no=student.roll_no,
                summary=f"{len(body)} characters, dated {written_on:%Y-%m-%d}",
            )
            return NoteRecord(
                note.id,
                student.roll_no,
                note.written_on,
                note.text,
                note.created_by,
                note.created_at,
            )

    def list_notes(self, roll_no: str) -> list[NoteRecord]:
        """The student's notes, newest first."""
        with self._db.read() as session:
            student = _student(session, roll_no)
            notes = session.scalars(
                select(AdvisingNote)
                .where(AdvisingNote.student_id == student.id)
                .order_by(AdvisingNote.written_on.desc(), AdvisingNote.id.desc())
            )
            return [
                NoteRecord(n.id, student.roll_no, n.written_on, n.text, n.created_by, n.created_at)
                for n in notes
            ]
