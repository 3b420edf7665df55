"""`backup -o FILE` and `restore FILE`: the whole database as one file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="copy the whole database to a file (safe while in use)"
    )
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser(
        "restore", help="replace the database with a backup (saves the current one first)"
    )
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--replace-unreadable",
        action="store_true",
        help="replace a current database whose letter register cannot be read "
        "(its letters cannot be carried forward; the file is kept beside it)",
    )
    restore.add_argument(
        "--yes",
        action="store_true",
        help="into a database server: replace its data without asking (it is saved first)",
    )
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = ctx.services().backup.backup(args.output)
    ctx.print(
        f"Backup written to {result.path} ({result.size_bytes / 1024:.0f} KB, schema {result.schema})."
    )
    return 0


def run_restore(args: argparse.Namespace, ctx: CommandContext) -> int:
    from advisor.model.database import resolve_location, sqlite_file
    from advisor.model.errors import DatabaseError
    from advisor.model.services.backup_service import RestoreResult, restore_database

    result: RestoreResult
    location = resolve_location(ctx.db)
    if sqlite_file(location) is None:  # a server, shared by every PC: asked first, as its admin
        services = ctx.services()
        _confirm_server_restore(args, location)
        result = services.backup.restore(args.file)
    else:
        # As any command, by a signed-in administrator, and in the change log; only a file
        # that cannot be opened (nor its accounts read) is replaced without a sign-in.
        try:
            services = ctx.services()
        except DatabaseError:
            services = None
        if services is None:
            result = restore_database(ctx.db, args.file, replace_unreadable=args.replace_unreadable)
        else:
            result = services.backup.restore(args.file, replace_unreadable=args.replace_unreadable)
    upgraded = (
        f", upgraded from schema {result.schema_in_file}"
        if result.schema_in_file != result.schema_now
        else ""
    )
    ctx.print(f"Restored from {result.restored_from} (schema {result.schema_now}{upgraded}).")
    carried = result.carried
    if carried.letters:
        ctx.print(
            f"Kept {len(carried.letters)} letter(s) issued after the backup was made "
            f"({', '.join(carried.letters[:5])}{' …' if len(carried.letters) > 5 else ''})"
            + (f" and {len(carried.students)} student(s) they name" if carried.students else "")
            + "."
        )
    if carried.events:
        ctx.print(f"Kept {carried.events} later register event(s) (revocations, duplicates).")
    if carried.series:
        ctx.print(
            f"Letter numbering continues where it was: {', '.join(carried.series)} "
            "never gives a number twice."
        )
    if result.previous_saved_to:
        ctx.print(f"The data it replaced was saved to {result.previous_saved_to}.")
    return 0


def _confirm_server_restore(args: argparse.Namespace, location: str) -> None:
    from advisor.model.database_copy import shown
    from advisor.model.errors import ValidationError

    question = (
        f"Replace everything in {shown(location)} with {args.file}? Every PC connected to it "
        "will see the backup's data (the current data is saved to a file on this PC first)."
    )
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise ValidationError(f"{question} Nothing was changed: add --yes to go ahead.")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise ValidationError("Nothing was restored.")
