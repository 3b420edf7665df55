"""`report progress ROLL_NO -o FILE.pdf` and `report cohort --degree CODE [--intake TEXT] -o FILE.pdf`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from advisor.cli.context import CommandContext
from advisor.model.errors import ValidationError


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="progress reports and cohort summaries (PDF)")
    sub = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    progress = sub.add_parser("progress", help="one student's certification progress report")
    progress.add_argument("roll_no")
    progress.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    progress.set_defaults(handler=progress_report)
    cohort = sub.add_parser("cohort", help="a degree's cohort summary with a chart")
    cohort.add_argument("--degree", required=True, metavar="CODE")
    cohort.add_argument("--intake", metavar="TEXT", help="e.g. 'Fall 2023' or '2023'; default: all intakes")
    cohort.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    cohort.set_defaults(handler=cohort_summary)


def pdf_target(path: Path) -> Path:
    """A .pdf file in a folder that exists: checked before any work is done."""
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"{path} does not end in .pdf: name the file to write, e.g. report.pdf.")
    if not path.parent.exists():
        raise ValidationError(f"The folder {path.parent} does not exist.")
    return path


def progress_report(args: argparse.Namespace, ctx: CommandContext) -> int:
    target = pdf_target(args.output)
    document = ctx.services().documents.progress_report(args.roll_no, today=date.today())
    target.write_bytes(document.pdf)
    ctx.print(f"Progress report of {document.pages_of} written to {target}.")
    return 0


def cohort_summary(args: argparse.Namespace, ctx: CommandContext) -> int:
    target = pdf_target(args.output)
    document = ctx.services().documents.cohort_summary(args.degree, args.intake, today=date.today())
    target.write_bytes(document.pdf)
    ctx.print(f"Cohort summary of {document.pages_of} written to {target}.")
    return 0
