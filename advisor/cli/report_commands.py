"""`report progress ROLL_NO -o FILE.pdf`, `report cohort --degree CODE [--intake TEXT] -o FILE.pdf`,
and `plan print (ROLL_NO | --degree CODE [--intake TEXT]) -o FILE.pdf|DIR` (added to `plan`)."""

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
    cohort.add_argument(
        "--intake", metavar="TEXT", help="e.g. 'Fall 2023' or '2023'; default: all intakes"
    )
    cohort.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    cohort.set_defaults(handler=cohort_summary)


def pdf_target(path: Path) -> Path:
    """A .pdf file in a folder that exists: checked before any work is done."""
    if path.suffix.lower() != ".pdf":
        raise ValidationError(
            f"{path} does not end in .pdf: name the file to write, e.g. report.pdf."
        )
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


def add_plan_print(plan_actions: argparse._SubParsersAction) -> None:
    """`plan print`, registered by plan_commands: the printout is a document like the others."""
    printing = plan_actions.add_parser(
        "print",
        help="print a plan to sign (PDF): one student's, or every approved plan of a cohort",
    )
    printing.add_argument("roll_no", nargs="?", metavar="ROLL_NO")
    printing.add_argument("--degree", metavar="CODE", help="every approved plan of this degree")
    printing.add_argument(
        "--intake", metavar="TEXT", help="with --degree: e.g. 'Fall 2023' or '2023'"
    )
    printing.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="with ROLL_NO: print this version from the plan's history (default: the current)",
    )
    printing.add_argument(
        "--advisor",
        metavar="NAME",
        default="",
        help="the advisor's name for the signature line when nobody has approved the plan",
    )
    printing.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf|DIR",
        help="a .pdf file, or (with --degree) a folder for one file per student",
    )
    printing.set_defaults(handler=print_plans)


def print_plans(args: argparse.Namespace, ctx: CommandContext) -> int:
    if bool(args.roll_no) == bool(args.degree):
        raise ValidationError(
            "Give either a roll number or --degree CODE (with --intake for one intake)."
        )
    if args.version is not None and args.degree:
        raise ValidationError("--version prints one student's plan: give a roll number with it.")
    documents = ctx.services().documents
    if args.roll_no:
        target = pdf_target(args.output)
        document = documents.plan(
            args.roll_no, today=date.today(), version=args.version, advisor=args.advisor
        )
        target.write_bytes(document.pdf)
        ctx.print(f"Plan of {document.pages_of} written to {target}.")
        return 0
    one_file = args.output.suffix.lower() == ".pdf"
    if one_file:
        pdf_target(args.output)
    printed = documents.cohort_plans(
        args.degree, args.intake, today=date.today(), one_file=one_file, advisor=args.advisor
    )
    if one_file:
        args.output.write_bytes(printed[0].pdf)
        ctx.print(f"{printed[0].pages_of} written to {args.output}.")
        return 0
    args.output.mkdir(parents=True, exist_ok=True)
    for document in printed:
        (args.output / document.file_name).write_bytes(document.pdf)
    ctx.print(f"{len(printed)} plan(s) written to {args.output}.")
    return 0
