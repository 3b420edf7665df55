"""The verification desk: a person records that they checked a certificate — a course's or a
program's — with its code, on a date, with a note; one at a time or several for a cohort.

A check is kept as a `CertificateCheck` row (who, when, the code, the note) and takes effect
where the audit and the letters already read certificates: a course's record gets the code
(when it had none) and `verified_by`; a program gets a program certificate with the code. So
the audit, `audit --all`, the letters and the cohort reports all count it as verified, with no
second rule. The read side (a student's courses, the cohort's pending list) is in
`certificate_desk.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.audit.result import AuditResult
from advisor.model.certificate_code import checked_code
from advisor.model.errors import AdvisorError, NotFoundError, ValidationError
from advisor.model.roles import Role
from advisor.model.schema import (
    CertificateCheck,
    Course,
    CourseProgress,
    Program,
    ProgramCertificate,
)
from advisor.model.services.audit_service import AuditService
from advisor.model.services.certificate_desk import (
    PendingItem,
    ProgramCourses,
    pending_items,
    program_courses,
)
from advisor.model.services.service_base import Service
from advisor.model.store.audit_inputs import audit_one
from advisor.model.store.students import require_student_id

STATUS_WORDS = {"enrolled": "enrolled", "in_progress": "in progress"}


@dataclass(frozen=True)
class CheckRequest:
    """One certificate to record: a course or a program of a student, with the code seen."""

    roll_no: str
    code: str  # a code, or a Coursera verify URL (reduced to its code)
    course: str | None = None  # course slug
    program: str | None = None  # program slug
    note: str = ""

    @property
    def item(self) -> str:
        return f"course {self.course}" if self.course else f"program {self.program}"


@dataclass(frozen=True)
class CertificateCheckRecord:
    """A recorded check, as the screens and the command line show it."""

    id: int
    roll_no: str
    kind: str  # course | program
    slug: str
    title: str
    code: str
    reference: str  # as typed or pasted
    checked_on: date
    checked_by: str
    note: str

    def describe(self) -> str:
        return (
            f"{self.kind} '{self.title}' of {self.roll_no}: certificate {self.code} checked by "
            f"{self.checked_by} on {self.checked_on.isoformat()}"
        )


class CertificateCheckService(Service):
    def student_certificates(
        self, roll_no: str, programs: Sequence[str]
    ) -> tuple[ProgramCourses, ...]:
        """The programs' courses for the student: status, certificate code, who verified it."""
        with self._db.read() as session:
            sid = require_student_id(session, roll_no)
            return program_courses(session, sid, programs)

    def pending(
        self, degree: str | None = None, intake: str | None = None, *, today: date
    ) -> list[PendingItem]:
        """Every completed program of the cohort still waiting for a certificate check."""
        return pending_items(AuditService(self._db).stream_cohort(degree, intake, today=today))

    def verify_course(
        self, roll_no: str, course: str, code: str, *, today: date, note: str = ""
    ) -> CertificateCheckRecord:
        """The signed-in person saw this course's certificate: it counts as verified."""
        return self.verify_many(
            [CheckRequest(roll_no, code, course=course, note=note)], today=today
        )[0]

    def verify_program(
        self, roll_no: str, program: str, code: str, *, today: date, note: str = ""
    ) -> CertificateCheckRecord:
        """The signed-in person saw this program's certificate (a completed program)."""
        return self.verify_many(
            [CheckRequest(roll_no, code, program=program, note=note)], today=today
        )[0]

    def verify_many(
        self, requests: Sequence[CheckRequest], *, today: date
    ) -> list[CertificateCheckRecord]:
        """Several checks in one transaction: all are recorded, or (any one refused) none, and
        the refusal names each bad row."""
        actor = self._require_role(Role.ADVISOR, "recording a certificate check")
        if not requests:
            raise ValidationError("Choose at least one certificate to record.")
        problems: list[str] = []
        out: list[CertificateCheckRecord] = []
        with self._db.begin() as session:
            audits: dict[int, AuditResult] = {}
            for request in requests:
                try:
                    out.append(self._check(session, request, actor.user_name, today, audits))
                except AdvisorError as refused:
                    if len(requests) == 1:
                        raise
                    problems.append(f"{request.roll_no}, {request.item}: {refused}")
            if problems:
                raise ValidationError(
                    f"Nothing was recorded: {len(problems)} of {len(requests)} checks cannot be "
                    "recorded.",
                    problems,
                    nothing_changed=True,
                )
        return out

    def _check(
        self,
        session: Session,
        request: CheckRequest,
        user: str,
        today: date,
        audits: dict[int, AuditResult],
    ) -> CertificateCheckRecord:
        if bool(request.course) == bool(request.program):
            raise ValidationError("Say which certificate: a course or a program (one of them).")
        code, kind = checked_code(request.code)
        sid = require_student_id(session, request.roll_no)
        roll_no = request.roll_no.strip()
        if request.course:
            if kind == "program":
                raise ValidationError(
                    "That URL is a Specialization or Professional Certificate: record it for "
                    "the program, not for a course."
                )
            course_id, title = _catalog_item(session, Course, request.course, "course")
            _verify_course_record(session, sid, course_id, title, roll_no, code, user, today)
            check = CertificateCheck(student_id=sid, course_id=course_id)
            slug, what = request.course.strip(), "course"
        else:
            if kind == "course":
                raise ValidationError(
                    "That URL is a course certificate: record it for the course, or give the "
                    "program's own certificate code."
                )
            program_id, title = _catalog_item(session, Program, request.program or "", "program")
            slug, what = (request.program or "").strip(), "program"
            if sid not in audits:
                audits[sid] = audit_one(session, sid, today=today)
            _require_completed_program(audits[sid], slug, title, roll_no)
            _verify_program_record(session, sid, program_id, code)
            check = CertificateCheck(student_id=sid, program_id=program_id)
        check.code, check.reference = code, request.code.strip()[:300]
        check.checked_on, check.note = today, request.note.strip()
        session.add(check)
        session.flush()
        self._record(
            session,
            "certificate.verify",
            f"{what} {slug}",
            roll_no=roll_no,
            summary=f"certificate {code} checked on {today.isoformat()}: not verified → verified",
            reason=check.note,
        )
        return CertificateCheckRecord(
            id=check.id,
            roll_no=roll_no,
            kind=what,
            slug=slug,
            title=title,
            code=code,
            reference=check.reference,
            checked_on=today,
            checked_by=user,
            note=check.note,
        )


