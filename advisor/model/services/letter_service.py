"""Credit-eligibility letters: issue (from the audit, verified credits only), reprint, revoke,
verify, list, and batch-issue a cohort. Each letter is numbered in the transaction that
stores it."""

from __future__ import annotations

import builtins
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.audit.loading import load_catalog, load_degrees, load_students
from advisor.model.database import Database
from advisor.model.errors import ConflictError, NotFoundError, ValidationError
from advisor.model.rehearsal import RehearsalDatabase
from advisor.model.schema import Letter, LetterEvent, Student
from advisor.model.services.audit_service import audit_loaded, audit_one
from advisor.model.services.letter_records import (
    BatchResult,
    CancelFlag,
    EligibilityRow,
    EligibilityStatus,
    IssuedLetter,
    LetterRecord,
    Progress,
    SkippedStudent,
    StopFlag,
    Verification,
    eligible_lines,
    file_name,
    record_of,
    refusal,
)
from advisor.model.services.letter_register import (
    is_intact,
    letter_data,
    letter_key,
    normalise_code,
    register_letter,
)
from advisor.model.services.printed_facts import letterhead_of, require_student, student_facts
from advisor.model.services.student_service import filtered_students

# The values the service hands out live in letter_records; screens import them from here too.
__all__ = ["BatchResult", "EligibilityRow", "IssuedLetter", "LetterRecord", "LetterService",
           "SkippedStudent", "StopFlag", "Verification"]  # fmt: skip
from advisor.reports.documents import LetterLine
from advisor.reports.letter_renderer import render_letters


