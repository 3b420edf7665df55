"""`students import FILE | list [--degree CODE] [--intake TEXT] [--coursera STATE] [--json] |
show ROLL_NO [--json]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.context import CommandContext
from advisor.model.coursera_membership import COURSERA_FILTERS


def register(commands: argparse._SubParsersAction) -> None:
    students = commands.add_parser("students", help="student records")
    sub = students.add_subparsers(dest="students_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="add or update students from a roster (CSV or XLSX)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=import_students)
    lst = sub.add_parser("list", help="list students")
    lst.add_argument("--degree", metavar="CODE")
    lst.add_argument("--intake", metavar="TEXT", help="e.g. 'Fall 2023' or '2023'")
    lst.add_argument(
        "--coursera",
        choices=COURSERA_FILTERS,
        metavar="STATE",
        help="only students whose Coursera membership is: " + ", ".join(COURSERA_FILTERS),
    )
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_students)
    show = sub.add_parser("show", help="one student with their Coursera progress")
    show.add_argument("roll_no", metavar="ROLL_NO")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_student)


def import_students(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = ctx.services().students.import_roster(args.file)
    ctx.print(result.describe())
    for label, rolls in (("added", result.added), ("updated", result.updated)):
        if rolls:
            ctx.print(f"  {label}: {', '.join(rolls)}")
    return 0


def list_students(args: argparse.Namespace, ctx: CommandContext) -> int:
    rows = ctx.services().students.list(args.degree, args.intake, coursera=args.coursera)
    if args.json:
        ctx.print_json(
            [
                {
                    "roll_no": s.roll_no,
                    "name": s.name,
                    "degree": s.degree,
                    "intake": s.intake,
                    "coursera": s.coursera,
                    "coursera_program": s.coursera_program,
                }
                for s in rows
            ]
        )
        return 0
    for s in rows:
        ctx.print(
            f"{s.roll_no:<16} {s.name:<28} {s.degree:<8} {s.intake:<12} semester {s.semester:<3} "
            f"Coursera: {s.coursera}"
        )
    ctx.print(f"{len(rows)} student(s).")
    return 0


def show_student(args: argparse.Namespace, ctx: CommandContext) -> int:
    s = ctx.services().students.show(args.roll_no)
    if args.json:
        ctx.print_json(
            {
                "roll_no": s.roll_no,
                "name": s.name,
                "father_name": s.father_name,
                "gender": s.gender,
                "cnic": s.cnic,
                "email": s.email,
                "degree": s.degree,
                "intake": s.intake,
                "semester": s.semester,
                "advisor_notes": s.advisor_notes,
                "courses": [
                    {
                        "slug": c.slug,
                        "status": c.status,
                        "progress": c.progress,
                        "grade": c.grade,
                        "completed_on": c.completed_on,
                        "certificate": c.certificate,
                    }
                    for c in s.courses
                ],
                "program_certificates": [
                    {"slug": p.slug, "completed_on": p.completed_on, "certificate": p.certificate}
                    for p in s.program_certificates
                ],
            }
        )
        return 0
    relation = {"M": "S/O", "F": "D/O"}.get(s.gender, "child of")
    ctx.print(f"{s.roll_no}  {s.name}" + (f", {relation} {s.father_name}" if s.father_name else ""))
    ctx.print(
        f"  {s.degree}, intake {s.intake}, semester {s.semester}; CNIC {s.cnic or '—'}; {s.email or 'no email'}"
    )
    done = sum(c.status == "completed" for c in s.courses)
    ctx.print(f"Courses ({done} completed of {len(s.courses)}):")
    for c in s.courses:
        grade = f", grade {c.grade:g}" if c.grade is not None else ""
        when = f", {c.completed_on.isoformat()}" if c.completed_on else ""
        cert = ", certificate" if c.certificate else ""
        ctx.print(f"  {c.slug:<50} {c.status:<11} {c.progress:>5g}%{grade}{when}{cert}")
    if s.program_certificates:
        ctx.print("Program certificates:")
        for p in s.program_certificates:
            when = p.completed_on.isoformat() if p.completed_on else "date not known"
            ctx.print(f"  {p.slug:<36} {when}  {p.certificate}")
    return 0
