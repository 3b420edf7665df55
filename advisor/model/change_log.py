"""The change log: every write appends one event, in the same transaction as the write.

Events form a hash chain: each event's hash covers its own fields (its id included, so a
reordering shows) and the previous event's hash. Triggers refuse UPDATE and DELETE on the table
(migration 0003). Whenever the institution key signs a letter it also signs the chain head
(`sign_head`), so history before that point cannot be rewritten even by someone who recomputes
every later hash: the signed hash would no longer match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from advisor.model.schema import ChangeEvent, HeadSignature, utcnow

GENESIS = "0" * 64
_EVENTS, _SIGNATURES = cast(Table, ChangeEvent.__table__), cast(Table, HeadSignature.__table__)
# Built once: an INSERT made afresh for every write costs more than running it.
_ADD_EVENT, _ADD_SIGNATURE = insert(_EVENTS), insert(_SIGNATURES)
SYSTEM = "sanad"  # writes Sanad makes itself, with no one signed in (the upgrade)


@dataclass(frozen=True)
class ChainHead:
    """The last event: what a signature over the chain covers."""

    event_id: int
    hash: str

    def message(self) -> bytes:
        """The bytes the institution key signs."""
        return f"sanad-change-log-head/1:{self.event_id}:{self.hash}".encode("ascii")


def event_hash(
    event_id: int,
    at: datetime,
    actor: str,
    action: str,
    record: str,
    roll_no: str | None,
    summary: str,
    reason: str,
    prev_hash: str,
) -> str:
    fields = [event_id, at.isoformat(), actor, action, record, roll_no, summary, reason, prev_hash]
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_change(
    session: Session,
    action: str,
    record: str = "",
    *,
    summary: str = "",
    reason: str = "",
    roll_no: str | None = None,
    actor: str | None = None,
    after: ChainHead | None = None,
) -> ChangeEvent:
    """Append one event. `actor` defaults to the session's signed-in user (Database.begin).
    `after`: the head the caller read in this same transaction after `lock_log` (a letter
    batch knows it already), so the log is not read again."""
    who = actor or session.info.get("actor") or SYSTEM
    lock_log(session)
    last = after if after is not None else head(session)
    event_id = last.event_id + 1 if last else 1
    prev = last.hash if last else GENESIS
    at = utcnow()
    values = dict(
        id=event_id,
        at=at,
        actor=who,
        action=action,
        record=record,
        roll_no=roll_no,
        summary=summary,
        reason=reason,
        prev_hash=prev,
        hash=event_hash(event_id, at, who, action, record, roll_no, summary, reason, prev),
    )
    # A plain INSERT (the event is never changed nor read back through the session): the ORM's
    # unit of work costs several times the statement, once per write and once per letter.
    session.flush()  # the write being logged goes first, as when the event was added
    session.connection().execute(_ADD_EVENT, values)
    return ChangeEvent(**values)


def lock_log(session: Session) -> None:
    """SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs the lock so that
    two machines never chain onto the same head (taken again in one transaction: a no-op)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE change_log IN SHARE ROW EXCLUSIVE MODE"))


def head(session: Session) -> ChainHead | None:
    """The chain's head as this transaction sees it (None: the log is empty)."""
    row = session.execute(
        select(ChangeEvent.id, ChangeEvent.hash).order_by(ChangeEvent.id.desc()).limit(1)
    ).first()
    return ChainHead(row[0], row[1]) if row else None


def sign_head(
    session: Session,
    sign: Callable[[bytes], bytes],
    public_key: bytes,
    *,
    note: str = "",
    current: ChainHead | None = None,
) -> HeadSignature | None:
    """Sign the current head with `sign` (ECDSA P-256 / SHA-256 over `ChainHead.message()`)
    and keep the signature with the public key that checks it. Call it after the event of the
    write being signed has been recorded, in the same transaction. `public_key`: PEM or DER.
    `current`: that event's head when the caller has it (`record_change` returned it)."""
    current = current if current is not None else head(session)
    if current is None:
        return None
    values = dict(
        event_id=current.event_id,
        head_hash=current.hash,
        signature=sign(current.message()),
        public_key=public_key,
        signed_at=utcnow(),
        note=note,
    )
    session.connection().execute(_ADD_SIGNATURE, values)
    return HeadSignature(**values)


