"""The Controller's passphrase on the command line: ADVISOR_KEY_PASSPHRASE, else a prompt on a
terminal (three tries), else a clear error. Never an option (it would sit in the shell history)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from advisor.cli.context import CommandContext
from advisor.model.errors import ValidationError

PASSPHRASE_ENV = "ADVISOR_KEY_PASSPHRASE"
KEY_FILE_ENV = "ADVISOR_KEY_FILE"
TRIES = 3
NO_PASSPHRASE = (
    "The institution key's passphrase is needed: set ADVISOR_KEY_PASSPHRASE, or run the command "
    "in a terminal to be asked for it."
)


def add_key_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key-file",
        type=Path,
        metavar="PATH",
        help="the institution key kept on removable media (default: ADVISOR_KEY_FILE, else the "
        "key kept encrypted in the database)",
    )


def key_file_of(args: argparse.Namespace) -> Path | None:
    chosen = getattr(args, "key_file", None) or os.environ.get(KEY_FILE_ENV)
    return Path(chosen).expanduser() if chosen else None


def _can_prompt() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def new_passphrase() -> str:
    """A passphrase for a new key: from the environment, or typed twice."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not _can_prompt():
        raise ValidationError(NO_PASSPHRASE)
    for _ in range(TRIES):
        first = getpass.getpass("New passphrase for the institution key: ")
        if first and first == getpass.getpass("The same passphrase again: "):
            return first
        print("The two passphrases differ (or are empty); try again.", file=sys.stderr)
    raise ValidationError("No passphrase was chosen; nothing was changed.", nothing_changed=True)


def unlock_signing_key(args: argparse.Namespace, ctx: CommandContext) -> None:
    """Open the institution key for this command: once from the environment, or up to three
    tries at a prompt."""
    services = ctx.services()
    key_file = key_file_of(args)
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        services.keys.unlock(given, key_file=key_file)
        return
    if not _can_prompt():
        raise ValidationError(NO_PASSPHRASE)
    for attempt in range(1, TRIES + 1):
        try:
            services.keys.unlock(getpass.getpass("Institution key passphrase: "), key_file=key_file)
            return
        except ValidationError as exc:
            if attempt == TRIES or "passphrase" not in str(exc):
                raise ValidationError(
                    f"{exc} ({attempt} tries; nothing was signed or numbered).",
                    nothing_changed=True,
                ) from exc
            print(f"{exc} Try again.", file=sys.stderr)
