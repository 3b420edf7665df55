"""Does a letter register still match its seals? Asked of a backup before it is restored: a file
whose letters were edited, re-sealed with a stranger's key, or stripped of their seals is refused,
so a doctored backup can never bring forged letters back into the register. Asked too by
`letter verify` (one entry) and `log verify` (all): an entry edited behind Sanad's back, or
one whose revocation or supersession was deleted, is named."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.schema import ChangeEvent, Letter, LetterEvent, SigningKey
from advisor.model.services.letter_content import UnreadableContent, check_readable, supersedes_of
from advisor.model.services.letter_register import WITHDRAWN, legacy_code_holds
from advisor.model.signing.institution_key import public_der
from advisor.model.signing.sealed_text import DamagedSeal, NotASeal, read_seal


def register_problems(session: Session, trusted: set[bytes] | None = None) -> list[str]:
    """Every letter whose register entry does not match its seal, one line each. `trusted` is the
    set of public keys (DER) the seals must be signed with — the current database's keys, so a
    backup cannot bring a key of its own; None trusts the file's own keys (a first install)."""
    keys = trusted
    if keys is None:
        keys = {bytes(row) for row in session.scalars(select(SigningKey.public_key))}
    problems = []
    letters = session.scalars(
        select(Letter)
        .options(selectinload(Letter.lines), selectinload(Letter.seal))
        .order_by(Letter.id)
    ).all()
    revoked_in_log = set(
        session.scalars(select(ChangeEvent.record).where(ChangeEvent.action == "letter.revoke"))
    )
    superseded_by = {
        old: letter.reference for letter in letters for old in _supersedes(letter.content)
    }
    withdrawn = {
        (letter_id, kind)
        for letter_id, kind in session.execute(
            select(LetterEvent.letter_id, LetterEvent.kind).where(LetterEvent.kind.in_(WITHDRAWN))
        )
    }
    for letter in letters:
        problem = entry_problem(session, letter, keys) or _lost_withdrawal(
            letter.reference in revoked_in_log and (letter.id, "revoked") not in withdrawn,
            superseded_by.get(letter.reference)
            if (letter.id, "superseded") not in withdrawn
            else None,
        )
        if problem:
            problems.append(f"{letter.reference}: {problem}")
    issued_in_log = session.scalars(
        select(ChangeEvent.record).where(ChangeEvent.action == "letter.issue")
    )
    for reference in sorted(set(issued_in_log) - {letter.reference for letter in letters}):
        problems.append(
            f"{reference}: the change log records its issue, but the register holds no such "
            "letter (it was deleted)"
        )
    return problems


def withdrawal_problem(session: Session, letter: Letter) -> str | None:
    """The register's entry says the letter is in force, but the change log records its
    revocation, or a later letter's seal says it superseded it: the event was deleted."""
    kinds = set(session.scalars(select(LetterEvent.kind).where(LetterEvent.letter_id == letter.id)))
    revoked = "revoked" not in kinds and session.scalar(
        select(ChangeEvent.id).where(
            ChangeEvent.action == "letter.revoke", ChangeEvent.record == letter.reference
        )
    )
    successor = None
    if "superseded" not in kinds:
        later = session.scalars(
            select(Letter).where(
                Letter.id != letter.id, Letter.content.contains(f'"{letter.reference}"')
            )
        )
        successor = next(
            (x.reference for x in later if letter.reference in _supersedes(x.content)),
            None,
        )
    return _lost_withdrawal(bool(revoked), successor)


def _supersedes(content: str) -> tuple[str, ...]:
    """What a letter's entry says it superseded; nothing when the entry is unreadable (its own
    check names that)."""
    try:
        parsed = json.loads(content)
        return supersedes_of(parsed) if isinstance(parsed, dict) else ()
    except (ValueError, TypeError, RecursionError):
        return ()


def _lost_withdrawal(revoked: bool, successor: str | None) -> str | None:
    if revoked:
        return (
            "the change log records its revocation, but the register holds none (one of the two "
            "was edited)"
        )
    if successor:
        return f"{successor} superseded it, but the register does not say so (it was edited)"
    return None


def entry_problem(session: Session, letter: Letter, keys: set[bytes]) -> str | None:
    """What is wrong with one letter's register entry against its own seal, or None."""
    if letter.seal is None:
        return (
            None if legacy_code_holds(session, letter) else "its entry no longer matches its code"
        )
    try:
        seal = read_seal(letter.seal.sealed)
        check_readable(seal.content)
    except (NotASeal, DamagedSeal, UnreadableContent) as exc:
        return f"its seal is damaged ({exc})"
    if not seal.is_genuine():
        return "its seal's signature does not match its content"
    if public_der(seal.public_key) not in keys:
        return "it is sealed with a key this institution does not hold"
    content = seal.content
    if content.get("endorses"):  # a 0.1 letter, sealed when the key was made
        content = {
            k: v for k, v in content.items() if k not in ("institution", "signatories", "endorses")
        }
        content["format"] = "sanad-letter/1"
    live = json.loads(letter.content)
    printed = seal.content.get("endorses") or seal.code  # a 0.1 letter keeps its old code
    if letter.reference != seal.content["reference"] or letter.verification_code != printed:
        return f"it holds the seal of another letter ({seal.content['reference']}, {printed})"
    if live != content:
        return "its register entry differs from its sealed content"
    # a 0.1 entry may have no line rows: its sealed lines are compared in `content` above
    lines = [(x.program_slug, x.credits) for x in letter.lines]
    if letter.credits != seal.content["total_credits"] or (
        lines != [(x["program_slug"], x["credits"]) for x in seal.content["lines"]]
        and (lines or not seal.content.get("endorses"))
    ):
        return "its credit hours differ from its sealed content"
    return None