class LetterService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def prepare(self) -> None:
        """Make the register's secret key now (at `init`) rather than at the first letter."""
        with self._db.begin() as session:
            letter_key(session)

    # --- issuing ------------------------------------------------------------------------------

    def issue(self, roll_no: str, *, today: date, by: str = "local") -> IssuedLetter:
        """Number, seal and register a letter for the student's verified credits."""
        with self._db.begin() as session:
            return self._issue_in(session, roll_no, today=today, by=by)

    def _issue_in(self, session: Session, roll_no: str, *, today: date, by: str) -> IssuedLetter:
        head, prefix = letterhead_of(session)
        student = require_student(session, roll_no)
        audit = audit_one(session, student.id, today=today)
        lines, slugs = eligible_lines(audit)
        if not lines:
            raise ValidationError(
                f"No letter for {student.roll_no} ({student.name}): {refusal(audit)}."
            )
        same = self._valid_letter_with(session, student.id, lines, slugs)
        if same is not None:
            raise ConflictError(
                f"{student.roll_no} already holds letter {same} for these credits: reprint it "
                f"(letter reprint {same}) or revoke it before issuing a new one."
            )
        registered = register_letter(
            session, student=student, facts=student_facts(student), prefix=prefix, today=today,
            policy_year=audit.policy_year, lines=lines, slugs=slugs, by=by,
        )  # fmt: skip
        row = session.get(Letter, registered.letter_id)
        assert row is not None
        return IssuedLetter(record_of(row, student.roll_no, student.name), registered.data, head)

    @staticmethod
    def _valid_letter_with(
        session: Session, student_id: int, lines: tuple[LetterLine, ...], slugs: tuple[str, ...]
    ) -> str | None:
        wanted = sorted(
            (slug, line.slot, line.credits) for slug, line in zip(slugs, lines, strict=True)
        )
        letters = session.scalars(
            select(Letter).options(selectinload(Letter.lines))
            .where(Letter.student_id == student_id, Letter.status == "issued")
        )  # fmt: skip
        for letter in letters:
            if sorted((x.program_slug, x.slot_code, x.credits) for x in letter.lines) == wanted:
                return letter.reference
        return None

    def issue_batch(
        self,
        *,
        degree: str | None = None,
        intake: str | None = None,
        today: date,
        output: Path,
        per_student: bool,
        progress: Progress | None = None,
        cancel: CancelFlag | None = None,
        by: str = "local",
    ) -> BatchResult:
        """A letter for every selected student with verified credits; each letter is numbered and
        committed on its own, so stopping half-way keeps every letter issued so far (and prints
        them). `per_student` writes one PDF per letter into the folder `output`."""
        with self._db.begin() as session:
            letterhead_of(session)  # refuse before anything is numbered
            students = [
                (s.roll_no, s.name) for s in session.scalars(filtered_students(degree, intake))
            ]
        if not students:
            raise NotFoundError("No student matches that degree and intake.")
        if per_student:
            output.mkdir(parents=True, exist_ok=True)
        issued: list[IssuedLetter] = []
        skipped: list[SkippedStudent] = []
        files: list[Path] = []
        report = progress or (lambda done, total, message: None)
        total = len(students)
        cancelled = False
        for done, (roll_no, name) in enumerate(students):
            if cancel is not None and cancel.cancelled:
                cancelled = True
                break
            try:
                letter = self.issue(roll_no, today=today, by=by)
            except (ValidationError, ConflictError) as exc:
                reason = str(exc).removeprefix(f"No letter for {roll_no} ({name}): ").rstrip(".")
                skipped.append(SkippedStudent(roll_no, name, reason))
                report(done + 1, total, f"{roll_no} skipped")
                continue
            issued.append(letter)
            if per_student:
                target = output / file_name(letter.record)
                target.write_bytes(letter.pdf())
                files.append(target)
            report(done + 1, total, f"{letter.record.reference} issued to {roll_no}")
        if issued and not per_student:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(render_letters([i.document for i in issued], issued[0].letterhead))
            files.append(output)
        return BatchResult(
            tuple(i.record for i in issued), tuple(skipped), tuple(files), cancelled, total
        )

    # --- the register -------------------------------------------------------------------------

    def _require(self, session: Session, reference: str) -> tuple[Letter, Student]:
        found = session.execute(
            select(Letter, Student).join(Student, Student.id == Letter.student_id)
            .where(Letter.reference == reference.strip())
        ).first()  # fmt: skip
        if found is None:
            raise NotFoundError(f"There is no letter {reference.strip()} in the register.")
        return found[0], found[1]

    def reprint(self, reference: str, *, by: str = "local") -> IssuedLetter:
        """The registered letter again, marked DUPLICATE; the copy is counted in the register."""
        with self._db.begin() as session:
            row, student = self._require(session, reference)
            if row.status == "revoked":
                raise ConflictError(
                    f"Letter {row.reference} was revoked; a revoked letter is not reprinted."
                )
            head, _ = letterhead_of(session)
            row.duplicate_count += 1
            session.add(
                LetterEvent(
                    letter_id=row.id, kind="duplicate", by=by, note=f"copy {row.duplicate_count}"
                )
            )
            session.flush()
            return IssuedLetter(
                record_of(row, student.roll_no, student.name),
                letter_data(row, duplicate=True),
                head,
            )

    def revoke(self, reference: str, *, reason: str, by: str = "local") -> LetterRecord:
        """Mark a letter revoked, recording who, when and why; nothing is deleted."""
        if not reason.strip():
            raise ValidationError(
                "Say why the letter is revoked (--reason TEXT): the register keeps it."
            )
        with self._db.begin() as session:
            row, student = self._require(session, reference)
            if row.status == "revoked":
                raise ConflictError(f"Letter {row.reference} is already revoked.")
            row.status = "revoked"
            session.add(LetterEvent(letter_id=row.id, kind="revoked", by=by, note=reason.strip()))
            session.flush()
            return record_of(row, student.roll_no, student.name)

    def verify(self, code: str) -> Verification:
        """valid | revoked | unknown, checked offline against the register and its key."""
        normal = normalise_code(code)
        unknown = Verification(
            "unknown",
            None,
            None,
            None,
            None,
            None,
            "No letter in the register carries this verification code.",
        )
        if normal is None:
            return unknown
        with self._db.begin() as session:
            found = session.execute(
                select(Letter, Student).join(Student, Student.id == Letter.student_id)
                .where(Letter.verification_code == normal)
            ).first()  # fmt: skip
            if found is None:
                return unknown
            row, student = found
            if not is_intact(session, row):
                return Verification(
                    "unknown",
                    row.reference,
                    student.roll_no,
                    student.name,
                    None,
                    None,
                    "The register entry no longer matches its code: it was altered.",
                )
            if row.status == "revoked":
                event = session.scalars(
                    select(LetterEvent)
                    .where(LetterEvent.letter_id == row.id, LetterEvent.kind == "revoked")
                    .order_by(LetterEvent.id.desc())
                ).first()  # fmt: skip
                why = f" on {event.at:%d %b %Y} by {event.by}: {event.note}" if event else ""
                return Verification(
                    "revoked",
                    row.reference,
                    student.roll_no,
                    student.name,
                    row.credits,
                    row.issued_on,
                    f"Letter {row.reference} was revoked{why}.",
                )
            return Verification(
                "valid",
                row.reference,
                student.roll_no,
                student.name,
                row.credits,
                row.issued_on,
                f"Letter {row.reference} is genuine and in force.",
            )

    def eligibility(
        self, *, degree: str | None = None, intake: str | None = None, today: date
    ) -> list[EligibilityRow]:
        """Whom a batch would give a letter and why the others get none: the same audit and the
        same 'already holds this letter' rule as `issue`, for the whole cohort in one read."""
        with self._db.begin() as session:
            catalog, degrees = load_catalog(session), load_degrees(session)
            selected = filtered_students(degree, intake)
            ids = dict(
                session.execute(selected.with_only_columns(Student.roll_no, Student.id)).all()
            )
            rows = []
            for student in load_students(
                session, selected.with_only_columns(Student.id).order_by(None)
            ):
                audit = audit_loaded(student, catalog, degrees, today=today)
                lines, slugs = eligible_lines(audit)
                held = (
                    self._valid_letter_with(session, ids[student.roll_no], lines, slugs)
                    if lines
                    else None
                )
                status: EligibilityStatus
                if not lines:
                    status, reason = "not_eligible", refusal(audit)
                elif held is not None:
                    status, reason = "has_letter", f"already holds letter {held} for these credits"
                else:
                    status, reason = "eligible", "; ".join(f"{x.program} ({x.slot})" for x in lines)
                rows.append(
                    EligibilityRow(
                        student.roll_no,
                        student.name,
                        student.intake,
                        audit.eligible_credits,
                        audit.pending_credits,
                        status,
                        reason,
                    )
                )
            return sorted(rows, key=lambda row: row.roll_no)

    def preview(self, roll_no: str, *, today: date) -> IssuedLetter:
        """The letter `issue` would make now, rehearsed and rolled back: nothing is numbered or
        registered. The desk shows it as a specimen, never to print."""
        return LetterService(RehearsalDatabase(self._db)).issue(roll_no, today=today)  # type: ignore[arg-type]

    def list(self, *, roll_no: str | None = None) -> list[LetterRecord]:
        with self._db.begin() as session:
            query = (
                select(Letter, Student.roll_no, Student.name)
                .join(Student, Student.id == Letter.student_id)
                .order_by(Letter.year, Letter.prefix, Letter.serial)
            )
            if roll_no:
                query = query.where(Student.roll_no == roll_no.strip())
            return [record_of(row, r, n) for row, r, n in session.execute(query)]

    # `builtins.list`: inside this class `list` names the `list` method above
    def history(self, reference: str) -> builtins.list[tuple[str, str, str, str]]:
        """The letter's events: (kind, when, who, note), oldest first."""
        with self._db.begin() as session:
            row, _ = self._require(session, reference)
            events = session.scalars(
                select(LetterEvent).where(LetterEvent.letter_id == row.id).order_by(LetterEvent.id)
            )
            return [(e.kind, e.at.isoformat(timespec="seconds"), e.by, e.note) for e in events]
