"""`advisor [--db PATH_OR_URL] COMMAND …` — exit 0 ok, 1 a user error (`error: …`), 2 bad usage."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from advisor.cli import (
    audit_commands,
    backup_commands,
    catalog_commands,
    exception_commands,
    gui_command,
    init_command,
    letter_commands,
    plan_commands,
    policy_commands,
    progress_commands,
    report_commands,
    student_commands,
)
from advisor.cli.context import CommandContext
from advisor.logging_setup import configure_logging, log_file
from advisor.model.errors import AdvisorError

log = logging.getLogger("advisor")

# Each module adds its sub-commands with register(subparsers); handlers take (args, context).
COMMAND_MODULES = [
    gui_command,
    init_command,
    catalog_commands,
    policy_commands,
    student_commands,
    audit_commands,
    exception_commands,
    letter_commands,
    plan_commands,
    progress_commands,
    report_commands,
    backup_commands,
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    args = build_parser().parse_args(argv)
    if args.command is None:
        args = build_parser().parse_args([*(argv or sys.argv[1:]), "gui"])
    context = CommandContext(args.db)
    try:
        return int(args.handler(args, context) or 0)
    except AdvisorError as exc:
        log.info("user error in %s: %s", args.command, exc)
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


if __name__ == "__main__":
    sys.exit(main())
