"""What the letter service returns, and how a letter's lines come from an audit: only the
programs whose credits are verified (eligible), in slot order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from advisor.model.audit.result import AuditResult
from advisor.model.certificate_code import certificate_code
from advisor.model.file_names import safe_file_name
from advisor.model.schema import Letter
from advisor.model.services.letter_register import Standing
from advisor.reports.documents import LetterData, Letterhead, LetterLine
from advisor.reports.letter_renderer import render_letter

Progress = Callable[[int, int, str], None]
EligibilityStatus = Literal["eligible", "has_letter", "not_eligible"]


class CancelFlag(Protocol):
    """Anything with a `cancelled` property: the UI's task token, or `StopFlag` below."""

    @property
    def cancelled(self) -> bool: ...


class StopFlag:
    """A plain cancel flag for callers without a UI token (tests, Ctrl-C in the command line)."""

    def __init__(self) -> None:
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    @property
    def cancelled(self) -> bool:
        return self._stop


@dataclass(frozen=True)
class LetterRecord:
    """One row of the register."""

    reference: str
    roll_no: str
    name: str
    issued_on: date
    credits: int
    status: str  # issued | revoked
    code: str
    duplicate_count: int


@dataclass(frozen=True)
class IssuedLetter:
    record: LetterRecord
    document: LetterData
    letterhead: Letterhead
    signed_pdf: bytes | None = None  # the PDF as issued, signed by the institution key

    def pdf(self) -> bytes:
        """The signed PDF when the service made one, else an unsigned rendering (a specimen)."""
        return self.signed_pdf or render_letter(self.document, self.letterhead)


@dataclass(frozen=True)
class SkippedStudent:
    roll_no: str
    name: str
    reason: str


@dataclass(frozen=True)
class EligibilityRow:
    """One student of a cohort as the letters desk shows them before a batch."""

    roll_no: str
    name: str
    intake: str
    eligible_credits: int
    pending_credits: int
    status: EligibilityStatus
    reason: str


@dataclass(frozen=True)
class BatchResult:
    issued: tuple[LetterRecord, ...]
    skipped: tuple[SkippedStudent, ...]
    files: tuple[Path, ...]
    cancelled: bool
    total: int


def printed_certificate(certificate: str) -> str:
    """A verify URL prints as its code; a program verified course by course says so."""
    return certificate_code(certificate) or "course certificates on file"


def eligible_lines(audit: AuditResult) -> tuple[tuple[LetterLine, ...], tuple[str, ...]]:
    """The programs whose credits are verified (eligible), in slot order, with their slugs."""
    picked = [p for p in audit.counted_programs if p.credit_status == "eligible" and p.credits > 0]
    lines = []
    for p in picked:
        slot = audit.requirement(p.counted_for or "")
        lines.append(
            LetterLine(
                p.title,
                p.provider,
                p.completed_on,
                printed_certificate(p.certificate),
                p.counted_for or "",
                slot.title if slot else "",
                p.credits,
            )
        )
    return tuple(lines), tuple(p.slug for p in picked)


def refusal(audit: AuditResult) -> str:
    """Why a student gets no letter, in words a clerk can pass on."""
    if audit.policy_year is None:
        return f"degree {audit.degree} has no credit policy yet"
    if audit.pending_credits:
        return (
            f"no verified credits yet: {audit.pending_credits} credit hours wait for a "
            "certificate to be recorded or verified"
        )
    return "no completed certification counts toward a requirement yet"


def record_of(row: Letter, roll_no: str, name: str, standing: Standing) -> LetterRecord:
    return LetterRecord(
        row.reference,
        roll_no,
        name,
        row.issued_on,
        row.credits,
        standing.status,
        row.verification_code,
        standing.duplicates,
    )


def file_name(record: LetterRecord) -> str:
    """Safe on any disk for any roll number (`2019/CS/123` is not a folder)."""
    return safe_file_name(f"{record.reference.replace('/', '-')}_{record.roll_no}", ".pdf")
