"""What a service needs of the database: transactions, who is signed in, where it is. The
real `Database` and the `RehearsalDatabase` (every transaction rolled back: a dry run, a
specimen letter) both are one, so a service runs unchanged over either."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from advisor.model.roles import Seat


class Store(Protocol):
    @property
    def rehearsal(self) -> bool:
        """True when nothing written will be kept: a service may skip work only a real
        write needs, and words its result as what it *would* do."""
        ...

    @property
    def engine(self) -> Any: ...

    @property
    def seat(self) -> Seat: ...

    @property
    def url(self) -> str: ...

    @property
    def file(self) -> Path | None: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def is_sqlite(self) -> bool: ...

    def read(self) -> AbstractContextManager[Session]: ...

    def begin(self) -> AbstractContextManager[Session]: ...
