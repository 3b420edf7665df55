"""Is this letter genuine? Answered from the letter's own seal: its signature, whether this
database trusts the key, and what the register or an imported revocation list says. Every answer
shows the sealed content only, never live columns that anyone could edit."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.schema import ImportedRevocation, Letter, LetterEvent, SigningKey
from advisor.model.services.letter_content import (
    UnreadableContent,
    check_readable,
    lines_of,
    student_of,
)
from advisor.model.services.letter_register import legacy_code_holds, revocation_event
from advisor.model.services.register_check import entry_problem, withdrawal_problem
from advisor.model.services.signing_keys import KnownKey, known_keys
from advisor.model.signing.institution_key import fingerprint, key_id
from advisor.model.signing.sealed_text import DamagedSeal, NotASeal, Seal, read_seal
from advisor.reports.documents import LetterLine

VerifyStatus = Literal[
    "valid", "revoked", "superseded", "invalid", "untrusted", "not_sanad", "unknown"
]
# How each answer is said to a person, on screen and on the command line.
VERDICT_WORDS: dict[str, str] = {
    "valid": "VALID",
    "revoked": "REVOKED",
    "superseded": "SUPERSEDED",
    "invalid": "INVALID",
    "untrusted": "UNTRUSTED",
    "not_sanad": "NOT A SANAD LETTER",
    "unknown": "UNKNOWN",
}
CODE_PATTERN = re.compile(r"[0-9A-F]{16}")
LEGACY_QR = re.compile(r"^SANAD\s+(\S+)\s+([0-9A-Fa-f\-]{16,19})$")


@dataclass(frozen=True)
class Verification:
    status: VerifyStatus
    message: str
    reference: str | None = None
    roll_no: str | None = None
    name: str | None = None
    credits: int | None = None
    issued_on: date | None = None
    institution: str | None = None  # who signed it, as this database knows the key
    fingerprint: str | None = None
    register: str | None = None  # this register's word: issued | revoked | superseded | None
    father_name: str | None = None
    degree: str | None = None
    lines: tuple[LetterLine, ...] = ()


@dataclass(frozen=True)
class PdfVerification:
    pdf_signature: bool | None  # intact and by a trusted key | changed or untrusted | none
    letters: tuple[Verification, ...]


def normalise_code(text: str) -> str | None:
    """What a clerk types ('3f2a 9c1b-5d6e7f80') as the stored form, or None if it cannot be one."""
    digits = re.sub(r"[\s\-]", "", text or "").upper()
    if not CODE_PATTERN.fullmatch(digits):
        return None
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def verify_text(session: Session, text: str) -> Verification:
    """A seal (QR text, as a scanner types it), a printed code, or a 0.1 QR code."""
    stripped = (text or "").strip()
    if stripped.upper().startswith("SD1:"):
        return verify_seal(session, stripped)
    legacy = LEGACY_QR.match(stripped)
    code = normalise_code(legacy.group(2) if legacy else stripped)
    if code is None:
        return Verification(
            "not_sanad",
            "This is not a Sanad letter: give the verification code printed on the letter, or "
            "the text of its QR code.",
        )
    return _verify_code(session, code)


def _verify_code(session: Session, code: str) -> Verification:
    row = session.scalars(select(Letter).where(Letter.verification_code == code)).first()
    if row is None:
        return Verification(
            "unknown",
            f"No letter in this register carries the code {code}. A letter of another "
            "institution is checked from its QR code (scan it, or verify the PDF or a photo).",
        )
    if row.seal is not None:
        altered = _altered_entry(session, row)
        if altered:
            return Verification("invalid", altered, reference=row.reference)
        return verify_seal(session, row.seal.sealed)
    return _verify_legacy(session, row)


def _altered_entry(session: Session, row: Letter) -> str | None:
    """This register's entry no longer agrees with its own seal or with the change log: someone
    edited the database behind Sanad's back, so the register cannot vouch for the letter."""
    own = {bytes(key) for key in session.scalars(select(SigningKey.public_key))}
    problem = entry_problem(session, row, own) or withdrawal_problem(session, row)
    if problem is None:
        return None
    return (
        f"This register's entry of {row.reference} was altered: {problem}. The register cannot "
        "vouch for it; `advisor log verify` lists every altered entry."
    )


def _verify_legacy(session: Session, row: Letter) -> Verification:
    """A 0.1 letter in a database whose institution key is not made yet: its HMAC code."""
    if not legacy_code_holds(session, row):
        return Verification(
            "invalid",
            f"The register entry of {row.reference} no longer matches its code: it was altered.",
            reference=row.reference,
        )
    content = json.loads(row.content)
    facts = student_of(content)
    revoked = revocation_event(session, row.id)
    standing = revoked.kind if revoked else "issued"
    return Verification(
        _withdrawn_status(revoked) if revoked else "valid",
        (
            _withdrawn(row.reference, revoked)
            if revoked
            else f"Letter {row.reference} is in this register (numbered before the institution key was "
            "made: the Controller's key will seal it)."
        ),
        reference=row.reference,
        roll_no=facts.roll_no,
        name=facts.name,
        credits=int(content["total_credits"]),
        issued_on=date.fromisoformat(content["issued_on"]),
        register=standing,
        father_name=facts.father_name,
        degree=facts.degree_title,
        lines=lines_of(content),
    )


