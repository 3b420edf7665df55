"""Who made a row: every new `Audited` row (student, note, plan, exception, letter, import, …)
is attributed to the account signed in for its transaction, with no code at each write site."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from advisor.model.schema import Audited


@event.listens_for(Session, "before_flush")
def _attribute_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    actor = session.info.get("actor")
    if actor is None:
        return
    for row in session.new:
        if isinstance(row, Audited) and not row.created_by:
            row.created_by = actor


def current_actor(session: Session) -> str:
    """The signed-in user's name, for the by-columns that are not `created_by`."""
    return str(session.info.get("actor") or "sanad")
