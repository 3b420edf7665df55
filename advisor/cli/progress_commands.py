"""`progress import FILE [--dry-run]`: a Coursera admin export (course activity, Specialization,
LearningPathActivity or ProgramActivity report)."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    progress = commands.add_parser("progress", help="Coursera progress of students")
    sub = progress.add_subparsers(dest="progress_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="merge a Coursera export (CSV or XLSX) into the records")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--dry-run", action="store_true", help="report what would change, write nothing"
    )
    imp.set_defaults(handler=import_progress)


def import_progress(args: argparse.Namespace, ctx: CommandContext) -> int:
    progress = ctx.services().progress
    result = (progress.rehearsed() if args.dry_run else progress).import_export(args.file)
    ctx.print(result.describe() + (" Dry run: nothing was written." if result.dry_run else ""))
    for note in result.notes:
        ctx.print(f"Note: {note}")
    if result.unmatched:
        ctx.print(f"Unmatched rows ({len(result.unmatched)}):")
        for row in result.unmatched:
            ctx.print(f"  line {row.line}: {row.reason}")
    return 0