def verify_seal(session: Session, text: str) -> Verification:
    try:
        seal = read_seal(text)
    except NotASeal:
        return Verification("not_sanad", "This is not a Sanad letter seal.")
    except DamagedSeal as exc:
        return Verification("invalid", f"The QR code cannot be trusted: {exc}.")
    signer_fingerprint = fingerprint(seal.public_key)
    if not seal.is_genuine():
        return Verification(
            "invalid",
            "The signature does not match the letter's content: the QR text was altered.",
            fingerprint=signer_fingerprint,
        )
    try:
        check_readable(seal.content)
    except UnreadableContent as exc:
        return Verification("invalid", f"The QR code is signed, but {exc}.")
    keys = known_keys(session)
    known = keys.get(key_id(seal.public_key))
    sealed = _sealed_facts(seal)
    claimed = seal.content.get("institution") or {}
    if known is None:
        return replace(
            sealed,
            status="untrusted",
            message=f"The letter is well-formed and signed, but by a key this database does not trust "
            f"(fingerprint {signer_fingerprint}; it names {claimed.get('name', 'no institution')}). "
            "Import that institution's public key (trust add FILE) after checking its "
            "fingerprint with them.",
            fingerprint=signer_fingerprint,
        )
    if claimed.get("code") and claimed.get("code") != known.institution_code:
        return replace(
            sealed,
            status="invalid",
            message=f"The letter names {claimed.get('name')} ({claimed.get('code')}) but is signed with "
            f"the key of {known.institution_name} ({known.institution_code}).",
            fingerprint=signer_fingerprint,
        )
    # a letter naming this institution is in its register, whichever trusted key signed it
    ours = known.own or any(
        k.own and k.institution_code == known.institution_code for k in keys.values()
    )
    return _standing(session, seal, known, sealed, holds_register=ours)


def _sealed_facts(seal: Seal) -> Verification:
    """The sealed letter's facts, to which each answer adds its status and message."""
    content = seal.content
    student = student_of(content)
    return Verification(
        "invalid",
        "",
        reference=str(content["reference"]),
        roll_no=student.roll_no,
        name=student.name,
        credits=int(content["total_credits"]),
        issued_on=date.fromisoformat(content["issued_on"]),
        father_name=student.father_name,
        degree=student.degree_title,
        lines=lines_of(content),
    )


def _standing(
    session: Session, seal: Seal, known: KnownKey, facts: Verification, *, holds_register: bool
) -> Verification:
    reference = str(facts.reference)
    sealed = replace(facts, institution=known.institution_name, fingerprint=known.fingerprint)
    register: str | None = None
    if holds_register:
        row = session.scalars(select(Letter).where(Letter.reference == reference)).first()
        if row is None or row.seal is None or row.seal.sealed != seal.text:
            signer = "this institution's key" if known.own else "a key trusted for it"
            return replace(
                sealed,
                status="invalid",
                message=f"The letter names this institution and is signed with {signer}, but this "
                f"register holds {'no' if row is None else 'another'} letter {reference}: ask the "
                "office.",
            )
        altered = _altered_entry(session, row)
        if altered:
            return replace(sealed, status="invalid", message=altered)
        event = revocation_event(session, row.id)
        register = event.kind if event else "issued"
        if event is not None:
            return replace(
                sealed,
                status=_withdrawn_status(event),
                message=_withdrawn(reference, event),
                register=register,
            )
    listed = session.scalars(
        select(ImportedRevocation).where(
            ImportedRevocation.institution_code == known.institution_code,
            ImportedRevocation.reference == reference,
        )
    ).first()
    if listed is not None:
        return replace(
            sealed,
            status="revoked",
            message=f"Letter {reference} was revoked by {known.institution_name} on "
            f"{listed.revoked_on:%d %b %Y}: {listed.reason} (from its signed revocation list).",
            register=register,
        )
    where = (
        " and in force in this register"
        if register
        else " (this database does not hold its "
        "register: a revocation shows once the institution's revocation list is imported)"
    )
    return replace(
        sealed,
        status="valid",
        message=f"Letter {reference} is genuine: signed by {known.institution_name} (key "
        f"{known.fingerprint}){where}.",
        register=register,
    )


def _withdrawn_status(event: LetterEvent) -> Literal["revoked", "superseded"]:
    """The verdict on a letter `revocation_event` found withdrawn (its two kinds, WITHDRAWN)."""
    return "superseded" if event.kind == "superseded" else "revoked"


def _withdrawn(reference: str, event: LetterEvent) -> str:
    if event.kind == "superseded":
        return (
            f"Letter {reference} is no longer in force: it was superseded {event.note} on "
            f"{event.at:%d %b %Y}, which certifies its credit hours."
        )
    return f"Letter {reference} was revoked on {event.at:%d %b %Y} by {event.by}: {event.note}."