# --- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainCheck:
    events: int
    signatures: int
    signatures_checked: int  # with a key at hand (cryptography installed)
    first_broken: int | None  # the id of the first event that does not check out
    problem: str  # empty when the chain is intact
    # letters whose register entry no longer matches its seal or this log, one line each
    register: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problem and not self.register

    def altered_letters(self, shown: int = 5) -> str:
        """The first altered register entries, for one line of text (the rest counted)."""
        more = len(self.register) - shown
        return "; ".join(self.register[:shown]) + (f"; and {more} more" if more > 0 else "")


def verify_chain(session: Session, trusted_keys: Sequence[bytes] = ()) -> ChainCheck:
    """Recompute every hash, check each link, then each stored signature over a head. With
    `trusted_keys` (PEM or DER), a signature must also be made by one of them."""
    hashes: dict[int, str] = {}
    count = 0
    expected_prev, expected_id = GENESIS, 1
    events = session.scalars(select(ChangeEvent).order_by(ChangeEvent.id))
    for e in events:
        count += 1
        if e.id != expected_id:
            return _broken(
                count,
                e.id,
                f"event {e.id} follows event {expected_id - 1}: event {expected_id} is missing",
            )
        if e.prev_hash != expected_prev:
            return _broken(count, e.id, f"event {e.id} does not link to the event before it")
        recomputed = event_hash(
            e.id, e.at, e.actor, e.action, e.record, e.roll_no, e.summary, e.reason, e.prev_hash
        )
        if recomputed != e.hash:
            return _broken(count, e.id, f"event {e.id} was changed after it was recorded")
        hashes[e.id] = e.hash
        expected_prev, expected_id = e.hash, e.id + 1
    return _check_signatures(session, hashes, trusted_keys)


def _check_signatures(
    session: Session, hashes: dict[int, str], trusted_keys: Sequence[bytes]
) -> ChainCheck:
    signatures = list(session.scalars(select(HeadSignature).order_by(HeadSignature.id)))
    checked = 0
    verifier = _verifier()
    trusted = {_der(k) for k in trusted_keys}
    for s in signatures:
        if hashes.get(s.event_id) != s.head_hash:
            why = (
                f"event {s.event_id} is missing"
                if s.event_id not in hashes
                else f"event {s.event_id} no longer has the hash signed on {s.signed_at:%Y-%m-%d}"
            )
            return _broken(len(hashes), s.event_id, f"{why}: history up to it was rewritten")
        if trusted and _der(s.public_key) not in trusted:
            return _broken(
                len(hashes),
                s.event_id,
                f"the head at event {s.event_id} was signed by a key that is not the institution's",
            )
        if verifier is not None:
            if not verifier(s.public_key, s.signature, ChainHead(s.event_id, s.head_hash)):
                return _broken(
                    len(hashes),
                    s.event_id,
                    f"the signature over event {s.event_id} does not verify",
                )
            checked += 1
    return ChainCheck(len(hashes), len(signatures), checked, None, "")


def _broken(events: int, event_id: int, problem: str) -> ChainCheck:
    return ChainCheck(events, 0, 0, event_id, problem)


def _der(key: bytes) -> bytes:
    """A public key as DER, whether it came as PEM or DER (unreadable: as given)."""
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        return b"".join(key.split())
    try:
        loaded = (
            serialization.load_pem_public_key(key)
            if key.lstrip().startswith(b"-----")
            else serialization.load_der_public_key(key)
        )
    except ValueError:
        return key
    return loaded.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _verifier() -> Callable[[bytes, bytes, ChainHead], bool] | None:
    """ECDSA P-256 checks with `cryptography` (installed with signed letters, issue 9)."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
    except ImportError:
        return None

    def verify(public_key: bytes, signature: bytes, signed: ChainHead) -> bool:
        try:
            key = serialization.load_der_public_key(_der(public_key))
            if not isinstance(key, ec.EllipticCurvePublicKey):
                return False
            key.verify(signature, signed.message(), ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError):
            return False
        return True

    return verify


def summarize(changes: Iterable[tuple[str, object, object]]) -> str:
    """'credit cap 30 → 36; min grade none → 60' from (what, before, after) triples."""
    shown = [
        f"{what} {_shown(before)} → {_shown(after)}"
        for what, before, after in changes
        if before != after
    ]
    return "; ".join(shown)


def _shown(value: object) -> str:
    return "none" if value in (None, "") else str(value)