def _catalog_item(
    session: Session, model: type[Course] | type[Program], slug: str, what: str
) -> tuple[int, str]:
    found = session.execute(select(model.id, model.title).where(model.slug == slug.strip())).first()
    if found is None:
        raise NotFoundError(f"There is no {what} '{slug.strip()}' in the catalog.")
    return found[0], found[1]


def _verify_course_record(
    session: Session,
    student_id: int,
    course_id: int,
    title: str,
    roll_no: str,
    code: str,
    user: str,
    today: date,
) -> None:
    row = session.scalar(
        select(CourseProgress).where(
            CourseProgress.student_id == student_id, CourseProgress.course_id == course_id
        )
    )
    if row is None:
        raise ValidationError(
            f"'{title}' is not part of {roll_no}'s record: no progress on it was imported. "
            "Check the course, or import the student's Coursera export first."
        )
    if row.status != "completed":
        state = STATUS_WORDS.get(row.status, row.status)
        raise ValidationError(
            f"'{title}' is {state} ({row.progress:g} %) in {roll_no}'s record, not completed: "
            "only a completed course's certificate can be checked. If the student has "
            "finished it, import a newer Coursera export or mark it complete (Exceptions)."
        )
    if not row.certificate.strip():
        row.certificate = code  # the code the person saw (an imported URL is kept as it is)
    row.verified_by = user
    row.verified_at = datetime.combine(today, time())


def _require_completed_program(audit: AuditResult, slug: str, title: str, roll_no: str) -> None:
    program = audit.program(slug)
    if program is None or program.status == "not_started":
        raise ValidationError(
            f"'{title}' is not part of {roll_no}'s record: no course of it was started."
        )
    if program.status != "completed":
        raise ValidationError(
            f"'{title}' is not complete in {roll_no}'s record ({program.courses_done} of "
            f"{program.courses_required} courses): a program certificate can be checked once "
            "its courses are recorded as completed; until then, check each course's certificate."
        )


def _verify_program_record(session: Session, student_id: int, program_id: int, code: str) -> None:
    row = session.scalar(
        select(ProgramCertificate).where(
            ProgramCertificate.student_id == student_id,
            ProgramCertificate.program_id == program_id,
        )
    )
    if row is None:
        # No completion date of its own: the audit dates the program by its courses.
        session.add(
            ProgramCertificate(
                student_id=student_id, program_id=program_id, certificate=code, source="manual"
            )
        )
    elif not row.certificate.strip():
        row.certificate = code
