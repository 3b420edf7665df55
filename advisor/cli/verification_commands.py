"""`verify-certificate ROLL_NO (--course SLUG | --program SLUG) --code CODE [--note TEXT]` and
`pending [--degree CODE] [--intake TEXT] [--json]`: the verification desk on the command line."""

from __future__ import annotations

import argparse
from datetime import date

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser(
        "verify-certificate",
        help="record that you checked a course's or program's certificate (it counts as verified)",
    )
    verify.add_argument("roll_no", metavar="ROLL_NO")
    which = verify.add_mutually_exclusive_group(required=True)
    which.add_argument("--course", metavar="SLUG", help="the course whose certificate you saw")
    which.add_argument("--program", metavar="SLUG", help="the completed program's certificate")
    verify.add_argument(
        "--code",
        metavar="CODE",
        required=True,
        help="the certificate code, or its Coursera verify URL",
    )
    verify.add_argument("--note", metavar="TEXT", default="", help="what you checked, where")
    verify.set_defaults(handler=verify_certificate)
    pending = commands.add_parser(
        "pending", help="completed programs waiting for a certificate check"
    )
    pending.add_argument("--degree", metavar="CODE")
    pending.add_argument("--intake", metavar="TEXT", help="e.g. 'Fall 2023' or '2023'")
    pending.add_argument("--json", action="store_true")
    pending.set_defaults(handler=list_pending)


def verify_certificate(args: argparse.Namespace, ctx: CommandContext) -> int:
    desk = ctx.services().certificates
    if args.course:
        record = desk.verify_course(
            args.roll_no, args.course, args.code, today=date.today(), note=args.note
        )
    else:
        record = desk.verify_program(
            args.roll_no, args.program, args.code, today=date.today(), note=args.note
        )
    ctx.print(f"Recorded: {record.describe()}.")
    return 0


def list_pending(args: argparse.Namespace, ctx: CommandContext) -> int:
    items = ctx.services().certificates.pending(args.degree, args.intake, today=date.today())
    if args.json:
        ctx.print_json(
            [
                {
                    "roll_no": i.roll_no,
                    "name": i.name,
                    "degree": i.degree,
                    "intake": i.intake,
                    "program": i.program,
                    "title": i.title,
                    "completed_on": i.completed_on,
                    "counts_for": i.counts_for,
                    "pending_credits": i.credits if i.counts_for else 0,
                }
                for i in items
            ]
        )
        return 0
    for i in items:
        counts = f"{i.counts_for}, {i.credits} cr. pending" if i.counts_for else "not counted"
        done = i.completed_on.isoformat() if i.completed_on else "date unknown"
        ctx.print(f"{i.roll_no:<14} {i.name[:24]:<24} {i.title[:48]:<48} {done}  {counts}")
    students = len({i.roll_no for i in items})
    ctx.print(f"{len(items)} completed program(s) of {students} student(s) wait for verification.")
    return 0
