"""`backup -o FILE` and `restore FILE`: the whole database as one file."""

from __future__ import annotations

import argparse
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
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = ctx.services().backup.backup(args.output)
    ctx.print(
        f"Backup written to {result.path} ({result.size_bytes / 1024:.0f} KB, schema {result.schema})."
    )
    return 0


def run_restore(args: argparse.Namespace, ctx: CommandContext) -> int:
    # Not through ctx.services(): the current database may be the damaged one being replaced.
    from advisor.model.services.backup_service import restore_database

    result = restore_database(ctx.db, args.file)
    upgraded = (
        f", upgraded from schema {result.schema_in_file}"
        if result.schema_in_file != result.schema_now
        else ""
    )
    ctx.print(f"Restored from {result.restored_from} (schema {result.schema_now}{upgraded}).")
    if result.previous_saved_to:
        ctx.print(f"The database it replaced was saved to {result.previous_saved_to}.")
    return 0
