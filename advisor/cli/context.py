"""What a command handler gets: its parsed arguments' database choice and an output stream."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # the services (SQLAlchemy, ReportLab) load when a command first needs them,
    from advisor.model.services import Services  # so `gui` can show its window first


class CommandContext:
    def __init__(self, db: str | None, out: TextIO | None = None) -> None:
        self.db = db
        self.out = out or sys.stdout
        self._services: Services | None = None

    def services(self, *, create: bool = False) -> Services:
        """Open the store once; only `init` and `gui` may create a new one."""
        if self._services is None:
            from advisor.model.services import open_services

            self._services = open_services(self.db, create=create)
            if self._services.db.read_only:  # on stderr: --json output stays clean
                print(
                    f"note: {self._services.db.file} is read-only; Sanad shows it but cannot "
                    "change it.",
                    file=sys.stderr,
                )
        return self._services

    def print(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.out)

    def print_json(self, value: Any) -> None:
        import json  # here, not at the top: `gui` starts without it

        json.dump(to_jsonable(value), self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")

    def close(self) -> None:
        if self._services is not None:
            self._services.close()


def to_jsonable(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
