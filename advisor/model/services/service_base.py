"""What every service shares: the database, who is signed in, and the two helpers each write
uses — `_require_role` (a one-line role check) and `_record` (one change-log event in the write's
own transaction)."""

from __future__ import annotations

import copy
from typing import Self

from sqlalchemy.orm import Session

from advisor.model.change_log import ChainHead, record_change
from advisor.model.errors import PermissionDenied
from advisor.model.rehearsal import RehearsalDatabase
from advisor.model.roles import Actor, Role
from advisor.model.schema import ChangeEvent
from advisor.model.store.protocol import Store


class Service:
    def __init__(self, db: Store) -> None:
        self._db = db

    def over(self, store: Store) -> Self:
        """The same service over another store (its other parts shared, not copied)."""
        twin = copy.copy(self)
        twin._db = store
        return twin

    def rehearsed(self) -> Self:
        """The same service over a store whose every transaction is rolled back: a dry run is
        the real action's own code, so it cannot tell a different story than the action."""
        return self.over(RehearsalDatabase(self._db))

    def _require_role(self, role: Role, doing: str) -> Actor:
        """The signed-in account, if its role may do `doing` ('revoking a letter'); a refusal
        is itself logged (in a transaction of its own: the action changes nothing)."""
        try:
            return self._db.seat.require(role, doing)
        except PermissionDenied as refusal:
            with self._db.begin() as session:
                record_change(session, "refused", doing, summary=str(refusal))
            raise

    @property
    def _sees_cnic(self) -> bool:
        actor = self._db.seat.actor
        return actor is not None and actor.sees_cnic

    @staticmethod
    def _record(
        session: Session,
        action: str,
        record: str = "",
        *,
        summary: str = "",
        reason: str = "",
        roll_no: str | None = None,
        after: ChainHead | None = None,
    ) -> ChangeEvent:
        return record_change(
            session, action, record, summary=summary, reason=reason, roll_no=roll_no, after=after
        )
