"""Does a letter register still match its seals? Asked of a backup before it is restored: a file
whose letters were edited, re-sealed with a stranger's key, or stripped of their seals is refused,
so a doctored backup can never bring forged letters back into the register."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.schema import Letter, SigningKey
from advisor.model.services.letter_content import UnreadableContent, check_readable
from advisor.model.services.letter_register import legacy_code_holds
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
    )
    for letter in letters:
        problem = _problem(session, letter, keys)
        if problem:
            problems.append(f"{letter.reference}: {problem}")
    return problems


def _problem(session: Session, letter: Letter, keys: set[bytes]) -> str | None:
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
    if live != content or letter.reference != seal.content["reference"]:
        return "its register entry differs from its sealed content"
    if letter.credits != seal.content["total_credits"] or [
        (x.program_slug, x.credits) for x in letter.lines
    ] != [(x["program_slug"], x["credits"]) for x in seal.content["lines"]]:
        return "its credit hours differ from its sealed content"
    return None
