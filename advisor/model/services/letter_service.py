"""Credit-eligibility letters: issue (from the audit, verified credits only), reprint, revoke,
verify, list, and batch-issue a cohort. Each letter is numbered in the transaction that
stores it."""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.hashes import SHA256
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.audit.student_audit import audit_loaded
from advisor.model.errors import (
    ConflictError,
    NotEligibleError,
    NotFoundError,
    ServerUnreachableError,
    ValidationError,
)
from advisor.model.file_names import check_writable_folder
from advisor.model.rehearsal import RehearsalDatabase
from advisor.model.schema import Letter, LetterEvent, SigningKey, Student
from advisor.model.server_errors import batch_stopped
from advisor.model.services.batch_journal import (
    Journal,
    close_journal,
    journal_references,
    open_journal,
    stopped_batches,
)
from advisor.model.services.batch_snapshot import BatchSnapshot, read_snapshot
from advisor.model.services.letter_facts import with_certificate_facts
from advisor.model.services.letter_files import write_atomically
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
    eligible_lines,
    file_name,
    record_of,
    refusal,
)
from advisor.model.services.letter_register import (
    Standing,
    fingerprint_of,
    letters_in_force,
    printed_letter,
    register_letter,
    same_credits,
    standings,
)
from advisor.model.services.letter_verification import (
    PdfVerification,
    Verification,
    verify_text,
)
from advisor.model.services.printed_facts import (
    letterhead_of,
    signed_by_degree,
    student_facts,
    with_letter_people,
)
from advisor.model.services.signing_keys import signing_key_for, trusted_public_keys
from advisor.model.signing.keychain import Keychain, SpecimenKeychain
from advisor.model.signing.pdf_signature import pdf_signature_intact, seals_in_pdf, sign_pdf
from advisor.model.signing.qr_reading import qr_texts_in_image
from advisor.model.signing.sealed_text import read_seal
from advisor.model.store.audit_inputs import audit_one, load_catalog, load_degrees, load_students
from advisor.model.store.protocol import Store
from advisor.model.store.students import filtered_students, require_student

# The values the service hands out live in letter_records; screens import them from here too.
__all__ = [
    "BatchResult",
    "EligibilityRow",
    "IssuedLetter",
    "LetterRecord",
    "LetterService",
    "SkippedStudent",
    "StopFlag",
    "Verification",
]
from advisor.model.change_log import ChainHead, sign_head
from advisor.model.roles import Role
from advisor.model.services.service_base import Service
from advisor.reports.documents import LetterData, Letterhead
from advisor.reports.letter_renderer import render_letter, render_letters

Signer = tuple[SigningKey, ec.EllipticCurvePrivateKey]
PDF_REASON = "Credit-eligibility letter issued by the institution"


def _holds_all(output: Path, references: builtins.list[str]) -> bool:
    """The batch's PDF is there, whole, with a sealed letter for every journalled reference."""
    try:
        seals = seals_in_pdf(output.read_bytes()) if output.is_file() else []
    except (OSError, ValueError):
        return False
    sealed = {str(read_seal(text).content.get("reference")) for text in seals}
    return bool(seals) and set(references) <= sealed


