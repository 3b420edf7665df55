"""Advisor exceptions: substitute a program into a slot, waive a slot, mark a course complete.

Each keeps its reason, author and date. Removal is a soft delete (who and when are kept), so the
record of what was once allowed survives. Exceptions name slots by code, so they carry over when
a student changes degree (and simply do not apply where the new policy lacks the slot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.attribution import current_actor
from advisor.model.errors import ConflictError, NotFoundError, ValidationError
from advisor.model.roles import Role
from advisor.model.schema import (
    Course,
    CreditPolicy,
    Program,
    RequirementSlot,
    Student,
    StudentException,
    utcnow,
)
from advisor.model.services.service_base import Service
from advisor.model.store.students import require_student_id


@dataclass(frozen=True)
class ExceptionRecord:
    id: int
    roll_no: str
    kind: str  # substitute | waive | course_complete
    slot: str | None
    program: str | None
    course: str | None
    evidence: str
    reason: str
    author: str
    created_at: datetime
    removed_at: datetime | None
    removed_by: str | None
    approved_by: str | None = None

    @property
    def active(self) -> bool:
        return self.removed_at is None

    @property
    def pending(self) -> bool:
        """Proposed by an advisor, not yet approved by a controller: the audit ignores it."""
        return self.active and self.approved_by is None

    def describe(self) -> str:
        if self.kind == "substitute":
            what = f"{self.program} fills {self.slot}"
        elif self.kind == "waive":
            what = f"{self.slot} waived"
        else:
            what = f"course {self.course} marked complete (evidence: {self.evidence})"
        return what


class ExceptionService(Service):
    def add_substitute(self, roll_no: str, program: str, slot: str, reason: str) -> ExceptionRecord:
        """Program `program` fills slot `slot` (the audit applies it once the program is complete)."""
        self._require_role(Role.ADVISOR, "proposing an exception")
        with self._db.begin() as session:
            sid = require_student_id(session, roll_no)
            program_id = _require(session, Program, program, "program")
            code = self._require_slot(session, sid, slot)
            return self._add(
                session, sid, "substitute", reason, slot_code=code, program_id=program_id
            )

    def add_waiver(self, roll_no: str, slot: str, reason: str) -> ExceptionRecord:
        self._require_role(Role.ADVISOR, "proposing an exception")
        with self._db.begin() as session:
            sid = require_student_id(session, roll_no)
            code = self._require_slot(session, sid, slot)
            return self._add(session, sid, "waive", reason, slot_code=code)

    def add_course_completion(
        self, roll_no: str, course: str, evidence: str, reason: str
    ) -> ExceptionRecord:
        """The advisor saw proof that a course is done: it counts as completed and verified."""
        self._require_role(Role.ADVISOR, "proposing an exception")
        if not evidence.strip():
            raise ValidationError(
                "Say what the evidence is (e.g. 'certificate PDF seen, code ABC123')."
            )
        with self._db.begin() as session:
            sid = require_student_id(session, roll_no)
            course_id = _require(session, Course, course, "course")
            return self._add(
                session,
                sid,
                "course_complete",
                reason,
                course_id=course_id,
                evidence=evidence.strip(),
            )

    def list(self, roll_no: str, *, include_removed: bool = False) -> list[ExceptionRecord]:
        with self._db.read() as session:
            sid = require_student_id(session, roll_no)
            query = select(StudentException).where(StudentException.student_id == sid)
            if not include_removed:
                query = query.where(StudentException.removed_at.is_(None))
            rows = session.scalars(query.order_by(StudentException.id)).all()
            return [_record(session, row) for row in rows]

    def approve(self, exception_id: int) -> ExceptionRecord:
        """A controller approves an advisor's proposal: from now on the audit applies it."""
        actor = self._require_role(Role.CONTROLLER, "approving an exception")
        with self._db.begin() as session:
            row = _open_exception(session, exception_id)
            if row.approved_by is not None:
                raise ConflictError(
                    f"Exception #{exception_id} is already approved (by {row.approved_by})."
                )
            row.approved_by = actor.user_name
            record = _record(session, row)
            self._record(
                session,
                "exception.approve",
                f"exception #{row.id}",
                roll_no=record.roll_no,
                summary=f"{record.describe()}: pending → approved",
            )
            return record

    def reject(self, exception_id: int, reason: str) -> ExceptionRecord:
        """A controller turns a proposal down; it is kept, marked removed, with the reason."""
        self._require_role(Role.CONTROLLER, "rejecting an exception")
        if not reason.strip():
            raise ValidationError("Say why the exception is rejected; the advisor will see it.")
        return self._withdraw(exception_id, "exception.reject", reason.strip(), pending_only=True)

    def remove(self, exception_id: int, *, reason: str = "") -> ExceptionRecord:
        """Withdraw an exception; the row stays, marked with who removed it and when. An advisor
        may withdraw their own proposal; an approved exception needs a controller."""
        actor = self._require_role(Role.ADVISOR, "withdrawing an exception")
        with self._db.begin() as session:
            row = _open_exception(session, exception_id)
            own_proposal = row.approved_by is None and row.created_by == actor.user_name
        if not own_proposal:
            self._require_role(Role.CONTROLLER, "removing an approved exception")
        return self._withdraw(exception_id, "exception.remove", reason.strip())

    def _withdraw(
        self, exception_id: int, action: str, reason: str, *, pending_only: bool = False
    ) -> ExceptionRecord:
        with self._db.begin() as session:
            row = _open_exception(session, exception_id)
            if pending_only and row.approved_by is not None:
                raise ConflictError(
                    f"Exception #{exception_id} is already approved; remove it instead."
                )
            row.removed_at = utcnow()
            row.removed_by = current_actor(session)
            session.flush()
            record = _record(session, row)
            self._record(
                session,
                action,
                f"exception #{row.id}",
                roll_no=record.roll_no,
                summary=f"{record.describe()}: active → removed",
                reason=reason,
            )
            return record

    # --- helpers ----------------------------------------------------------------------------

    def _require_slot(self, session: Session, student_id: int, slot: str) -> str:
        """The slot code must exist in some policy of the student's degree."""
        code = slot.strip().upper()
        degree_id = session.scalar(select(Student.degree_id).where(Student.id == student_id))
        known = sorted(
            set(
                session.scalars(
                    select(RequirementSlot.code)
                    .join(CreditPolicy, CreditPolicy.id == RequirementSlot.policy_id)
                    .where(CreditPolicy.degree_id == degree_id)
                )
            )
        )
        by_upper = {k.upper(): k for k in known}
        if code not in by_upper:
            listed = ", ".join(known) or "none (the degree has no credit policy yet)"
            raise ValidationError(
                f"The student's degree has no requirement '{slot}'. Requirements: {listed}."
            )
        return by_upper[code]  # as the policy spells it

    def _add(
        self, session: Session, student_id: int, kind: str, reason: str, **fields: object
    ) -> ExceptionRecord:
        if not reason.strip():
            raise ValidationError("Give a reason for the exception; it is kept with the record.")
        same = select(StudentException.id).where(
            StudentException.student_id == student_id,
            StudentException.kind == kind,
            StudentException.removed_at.is_(None),
            *(getattr(StudentException, k) == v for k, v in fields.items() if k != "evidence"),
        )
        existing = session.scalar(same)
        if existing is not None:
            raise ConflictError(f"The same exception is already recorded as #{existing}.")
        # A controller's own exception is approved at once; an advisor's waits for one.
        actor = self._db.seat.current()
        approved = actor.user_name if actor.may(Role.CONTROLLER) else None
        row = StudentException(
            student_id=student_id,
            kind=kind,
            reason=reason.strip(),
            approved_by=approved,
            created_at=utcnow(),
            **fields,
        )
        session.add(row)
        session.flush()
        record = _record(session, row)
        self._record(
            session,
            "exception.add",
            f"exception #{row.id}",
            roll_no=record.roll_no,
            summary=f"{record.describe()} ({'approved' if approved else 'proposed'})",
            reason=record.reason,
        )
        return record


