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

from advisor.model.database import Database


class RehearsalDatabase:
    """Looks like a Database to a service, but rolls back every transaction it hands out."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._factory = sessionmaker(db.engine, expire_on_commit=False)

    @property
    def engine(self) -> Any:
        return self._db.engine

    @property
    def seat(self) -> Any:
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