class LetterService(Service):
    def __init__(self, db: Store, keychain: Keychain | None = None) -> None:
        super().__init__(db)
        self._keychain = keychain if keychain is not None else Keychain()

    # --- issuing ------------------------------------------------------------------------------

    def issue(self, roll_no: str, *, today: date, output: Path | None = None) -> IssuedLetter:
        """Number, seal and register a letter for the student's verified credits, with its PDF
        signed. With `output`, the file is written (whole, atomically) before the number is
        committed: if it cannot be written, nothing is numbered."""
        by = self._require_role(Role.OFFICE, "issuing a letter").user_name
        with self._db.begin() as session:
            signer = signing_key_for(session, self._keychain)  # ask before numbering anything
            letter = self._issue_in(session, roll_no, today=today, by=by, signer=signer)
            pdf = self._signed(render_letter(letter.document, letter.letterhead), signer)
            if output is not None:
                write_atomically(output, pdf)
            return replace(letter, signed_pdf=pdf)

    def _signed(self, pdf: bytes, signer: Signer) -> bytes:
        if isinstance(self._keychain, SpecimenKeychain):
            return pdf  # a preview is a specimen: never signed
        return sign_pdf(pdf, signer[1], signer[0].certificate, reason=PDF_REASON)

    def _issue_in(
        self,
        session: Session,
        roll_no: str,
        *,
        today: date,
        by: str,
        signer: Signer,
        snapshot: BatchSnapshot | None = None,
    ) -> IssuedLetter:
        """`snapshot`: what a batch read once for its cohort, used while nobody else has written
        since (batch_snapshot.py; `signer_for` looked in this transaction); else everything is
        read afresh."""
        prepared = snapshot.current(roll_no) if snapshot is not None else None
        if prepared is not None and snapshot is not None:
            head, prefix, student = snapshot.head, snapshot.prefix, prepared.student
            audit = audit_loaded(prepared.records, snapshot.catalog, snapshot.degrees, today=today)
            held = list(prepared.held)
        else:
            head, prefix = letterhead_of(session)
            student = require_student(session, roll_no)
            audit = audit_one(session, student.id, today=today)
            held = letters_in_force(session, student.id)
        lines, slugs = eligible_lines(audit)
        if not lines:
            raise NotEligibleError(student.roll_no, student.name, refusal(audit))
        same = same_credits(held, lines, slugs)
        if same is not None:
            raise ConflictError(
                f"{student.roll_no} already holds letter {same} for these credits: reprint it "
                f"(letter reprint {same}) or revoke it before issuing a new one."
            )
        # Never two letters in force for the same credit: the new one supersedes what is held.
        registered = register_letter(
            session,
            student=student,
            facts=student_facts(student),
            head=signed_by_degree(head, student),
            prefix=prefix,
            today=today,
            policy_year=audit.policy_year,
            lines=lines,
            slugs=slugs,
            signer=signer,
            by=by,
            supersedes=tuple(held),
            key_fingerprint=snapshot.key_fingerprint if prepared and snapshot else None,
        )
        row = registered.row
        event = self._record(
            session,
            "letter.issue",
            row.reference,
            roll_no=student.roll_no,
            summary=f"{row.credits} credit hours",
            after=snapshot.log_head if prepared and snapshot else None,
        )
        logged = ChainHead(event.id, event.hash)
        if not isinstance(self._keychain, SpecimenKeychain):  # the key also signs the log's head
            sign_head(
                session,
                lambda message: signer[1].sign(message, ec.ECDSA(SHA256())),
                signer[0].public_key,
                note=row.reference,
                current=logged,
            )
        if snapshot is not None:
            snapshot.advance(logged)
        return IssuedLetter(
            record_of(row, student.roll_no, student.name, Standing("issued", 0)),
            self._printed(session, student, registered.data, slugs, snapshot if prepared else None),
            registered.letterhead,
        )

    @staticmethod
    def _printed(
        session: Session,
        student: Student,
        data: LetterData,
        slugs: tuple[str, ...],
        snapshot: BatchSnapshot | None = None,
    ) -> LetterData:
        """The sealed letter with what it prints besides: each line's course certificate codes
        and how it was verified, the degree's department and the institution's wording (from
        the batch's snapshot when it has one)."""
        if snapshot is not None:
            lines = snapshot.with_facts(student, data.lines, slugs)
            return snapshot.with_people(student, replace(data, lines=lines))
        lines = with_certificate_facts(session, student.id, data.lines, slugs)
        return with_letter_people(session, student, replace(data, lines=lines))

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
    ) -> BatchResult:
        """A letter for every selected student with verified credits; each letter is numbered and
        committed on its own, so stopping half-way keeps every letter issued so far (and prints
        them). `per_student` writes one signed PDF per letter into the folder `output`."""
        by = self._require_role(Role.OFFICE, "issuing letters").user_name
        with self._db.begin() as session:
            letterhead_of(session)  # refuse before anything is numbered
            signer = signing_key_for(session, self._keychain)  # unlocked once for the batch
            students = [
                (s.roll_no, s.name) for s in session.scalars(filtered_students(degree, intake))
            ]
        if not students:
            raise NotFoundError("No student matches that degree and intake.")
        with self._db.begin() as session:  # read once for the whole batch, not once a letter
            snapshot = read_snapshot(session, [roll_no for roll_no, _ in students], signer)
        if per_student:
            check_writable_folder(output)  # before any letter is numbered
            return self._run_batch(students, output, None, today, by, progress, cancel, snapshot)
        with open_journal(output) as journal:
            result = self._run_batch(
                students, output, journal, today, by, progress, cancel, snapshot
            )
        return result

    def _run_batch(
        self,
        students: builtins.list[tuple[str, str]],
        output: Path,
        journal: Journal | None,
        today: date,
        by: str,
        progress: Progress | None,
        cancel: CancelFlag | None,
        snapshot: BatchSnapshot,
    ) -> BatchResult:
        issued: builtins.list[IssuedLetter] = []
        skipped: builtins.list[SkippedStudent] = []
        files: builtins.list[Path] = []
        report = progress or (lambda done, total, message: None)
        total = len(students)
        cancelled = False
        for done, (roll_no, name) in enumerate(students):
            if cancel is not None and cancel.cancelled:
                cancelled = True
                break
            try:
                if journal is None:
                    letter = self._issue_to_folder(
                        roll_no, output, today=today, by=by, snapshot=snapshot
                    )
                    files.append(output / file_name(letter.record))
                else:
                    with self._db.begin() as session:
                        signer = snapshot.signer_for(session, self._keychain)
                        letter = self._issue_in(
                            session, roll_no, today=today, by=by, signer=signer, snapshot=snapshot
                        )
                        journal.record(letter.record.reference)  # before the commit
            except ServerUnreachableError as exc:
                raise batch_stopped([i.record.reference for i in issued], exc) from exc
            except (ValidationError, ConflictError) as exc:
                reason = exc.reason if isinstance(exc, NotEligibleError) else str(exc).rstrip(".")
                skipped.append(SkippedStudent(roll_no, name, reason))
                report(done + 1, total, f"{roll_no} skipped")
                continue
            issued.append(letter)
            report(done + 1, total, f"{letter.record.reference} issued to {roll_no}")
        if issued and journal is not None:
            self._write_batch_pdf(output, [i.document for i in issued], issued[0].letterhead)
            files.append(output)
        if journal is not None:
            close_journal(output)
        return BatchResult(
            tuple(i.record for i in issued), tuple(skipped), tuple(files), cancelled, total
        )

    def _write_batch_pdf(
        self, output: Path, documents: builtins.list[LetterData], head: Letterhead
    ) -> None:
        with self._db.begin() as session:
            signer = signing_key_for(session, self._keychain)
        write_atomically(output, self._signed(render_letters(documents, head), signer))

    def stopped_batches(self, folder: Path) -> builtins.list[Path]:
        """The batch PDFs in the folder whose batch stopped before writing them."""
        return stopped_batches(folder)

    def resume_batch(self, output: Path) -> BatchResult:
        """Print, as originals, the letters a stopped batch registered before it could write its
        PDF (named by its journal); then the journal goes, so they are printed once."""
        references = journal_references(output)
        if _holds_all(output, references):  # stopped after writing its PDF, before the journal went
            close_journal(output)
            return BatchResult((), (), (output,), False, 0)
        with self._db.begin() as session:
            head, _ = letterhead_of(session)
            rows = session.scalars(
                select(Letter)
                .options(selectinload(Letter.seal))
                .where(Letter.reference.in_(references))
                .order_by(Letter.id)
            ).all()
            standing = standings(session, [row.id for row in rows])
            keys = {k.key_id: fingerprint_of(k) for k in session.scalars(select(SigningKey))}
            students = dict(session.execute(select(Student.id, Student.roll_no)).all())
            names = dict(session.execute(select(Student.id, Student.name)).all())
        kept = [row for row in rows if row.seal is not None]
        printed = [
            printed_letter(
                row.seal.sealed, row.verification_code, keys.get(row.seal.key_id, ""), head.logo
            )
            for row in kept
            if row.seal is not None
        ]
        if printed:
            self._write_batch_pdf(output, [document for document, _ in printed], printed[0][1])
        close_journal(output)
        records = tuple(
            record_of(row, students[row.student_id], names[row.student_id], standing[row.id])
            for row in kept
        )
        return BatchResult(records, (), (output,) if printed else (), False, len(records))

    def _issue_to_folder(
        self, roll_no: str, folder: Path, *, today: date, by: str, snapshot: BatchSnapshot
    ) -> IssuedLetter:
        """One letter whose signed file is in the folder before its number is committed."""
        with self._db.begin() as session:
            signer = snapshot.signer_for(session, self._keychain)
            letter = self._issue_in(
                session, roll_no, today=today, by=by, signer=signer, snapshot=snapshot
            )
            pdf = self._signed(render_letter(letter.document, letter.letterhead), signer)
            write_atomically(folder / file_name(letter.record), pdf)
            return replace(letter, signed_pdf=pdf)

    # --- the register -------------------------------------------------------------------------

    def _require(self, session: Session, reference: str) -> tuple[Letter, Student]:
        found = session.execute(
            select(Letter, Student)
            .join(Student, Student.id == Letter.student_id)
            .where(Letter.reference == reference.strip())
        ).first()
        if found is None:
            raise NotFoundError(f"There is no letter {reference.strip()} in the register.")
        return found[0], found[1]

    def duplicate(self, reference: str) -> IssuedLetter:
        """The registered letter again, exactly as sealed, marked DUPLICATE and signed, for a
        preview: nothing is counted until the copy is printed or saved (`count_duplicate`)."""
        self._require_role(Role.OFFICE, "reprinting a letter")
        with self._db.begin() as session:
            row, student, standing = self._in_force(session, reference)
            return self._duplicate_copy(session, row, student, standing.duplicates)

    def count_duplicate(self, reference: str, *, how: str = "printed") -> LetterRecord:
        """A DUPLICATE copy left Sanad (`how`: printed or saved): the register counts it."""
        by = self._require_role(Role.OFFICE, "reprinting a letter").user_name
        with self._db.begin() as session:
            row, student, standing = self._in_force(session, reference)
            copies = self._count_copy(session, row, student, standing.duplicates, by, how)
            return record_of(row, student.roll_no, student.name, Standing("issued", copies))

    def reprint(self, reference: str, *, output: Path | None = None) -> IssuedLetter:
        """A DUPLICATE copy made and counted at once (the command line, which writes it); with
        `output`, counted only once the file is written."""
        by = self._require_role(Role.OFFICE, "reprinting a letter").user_name
        with self._db.begin() as session:
            row, student, standing = self._in_force(session, reference)
            copies = self._count_copy(session, row, student, standing.duplicates, by, "saved")
            letter = self._duplicate_copy(session, row, student, copies)
            if output is not None:
                write_atomically(output, letter.pdf())
            return letter

    def _in_force(self, session: Session, reference: str) -> tuple[Letter, Student, Standing]:
        row, student = self._require(session, reference)
        standing = standings(session, [row.id])[row.id]
        if standing.status != "issued":
            raise ConflictError(
                f"Letter {row.reference} was {standing.status}; only a letter in force is "
                "reprinted."
            )
        if row.seal is None:
            raise ConflictError(
                f"Letter {row.reference} was numbered before the institution key was made: "
                "make the key (Settings → Signing key) and it is sealed, then reprint it."
            )
        return row, student, standing

    def _count_copy(
        self, session: Session, row: Letter, student: Student, before: int, by: str, how: str
    ) -> int:
        copies = before + 1
        session.add(
            LetterEvent(letter_id=row.id, kind="duplicate", by=by, note=f"copy {copies} ({how})")
        )
        session.flush()
        self._record(
            session,
            "letter.reprint",
            row.reference,
            roll_no=student.roll_no,
            summary=f"duplicate copy {copies} {how}",
        )
        return copies

    def _duplicate_copy(
        self, session: Session, row: Letter, student: Student, copies: int
    ) -> IssuedLetter:
        assert row.seal is not None  # _in_force refused an unsealed letter
        signer = signing_key_for(session, self._keychain)
        key_row = session.get(SigningKey, row.seal.key_id)
        logo = letterhead_of(session)[0].logo
        document, head = printed_letter(
            row.seal.sealed,
            row.verification_code,
            fingerprint_of(key_row) if key_row else "",
            logo,
            duplicate=True,
        )
        slugs = tuple(line.program_slug for line in sorted(row.lines, key=lambda x: x.position))
        if len(slugs) == len(document.lines):
            document = self._printed(session, student, document, slugs)
        record = record_of(row, student.roll_no, student.name, Standing("issued", copies))
        pdf = self._signed(render_letter(document, head), signer)
        return IssuedLetter(record, document, head, pdf)

    def revoke(self, reference: str, *, reason: str) -> LetterRecord:
        """Mark a letter revoked, recording who, when and why; nothing is deleted."""
        by = self._require_role(Role.CONTROLLER, "revoking a letter").user_name
        if not reason.strip():
            raise ValidationError(
                "Say why the letter is revoked (--reason TEXT): the register keeps it."
            )
        with self._db.begin() as session:
            row, student = self._require(session, reference)
            standing = standings(session, [row.id])[row.id]
            if standing.status == "revoked":
                raise ConflictError(f"Letter {row.reference} is already revoked.")
            session.add(LetterEvent(letter_id=row.id, kind="revoked", by=by, note=reason.strip()))
            session.flush()
            self._record(
                session,
                "letter.revoke",
                row.reference,
                roll_no=student.roll_no,
                summary="issued → revoked",
                reason=reason.strip(),
            )
            return record_of(
                row, student.roll_no, student.name, Standing("revoked", standing.duplicates)
            )

    def verify(self, text: str) -> Verification:
        """Is the letter genuine? From the printed code (this register) or the QR code's text
        (any institution whose key this database trusts). Never writes anything."""
        with self._db.read() as session:
            return verify_text(session, text)

    def verify_image(self, data: bytes, *, name: str = "the image") -> list[Verification]:
        """Every letter whose QR code shows in a scan or a photo."""
        try:
            texts = qr_texts_in_image(data)
        except ValueError as exc:
            raise ValidationError(f"Cannot check {name}: {exc}.") from exc
        if not texts:
            raise ValidationError(
                f"No QR code could be read in {name}: scan or photograph the whole code, flat, "
                "in good light (150 dpi or more)."
            )
        return [self.verify(text) for text in texts]

    def verify_pdf(self, data: bytes, *, name: str = "the PDF") -> PdfVerification:
        """Every letter in a PDF that Sanad wrote, and whether the file's own signature still
        covers it unchanged."""
        try:
            seals = seals_in_pdf(data)
        except ValueError as exc:
            raise ValidationError(f"Cannot check {name}: {exc}.") from exc
        if not seals:
            raise ValidationError(f"{name} holds no Sanad letter (no sealed letter in the file).")
        with self._db.read() as session:
            trusted = trusted_public_keys(session)
            letters = tuple(verify_text(session, seal) for seal in seals)
        return PdfVerification(pdf_signature_intact(data, trusted), letters)

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
                in_force = letters_in_force(session, ids[student.roll_no]) if lines else []
                held = same_credits(in_force, lines, slugs)
                status: EligibilityStatus
                if not lines:
                    status, reason = "not_eligible", refusal(audit)
                elif held is not None:
                    status, reason = "has_letter", f"already holds letter {held} for these credits"
                else:
                    status, reason = "eligible", "; ".join(f"{x.program} ({x.slot})" for x in lines)
                    if in_force:
                        replaced = ", ".join(letter.reference for letter in in_force)
                        reason += f" — supersedes {replaced}"
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
        specimen = LetterService(RehearsalDatabase(self._db), SpecimenKeychain())
        return specimen.issue(roll_no, today=today)

    def list(self, *, roll_no: str | None = None) -> list[LetterRecord]:
        with self._db.read() as session:
            query = (
                select(Letter, Student.roll_no, Student.name)
                .join(Student, Student.id == Letter.student_id)
                .order_by(Letter.year, Letter.prefix, Letter.serial)
            )
            if roll_no:
                query = query.where(Student.roll_no == roll_no.strip())
            found = session.execute(query).all()
            standing = standings(session, [row.id for row, _, _ in found])
            return [record_of(row, r, n, standing[row.id]) for row, r, n in found]

    # `builtins.list`: inside this class `list` names the `list` method above
    def history(self, reference: str) -> builtins.list[tuple[str, str, str, str]]:
        """The letter's events: (kind, when, who, note), oldest first."""
        with self._db.read() as session:
            row, _ = self._require(session, reference)
            events = session.scalars(
                select(LetterEvent).where(LetterEvent.letter_id == row.id).order_by(LetterEvent.id)
            )
            return [(e.kind, e.at.isoformat(timespec="seconds"), e.by, e.note) for e in events]