def _open_exception(session: Session, exception_id: int) -> StudentException:
    row = session.get(StudentException, exception_id)
    if row is None:
        raise NotFoundError(f"There is no exception #{exception_id}.")
    if row.removed_at is not None:
        raise ConflictError(
            f"Exception #{exception_id} was already removed on "
            f"{row.removed_at:%Y-%m-%d} by {row.removed_by}."
        )
    return row


def _require(session: Session, model: type[Program | Course], slug: str, what: str) -> int:
    found = session.scalar(select(model.id).where(model.slug == slug.strip()))
    if found is None:
        raise NotFoundError(f"There is no {what} '{slug.strip()}' in the catalog.")
    return found


def _record(session: Session, row: StudentException) -> ExceptionRecord:
    roll_no = session.scalar(select(Student.roll_no).where(Student.id == row.student_id))
    program = (
        session.scalar(select(Program.slug).where(Program.id == row.program_id))
        if row.program_id
        else None
    )
    course = (
        session.scalar(select(Course.slug).where(Course.id == row.course_id))
        if row.course_id
        else None
    )
    return ExceptionRecord(
        id=row.id,
        roll_no=roll_no or "",
        kind=row.kind,
        slot=row.slot_code,
        program=program,
        course=course,
        evidence=row.evidence or "",
        reason=row.reason,
        author=row.created_by,
        created_at=row.created_at,
        removed_at=row.removed_at,
        removed_by=row.removed_by,
        approved_by=row.approved_by,
    )
