"""Rehearsing a user action: the service's own code runs over a database whose every transaction
is rolled back. A dry run or a preview then tells exactly what the action would do, with no
second implementation to drift from the real one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from advisor.model.roles import Seat
from advisor.model.store.protocol import Store


class RehearsalDatabase:
    """A Store (advisor.model.store.protocol) like the Database it wraps, but it rolls back
    every transaction it hands out."""

    rehearsal = True

    def __init__(self, db: Store) -> None:
        self._db = db
        self._factory = sessionmaker(db.engine, expire_on_commit=False)

    @property
    def engine(self) -> Any:
        return self._db.engine

    @property
    def seat(self) -> Seat:
        return self._db.seat

    @property
    def url(self) -> str:
        return self._db.url

    @property
    def file(self) -> Path | None:
        return self._db.file

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def is_sqlite(self) -> bool:
        return self._db.is_sqlite

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.begin() as session:
            yield session

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self._factory() as session:
            transaction = session.begin()
            if self._db.seat.actor is not None:
                session.info["actor"] = self._db.seat.actor.user_name
            try:
                yield session
                session.flush()  # let the database check what was written, then forget it
            finally:
                transaction.rollback()
