"""`advisor [--db PATH_OR_URL] COMMAND …` — exit 0 ok, 1 a user error (`error: …`), 2 bad usage."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from advisor.logging_setup import configure_logging, log_file
from advisor.model.errors import AdvisorError

log = logging.getLogger("advisor")

# Each module adds its sub-commands with register(subparsers); handlers take (args, context).
# Keyed by the top-level commands the module adds, so that a run imports and builds only its
# own command's module (`advisor gui` starts faster); `--help`, no command or an unknown one
# build them all. tests/test_cli_commands.py checks that the names match what register() adds.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "advisor.cli.gui_command": ("gui",),
    "advisor.cli.init_command": ("init",),
    "advisor.cli.catalog_commands": ("catalog",),
    "advisor.cli.policy_commands": ("policy",),
    "advisor.cli.student_commands": ("students",),
    "advisor.cli.audit_commands": ("audit",),
    "advisor.cli.exception_commands": ("exception",),
    "advisor.cli.verification_commands": ("verify-certificate", "pending"),
    "advisor.cli.letter_commands": ("letter",),
    "advisor.cli.plan_commands": ("plan",),
    "advisor.cli.progress_commands": ("progress",),
    "advisor.cli.report_commands": ("report",),
    "advisor.cli.backup_commands": ("backup", "restore"),
    "advisor.cli.trust_commands": ("institution", "trust"),
    "advisor.cli.user_commands": ("users",),
    "advisor.cli.log_commands": ("log",),
    "advisor.cli.db_commands": ("db",),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        sys.exit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (given a known command) only that command's sub-parser."""
    parser = _Parser(
        prog="advisor",
        description="Sanad: plan Coursera certifications and certify credit hours, offline.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: ADVISOR_DB "
        "or the Sanad file in your user data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="the account to act as (default: ADVISOR_USER); the password comes from "
        "ADVISOR_PASSWORD or a prompt",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, names in COMMAND_MODULES.items():
        if command is None or command in names:
            importlib.import_module(name).register(commands)
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The first word that is not an option or `--db`'s value: the command, if one is named
    (and not after a top-level `--help`, which lists every command)."""
    words = iter(argv)
    for word in words:
        if word in ("--db", "--user"):
            next(words, None)
        elif _asks_help(word):
            return None
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _asks_help(word: str) -> bool:
    return word == "-h" or (word.startswith("--h") and "--help".startswith(word))


def parse(argv: Sequence[str]) -> argparse.Namespace:
    word = command_word(argv)
    if word is None and not any(_asks_help(w) for w in argv):  # no command: the window
        word, argv = "gui", [*argv, "gui"]
    known = any(word in names for names in COMMAND_MODULES.values())
    args = build_parser(word if known else None).parse_args(argv)
    if args.command is None:  # e.g. `--d FILE` (argparse accepts a prefix of --db)
        args = build_parser("gui").parse_args([*argv, "gui"])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    # Student data is for this user only: every file and folder Sanad makes (database, backups,
    # log, PDFs, CSVs) is created owner-only. Windows keeps them in the private profile anyway.
    os.umask(0o077)
    configure_logging()
    args = parse(sys.argv[1:] if argv is None else argv)
    from advisor.cli.context import CommandContext  # after parsing: only what the command needs

    context = CommandContext(args.db, user=args.user)
    try:
        return int(args.handler(args, context) or 0)
    except AdvisorError as exc:
        # The kind only: a message can quote a name, a CNIC or an email from a file.
        log.info("user error in %s: %s", args.command, type(exc).__name__)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `advisor … | head` closed the pipe: not an error of ours
        return 0
    except KeyboardInterrupt:
        print("error: interrupted; nothing half-done was kept.", file=sys.stderr)
        return 1
    except Exception:
        log.exception("unexpected failure in %s", args.command)
        print(f"error: something went wrong; the details are in {log_file()}.", file=sys.stderr)
        return 1
    finally:
        context.close()


def window_argv(argv: Sequence[str]) -> list[str]:
    """The window program's words (`Sanad --demo --screenshot DIR`) as the command line's: every
    word is `gui`'s, except `--db` and its value, which stay in front of it."""
    front: list[str] = []
    rest: list[str] = []
    words = iter(argv)
    for word in words:
        if word == "--db":
            front += [word, next(words, "")]
        elif word.startswith("--db="):
            front.append(word)
        else:
            rest.append(word)
    return [*front, "gui", *rest]


def window_main() -> int:
    """The frozen app's windowed program (`Sanad`): always the window, whatever it is given."""
    return main(window_argv(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
