"""What a command handler gets: its parsed arguments' database choice, who signs in, and an
output stream."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from advisor.model.errors import SignInError

if TYPE_CHECKING:  # the services (SQLAlchemy, ReportLab) load when a command first needs them,
    from advisor.model.roles import Actor  # so `gui` can show its window first
    from advisor.model.services import Services

NO_ACCOUNTS = (
    "This database has no accounts yet: create the administrator with "
    "`advisor init --admin NAME` (the password from ADVISOR_PASSWORD or a prompt)."
)


class CommandContext:
    def __init__(self, db: str | None, out: TextIO | None = None, user: str | None = None) -> None:
        self.db = db
        self.out = out or sys.stdout
        self.user = user or os.environ.get("ADVISOR_USER") or None
        self._services: Services | None = None

    def services(self, *, create: bool = False, sign_in: bool = True) -> Services:
        """Open the store once and sign in (every command on a database runs as an account);
        only `init` and `gui` may create a new store, and they sign in themselves."""
        if self._services is None:
            from advisor.model.services import open_services

            self._services = open_services(self.db, create=create)
            if sign_in:
                self.sign_in(self._services)
            if self._services.db.read_only:  # on stderr: --json output stays clean
                print(
                    f"note: {self._services.db.file} is read-only; Sanad shows it but cannot "
                    "change it.",
                    file=sys.stderr,
                )
        return self._services

    def sign_in(self, services: Services) -> Actor:
        if not services.accounts.has_accounts():
            raise SignInError(NO_ACCOUNTS)
        if not self.user:
            raise SignInError(
                "Say who you are: --user NAME (or set ADVISOR_USER); the password comes from "
                "ADVISOR_PASSWORD or a prompt."
            )
        return services.accounts.sign_in(self.user, self.password(f"Password for {self.user}: "))

    def password(self, prompt: str) -> str:
        """ADVISOR_PASSWORD, else asked at the terminal (never echoed)."""
        given = os.environ.get("ADVISOR_PASSWORD")
        if given is not None:
            return given
        return ask_secret(prompt)

    def password_for_new(self, prompt: str, *, variable: str = "ADVISOR_PASSWORD") -> str:
        """A password being chosen: from `variable`, else asked twice at the terminal."""
        given = os.environ.get(variable)
        if given is not None:
            return given
        return ask_secret(prompt, confirm=True)

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


def ask_secret(prompt: str, *, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise SignInError(
            "No password given: set ADVISOR_PASSWORD, or run the command in a terminal to be asked."
        )
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again, to be sure: ") != first:
        raise SignInError("The two passwords differ; nothing was changed.")
    return first


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
