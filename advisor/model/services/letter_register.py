"""The letter register inside an open transaction: gap-free numbering, sealing with the
institution key, a letter's standing from its events, and the letter printed back from its seal.

Callers hold one transaction (BEGIN IMMEDIATE on SQLite, a row lock elsewhere) around
`next_serial` and the insert of the letter, so a number is never used twice nor skipped: if the
letter cannot be stored, the number's increment rolls back with it. The tables are append-only
(database triggers refuse UPDATE and DELETE): revocations and duplicates are events.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import Table, case, exists, func, insert, select, text
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from advisor.model.schema import (
    Letter,
    LetterEvent,
    LetterLine,
    LetterSeal,
    Setting,
    SigningKey,
    Student,
    utcnow,
)
from advisor.model.services.letter_content import (
    endorsed_content,
    letterhead_of,
    lines_of,
    sealed_content,
    student_of,
    supersedes_of,
)
from advisor.model.signing.institution_key import fingerprint, from_der
from advisor.model.signing.sealed_text import canonical_json, make_seal, read_seal
from advisor.reports.documents import LetterData, Letterhead, StudentFacts
from advisor.reports.documents import LetterLine as PrintedLine

_LETTERS, _LINES = cast(Table, Letter.__table__), cast(Table, LetterLine.__table__)
_SEALS, _EVENTS = cast(Table, LetterSeal.__table__), cast(Table, LetterEvent.__table__)
# The register's rows go in as INSERTs built once, on the session's connection: an insert made
# and run through the ORM session for each letter costs several times the INSERT itself.
_ADD_LETTER, _ADD_LINES = insert(_LETTERS), insert(_LINES)
_ADD_SEAL, _ADD_EVENTS = insert(_SEALS), insert(_EVENTS)
# Plain statements both SQLite (3.35+) and PostgreSQL run as written, built once: a Core
# construct made per call costs ~0.4 ms a letter in building and cache keys alone.
_MAKE_SERIES = text(
    "INSERT INTO letter_series (prefix, year, last_serial) VALUES (:prefix, :year, 0) "
    "ON CONFLICT DO NOTHING"
)
# The next number follows the series and never falls behind the register: a series row wound
# back behind Sanad's back (triggers dropped) would otherwise hand out a number already printed.
_TAKE_NUMBER = text(
    "UPDATE letter_series SET last_serial = 1 + CASE WHEN last_serial >= "
    "(SELECT coalesce(max(serial), 0) FROM letters WHERE prefix = :prefix AND year = :year) "
    "THEN last_serial "
    "ELSE (SELECT max(serial) FROM letters WHERE prefix = :prefix AND year = :year) END "
    "WHERE prefix = :prefix AND year = :year RETURNING last_serial"
)
LEGACY_KEY_SETTING = "letter_hmac_key"  # Sanad 0.1's register secret, gone once the key is made


def next_serial(session: Session, prefix: str, year: int) -> int:
    """Take the next number of the prefix's series for the year, inside the caller's transaction.

    Two plain statements, no ORM object: make the series row exist (a no-op when it does; on a
    server the first letter of a year would otherwise race to create it), then increment it and
    read the new value back in one UPDATE … RETURNING, which also holds the row's lock to commit
    on a server (SQLite's BEGIN IMMEDIATE already serialises writers)."""
    params = {"prefix": prefix, "year": year}
    session.execute(_MAKE_SERIES, params)
    return int(session.execute(_TAKE_NUMBER, params).scalar_one())


def format_reference(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}/{year}/{serial:04d}"


@dataclass(frozen=True)
class Registered:
    letter_id: int
    row: Letter  # the register's row as stored (not in the session: it was inserted directly)
    data: LetterData
    letterhead: Letterhead


def register_letter(
    session: Session,
    *,
    student: Student,
    facts: StudentFacts,
    head: Letterhead,
    prefix: str,
    today: date,
    policy_year: int | None,
    lines: tuple[PrintedLine, ...],
    slugs: tuple[str, ...],
    signer: tuple[SigningKey, ec.EllipticCurvePrivateKey],
    by: str,
    supersedes: tuple[Letter, ...] = (),
    key_fingerprint: str | None = None,
) -> Registered:
    """Number, seal and store one letter with its 'issued' event, in the caller's transaction;
    the letters it supersedes get a 'superseded' event in the same transaction.
    `key_fingerprint`: the signer's, when the caller has it (a batch works it out once).

    The rows go in as plain INSERTs: they are append-only and never changed through the
    session, and the ORM's unit of work would cost more than the statements (a batch stores
    one letter a transaction)."""
    key_row, private = signer
    serial = next_serial(session, prefix, today.year)
    reference = format_reference(prefix, today.year, serial)
    content = sealed_content(
        reference=reference,
        issued_on=today,
        student=facts,
        policy_year=policy_year,
        lines=lines,
        slugs=slugs,
        head=head,
        supersedes=tuple(old.reference for old in supersedes),
    )
    seal = make_seal(content, private)
    total = sum(line.credits for line in lines)
    now = utcnow()
    letter = dict(
        reference=reference,
        prefix=prefix,
        year=today.year,
        serial=serial,
        student_id=student.id,
        issued_on=today,
        credits=total,
        content=canonical_json(content).decode("utf-8"),
        verification_code=seal.code,
        created_by=by,
        created_at=now,
    )
    db = session.connection()
    stored = db.execute(_ADD_LETTER, letter)
    key = stored.inserted_primary_key
    assert key is not None  # one row was inserted
    letter_id = int(key[0])
    db.execute(
        _ADD_LINES,
        [
            dict(
                letter_id=letter_id,
                position=i,
                program_slug=slug,
                program_title=line.program,
                provider=line.provider,
                completed_on=line.completed_on,
                certificate=line.certificate,
                slot_code=line.slot,
                slot_title=line.slot_title,
                credits=line.credits,
            )
            for i, (slug, line) in enumerate(zip(slugs, lines, strict=True))
        ],
    )
    db.execute(
        _ADD_SEAL,
        dict(letter_id=letter_id, key_id=key_row.key_id, sealed=seal.text, sealed_at=now),
    )
    events = [dict(letter_id=letter_id, kind="issued", by=by, note=f"{total} credit hours", at=now)]
    events += [
        dict(letter_id=old.id, kind="superseded", by=by, note=f"by {reference}", at=now)
        for old in supersedes
    ]
    db.execute(_ADD_EVENTS, events)
    fingerprint = key_fingerprint if key_fingerprint is not None else fingerprint_of(key_row)
    # printed from the sealed bytes themselves: reading the seal's text back (Base45, inflate)
    # would only give the same bytes, at a millisecond a letter
    printed = _printed(json.loads(seal.signed_bytes), seal.text, seal.code, fingerprint, head.logo)
    return Registered(letter_id, Letter(id=letter_id, **letter), printed[0], printed[1])


def fingerprint_of(key_row: SigningKey) -> str:
    return fingerprint(from_der(key_row.public_key))


def printed_letter(
    sealed: str, code: str, key_fingerprint: str, logo: bytes | None, *, duplicate: bool = False
) -> tuple[LetterData, Letterhead]:
    """The letter exactly as sealed: a reprint never picks up today's names or signatories."""
    return _printed(read_seal(sealed).content, sealed, code, key_fingerprint, logo, duplicate)


def _printed(
    content: dict[str, Any],
    sealed: str,
    code: str,
    key_fingerprint: str,
    logo: bytes | None,
    duplicate: bool = False,
) -> tuple[LetterData, Letterhead]:
    head = letterhead_of(content, logo)
    assert head is not None, "a sealed letter names its institution"
    data = LetterData(
        reference=content["reference"],
        issued_on=date.fromisoformat(content["issued_on"]),
        student=student_of(content),
        lines=lines_of(content),
        total_credits=content["total_credits"],
        verification_code=code,
        qr_payload=sealed,
        policy_year=content["policy_year"],
        duplicate=duplicate,
        key_fingerprint=key_fingerprint,
        supersedes=supersedes_of(content),
    )
    return data, head


# --- a letter's standing, from its events ------------------------------------------------------


WITHDRAWN = ("revoked", "superseded")  # events after which a letter is no longer in force


def is_withdrawn() -> ColumnElement[bool]:
    """SQL, in a query over letters: the letter was revoked or superseded (no longer in force)."""
    return exists().where(LetterEvent.letter_id == Letter.id, LetterEvent.kind.in_(WITHDRAWN))


@dataclass(frozen=True)
class Standing:
    status: str  # issued | revoked | superseded
    duplicates: int


def standings(session: Session, letter_ids: Iterable[int]) -> dict[int, Standing]:
    ids = list(letter_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(
            LetterEvent.letter_id,
            func.sum(case((LetterEvent.kind == "revoked", 1), else_=0)),
            func.sum(case((LetterEvent.kind == "superseded", 1), else_=0)),
            func.sum(case((LetterEvent.kind == "duplicate", 1), else_=0)),
        )
        .where(LetterEvent.letter_id.in_(ids))
        .group_by(LetterEvent.letter_id)
    )
    found = {
        letter_id: Standing(
            "revoked" if revoked else "superseded" if superseded else "issued", int(duplicates or 0)
        )
        for letter_id, revoked, superseded, duplicates in rows
    }
    return {i: found.get(i, Standing("issued", 0)) for i in ids}


def letters_in_force(session: Session, student_id: int) -> list[Letter]:
    """The student's letters that are neither revoked nor superseded, oldest first."""
    return list(
        session.scalars(
            select(Letter)
            .options(selectinload(Letter.lines))
            .where(Letter.student_id == student_id, ~is_withdrawn())
            .order_by(Letter.id)
        )
    )


def same_credits(
    letters: list[Letter], lines: tuple[PrintedLine, ...], slugs: tuple[str, ...]
) -> str | None:
    """The reference of a letter that certifies exactly these lines, if one is held."""
    wanted = sorted(
        (slug, line.slot, line.credits) for slug, line in zip(slugs, lines, strict=True)
    )
    for letter in letters:
        if sorted((x.program_slug, x.slot_code, x.credits) for x in letter.lines) == wanted:
            return letter.reference
    return None


def revocation_event(session: Session, letter_id: int) -> LetterEvent | None:
    """The event that took the letter out of force: its revocation, else its supersession."""
    events = session.scalars(
        select(LetterEvent)
        .where(LetterEvent.letter_id == letter_id, LetterEvent.kind.in_(WITHDRAWN))
        .order_by(LetterEvent.id)
    ).all()
    return next((e for e in events if e.kind == "revoked"), events[0] if events else None)


# --- letters numbered by Sanad 0.1 (an HMAC code, no seal) -------------------------------------


def legacy_code_holds(session: Session, row: Letter) -> bool:
    """A 0.1 letter's stored content still produces its stored HMAC code."""
    secret = session.get(Setting, LEGACY_KEY_SETTING)
    if secret is None:
        return False
    digest = hmac.new(bytes.fromhex(secret.value), row.content.encode("utf-8"), hashlib.sha256)
    code = digest.hexdigest().upper()[:16]
    return hmac.compare_digest(
        "-".join(code[i : i + 4] for i in range(0, 16, 4)), row.verification_code
    )


def endorse_legacy_letters(
    session: Session, head: Letterhead, key_row: SigningKey, private: ec.EllipticCurvePrivateKey
) -> tuple[int, list[str]]:
    """Seal every 0.1 letter whose HMAC code still holds, then forget the HMAC secret (anyone
    with a copy of the database could have forged with it). Returns (sealed, refused refs)."""
    unsealed = session.scalars(
        select(Letter).where(~exists().where(LetterSeal.letter_id == Letter.id)).order_by(Letter.id)
    ).all()
    sealed, refused = 0, []
    for row in unsealed:
        if not legacy_code_holds(session, row):
            refused.append(row.reference)
            continue
        content = endorsed_content(json.loads(row.content), head, row.verification_code)
        seal = make_seal(content, private)
        session.add(LetterSeal(letter_id=row.id, key_id=key_row.key_id, sealed=seal.text))
        sealed += 1
    secret = session.get(Setting, LEGACY_KEY_SETTING)
    if secret is not None:
        session.delete(secret)
    session.flush()
    return sealed, refused
