"""The change log, read: filtered listings for the History screen and `advisor log`, and the
check of the chain and of the signatures over its head."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy import func, select

from advisor.model.change_log import ChainCheck, verify_chain
from advisor.model.roles import Role
from advisor.model.schema import ChangeEvent, SigningKey
from advisor.model.services.register_check import register_problems
from advisor.model.services.service_base import Service


@dataclass(frozen=True)
class LogEvent:
    id: int
    at: datetime
    user: str
    action: str
    record: str
    roll_no: str | None
    summary: str
    reason: str


@dataclass(frozen=True)
class LogFilter:
    roll_no: str | None = None
    user: str | None = None
    action: str | None = None  # a prefix: "letter" finds letter.issue, letter.revoke, …
    since: date | None = None
    until: date | None = None  # inclusive


class HistoryService(Service):
    def head_id(self) -> int | None:
        """The newest change's number (None: nothing recorded yet). Screens compare it to see
        whether anyone wrote since they last read; it says nothing about what was written."""
        with self._db.read() as session:
            return session.scalar(select(func.max(ChangeEvent.id)))

    def events(self, wanted: LogFilter = LogFilter(), *, limit: int = 5000) -> list[LogEvent]:
        """Newest first."""
        self._require_role(Role.VIEWER, "reading the change log")
        query = select(ChangeEvent)
        if wanted.roll_no:
            query = query.where(func.lower(ChangeEvent.roll_no) == wanted.roll_no.strip().lower())
        if wanted.user:
            query = query.where(func.lower(ChangeEvent.actor) == wanted.user.strip().lower())
        if wanted.action:
            query = query.where(ChangeEvent.action.startswith(wanted.action.strip()))
        if wanted.since:
            query = query.where(ChangeEvent.at >= datetime.combine(wanted.since, time.min))
        if wanted.until:
            query = query.where(ChangeEvent.at <= datetime.combine(wanted.until, time.max))
        with self._db.begin() as session:
            rows = session.scalars(query.order_by(ChangeEvent.id.desc()).limit(limit))
            return [
                LogEvent(e.id, e.at, e.actor, e.action, e.record, e.roll_no, e.summary, e.reason)
                for e in rows
            ]

    def actions(self) -> list[str]:
        """The kinds of event recorded so far, for a filter's choices."""
        with self._db.begin() as session:
            return list(
                session.scalars(select(ChangeEvent.action).distinct().order_by(ChangeEvent.action))
            )

    def verify(self, trusted_keys: Sequence[bytes] = ()) -> ChainCheck:
        """The chain and its signed heads; signatures must be by `trusted_keys` (a key file the
        institution gave out), else by one of the institution's own keys in this database. And
        the letter register against its seals and this log (`ChainCheck.register`)."""
        self._require_role(Role.VIEWER, "checking the change log")
        with self._db.begin() as session:
            keys = list(trusted_keys) or list(session.scalars(select(SigningKey.public_key)))
            check = verify_chain(session, keys)
            # the register's rows are outside the chain: each is checked against its own seal
            return replace(check, register=tuple(register_problems(session)))
