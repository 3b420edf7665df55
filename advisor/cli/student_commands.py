"""`students list [--degree CODE] [--intake TEXT] [--json]`."""

from __future__ import annotations

import argparse

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    students = commands.add_parser("students", help="student records")
    sub = students.add_subparsers(dest="students_command", metavar="ACTION", required=True)
    lst = sub.add_parser("list", help="list students")
    lst.add_argument("--degree", metavar="CODE")
    lst.add_argument("--intake", metavar="TEXT", help="e.g. 'Fall 2023' or '2023'")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_students)


def list_students(args: argparse.Namespace, ctx: CommandContext) -> int:
    rows = ctx.services().students.list(args.degree, args.intake)
    if args.json:
        ctx.print_json(
            [{"roll_no": s.roll_no, "name": s.name, "degree": s.degree, "intake": s.intake} for s in rows]
        )
        return 0
    for s in rows:
        ctx.print(f"{s.roll_no:<16} {s.name:<28} {s.degree:<8} {s.intake:<12} semester {s.semester}")
    ctx.print(f"{len(rows)} student(s).")
    return 0
