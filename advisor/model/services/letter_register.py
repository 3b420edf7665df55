"""The letter register inside an open transaction: the HMAC key, gap-free numbering, the
canonical content a verification code seals, and turning a register row back into a letter.

Callers hold one transaction (BEGIN IMMEDIATE on SQLite, a row lock elsewhere) around
`next_serial` and the insert of the letter, so a number is never used twice nor skipped: if the
letter cannot be stored, the number's increment rolls back with it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.schema import Letter, LetterEvent, LetterLine, LetterSeries, Setting, Student
from advisor.reports.documents import LetterData, StudentFacts
from advisor.reports.documents import LetterLine as PrintedLine

KEY_SETTING = "letter_hmac_key"
CODE_HEX_DIGITS = 16  # 64 bits: unguessable by hand, short enough to read over the phone
CONTENT_FORMAT = "sanad-letter/1"


def letter_key(session: Session) -> bytes:
    """The register's secret, made on first use and kept in the database (never printed)."""
    row = session.get(Setting, KEY_SETTING)
    if row is None:
        row = Setting(key=KEY_SETTING, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)


def next_serial(session: Session, prefix: str, year: int) -> int:
    """Take the next number of the prefix's series for the year, inside the caller's transaction."""
    series = session.scalars(
        select(LetterSeries)
        .where(LetterSeries.prefix == prefix, LetterSeries.year == year)
        .with_for_update()
    ).first()
    if series is None:
        series = LetterSeries(prefix=prefix, year=year, last_serial=0)
        session.add(series)
    series.last_serial += 1
    session.flush()
    return series.last_serial


def format_reference(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}/{year}/{serial:04d}"


def canonical_content(
    reference: str,
    issued_on: date,
    student: StudentFacts,
    policy_year: int | None,
    lines: tuple[PrintedLine, ...],
    slugs: tuple[str, ...],
) -> str:
    """Everything the letter certifies, as one deterministic JSON text (what the code seals)."""
    content = {
        "format": CONTENT_FORMAT,
        "reference": reference,
        "issued_on": issued_on.isoformat(),
        "student": {
            "roll_no": student.roll_no, "name": student.name, "father_name": student.father_name,
            "gender": student.gender, "cnic": student.cnic, "degree": student.degree,
            "degree_title": student.degree_title, "intake": student.intake,
        },
        "policy_year": policy_year,
        "lines": [
            {"program_slug": slug, "program": line.program, "provider": line.provider,
             "completed_on": line.completed_on.isoformat() if line.completed_on else None,
             "certificate": line.certificate, "slot": line.slot, "slot_title": line.slot_title,
             "credits": line.credits}
            for slug, line in zip(slugs, lines, strict=True)
        ],
        "total_credits": sum(line.credits for line in lines),
    }  # fmt: skip
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def seal(key: bytes, content: str) -> str:
    """The printed verification code: HMAC-SHA256 of the content, first 64 bits, in groups of 4."""
    digest = (
        hmac.new(key, content.encode("utf-8"), hashlib.sha256).hexdigest().upper()[:CODE_HEX_DIGITS]
    )
    return "-".join(digest[i : i + 4] for i in range(0, CODE_HEX_DIGITS, 4))


def normalise_code(text: str) -> str | None:
    """What a clerk types ('3f2a 9c1b-5d6e7f80') as the stored form, or None if it cannot be one."""
    digits = re.sub(r"[\s\-]", "", text or "").upper()
    if not re.fullmatch(rf"[0-9A-F]{{{CODE_HEX_DIGITS}}}", digits):
        return None
    return "-".join(digits[i : i + 4] for i in range(0, CODE_HEX_DIGITS, 4))


def qr_payload(reference: str, code: str) -> str:
    """What the QR code carries: the reference and the code, in QR's compact upper-case
    alphanumeric mode when the prefix allows (a smaller symbol that scans more easily)."""
    return f"SANAD {reference} {code.replace('-', '')}"


@dataclass(frozen=True)
class Registered:
    letter_id: int
    data: LetterData


def register_letter(
    session: Session,
    *,
    student: Student,
    facts: StudentFacts,
    prefix: str,
    today: date,
    policy_year: int | None,
    lines: tuple[PrintedLine, ...],
    slugs: tuple[str, ...],
    by: str,
) -> Registered:
    """Number, seal and store one letter with its 'issued' event, in the caller's transaction."""
    serial = next_serial(session, prefix, today.year)
    reference = format_reference(prefix, today.year, serial)
    content = canonical_content(reference, today, facts, policy_year, lines, slugs)
    code = seal(letter_key(session), content)
    total = sum(line.credits for line in lines)
    row = Letter(
        reference=reference, prefix=prefix, year=today.year, serial=serial, student_id=student.id,
        issued_on=today, credits=total, content=content, verification_code=code, status="issued",
        duplicate_count=0, created_by=by,
        lines=[
            LetterLine(position=i, program_slug=slug, program_title=line.program,
                       provider=line.provider, completed_on=line.completed_on,
                       certificate=line.certificate, slot_code=line.slot,
                       slot_title=line.slot_title, credits=line.credits)
            for i, (slug, line) in enumerate(zip(slugs, lines, strict=True))
        ],
    )  # fmt: skip
    session.add(row)
    session.flush()
    session.add(LetterEvent(letter_id=row.id, kind="issued", by=by, note=f"{total} credit hours"))
    return Registered(row.id, letter_data(row))


def content_of(row: Letter) -> dict[str, Any]:
    return json.loads(row.content)


def letter_data(row: Letter, *, duplicate: bool = False) -> LetterData:
    """The letter exactly as registered (a reprint prints the sealed content, not today's data)."""
    content = content_of(row)
    s = content["student"]
    facts = StudentFacts(
        s["roll_no"],
        s["name"],
        s["father_name"],
        s["gender"],
        s["cnic"],
        s["degree"],
        s["degree_title"],
        s["intake"],
    )
    lines = tuple(
        PrintedLine(line["program"], line["provider"],
                    date.fromisoformat(line["completed_on"]) if line["completed_on"] else None,
                    line["certificate"], line["slot"], line["slot_title"], line["credits"])
        for line in content["lines"]
    )  # fmt: skip
    return LetterData(
        reference=row.reference, issued_on=date.fromisoformat(content["issued_on"]),
        student=facts, lines=lines, total_credits=content["total_credits"],
        verification_code=row.verification_code,
        qr_payload=qr_payload(row.reference, row.verification_code),
        policy_year=content["policy_year"], duplicate=duplicate,
    )  # fmt: skip


def is_intact(session: Session, row: Letter) -> bool:
    """The stored content still produces the stored code (nobody edited the register by hand)."""
    return hmac.compare_digest(seal(letter_key(session), row.content), row.verification_code)
