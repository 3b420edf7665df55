"""`audit ROLL_NO [--what-if DEGREE] [--what-if-policy YYYY] [--with-plan] [--json]` and
`audit --all [--degree CODE] [--intake TEXT] [--json | --json-lines | --csv FILE]`."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from advisor.cli.context import CommandContext
from advisor.model.errors import ValidationError
from advisor.model.export_cells import neutral_row

if TYPE_CHECKING:  # only for hints: `gui` starts without loading the model
    from advisor.model.audit.comparison import AuditComparison
    from advisor.model.audit.result import AuditResult, ProgramResult

CSV_FIELDS = (
    "roll_no",
    "name",
    "degree",
    "intake",
    "policy_year",
    "eligible_credits",
    "pending_credits",
    "credit_cap",
    "satisfied",
    "pending",
    "unsatisfied",
    "waived",
    "counted_programs",
)


def register(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit", help="which certifications count for which requirement, and how many credit hours"
    )
    audit.add_argument("roll_no", nargs="?", metavar="ROLL_NO")
    audit.add_argument("--all", action="store_true", help="every selected student, one line each")
    audit.add_argument("--degree", metavar="CODE", help="with --all: only this degree")
    audit.add_argument("--intake", metavar="TEXT", help="with --all: e.g. 'Fall 2023' or '2023'")
    audit.add_argument("--what-if", metavar="DEGREE_CODE", help="audit against another degree")
    audit.add_argument(
        "--what-if-policy",
        metavar="YYYY",
        type=int,
        help="audit against the policy of year YYYY, keeping the student's own intake date",
    )
    # The old name, kept so scripts still run; it now means the policy year (a note says so).
    audit.add_argument(
        "--what-if-year",
        metavar="YYYY",
        type=int,
        dest="what_if_year",
        help="the old name of --what-if-policy",
    )
    audit.add_argument(
        "--with-plan",
        action="store_true",
        help="add the current plan's planned completions: projected credits and dates",
    )
    out = audit.add_mutually_exclusive_group()
    out.add_argument(
        "--json", action="store_true", help="with --all: a JSON array, one student object a line"
    )
    out.add_argument(
        "--json-lines",
        action="store_true",
        help="with --all: one student object a line (JSON Lines), nothing around them",
    )
    out.add_argument("--csv", metavar="FILE", type=Path, help="with --all: write a CSV file")
    audit.set_defaults(handler=run_audit_command)


YEAR_ALIAS_NOTE = (
    "note: --what-if-year now means the policy year (the student's own intake date is kept); "
    "it is --what-if-policy."
)


def run_audit_command(args: argparse.Namespace, ctx: CommandContext) -> int:
    today = date.today()
    if args.what_if_year is not None:
        print(YEAR_ALIAS_NOTE, file=sys.stderr)  # on stderr: --json output stays clean
        if args.what_if_policy is None:
            args.what_if_policy = args.what_if_year
    if args.all == bool(args.roll_no):
        raise ValidationError("Give one roll number, or --all for a whole cohort.")
    if args.all:
        if args.what_if or args.what_if_policy or args.with_plan:
            raise ValidationError(
                "--what-if, --what-if-policy and --with-plan are for one student."
            )
        audit = ctx.services().audit
        if args.json or args.json_lines:
            stream = audit.stream_cohort(args.degree, args.intake, today=today)
            write_json_stream(stream, ctx.out, lines=args.json_lines)
            return 0
        results = audit.audit_cohort(args.degree, args.intake, today=today)
        return _print_cohort(results, args, ctx)
    if args.csv or args.degree or args.intake or args.json_lines:
        raise ValidationError("--csv, --json-lines, --degree and --intake go with --all.")
    audit = ctx.services().audit
    if (args.what_if or args.what_if_policy) and not args.json and not args.with_plan:
        comparison = audit.what_if(
            args.roll_no, today=today, degree=args.what_if, policy_year=args.what_if_policy
        )
        ctx.print(*audit_lines(comparison.what_if), "", *difference_lines(comparison))
        return 0
    result = audit.audit_student(
        args.roll_no,
        today=today,
        what_if_degree=args.what_if,
        what_if_policy=args.what_if_policy,
        with_plan=args.with_plan,
    )
    if args.json:
        ctx.print_json(result.to_json())
    else:
        ctx.print(*audit_lines(result))
    return 0


def difference_lines(c: AuditComparison) -> list[str]:
    """What the what-if changes against the student's own audit, one line a requirement."""
    own, other = c.own, c.what_if
    lines = [
        f"Compared with the own audit ({own.degree} policy {own.policy_year or 'none'}): "
        f"{_signed(c.credit_change)} credit hours "
        f"({own.eligible_credits + own.pending_credits} → "
        f"{other.eligible_credits + other.pending_credits})."
    ]
    if not c.changed and not c.programs:
        lines.append("  No requirement changes.")
    for r in c.changed:
        before = f"{r.own.status} {r.own_credits} cr" if r.own else "not in the own policy"
        after = f"{r.what_if.status} {r.what_if_credits} cr" if r.what_if else "not in this policy"
        lines.append(f"  {r.id:<14} {before} → {after}")
    for p in c.programs:
        lines.append(
            f"  {p.slug:<34} {p.own_slot or 'not counted'} → {p.what_if_slot or 'not counted'}"
        )
    return lines


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def audit_lines(r: AuditResult) -> list[str]:
    lines = []
    if r.what_if:
        lines.append(f"{r.what_if}")
    lines += [
        f"{r.roll_no}  {r.student_name} — {r.degree_title} ({r.degree}), intake {r.intake}",
        r.policy_note,
        (
            f"Credits: {r.eligible_credits} eligible, {r.pending_credits} pending verification "
            f"(cap {r.credit_cap})."
        ),
    ]
    if r.projected_credits is not None:
        lines.append(f"Projected with the plan: {r.projected_credits} credit hours.")
    lines.append("")
    lines.append("Requirements:")
    for req in r.requirements:
        planned = f"planned: {', '.join(req.planned_by)}" if req.planned_by else "—"
        by = ", ".join(req.satisfied_by) or planned
        lines.append(f"  {req.id:<14} {req.shown_status:<12} {req.credits} cr  {by}")
        lines.append(f"      {req.reason}")
    lines.append("")
    lines.append("Certifications:")
    for p in r.programs:
        counted = f"→ {p.counted_for} ({p.credits} cr)" if p.counted_for else ""
        projected = (
            f" projected {p.projected_completion.isoformat()}"
            if p.projected_completion and p.status != "completed"
            else ""
        )
        lines.append(
            f"  {p.slug:<34} {p.status:<12} {p.courses_done}/{p.courses_required} {counted}{projected}"
        )
        lines.append(f"      {p.reason}")
    if r.exceptions:
        lines.append("")
        lines.append("Exceptions:")
        for e in r.exceptions:
            lines.append(f"  #{e.id} {e.kind}: {e.note} Reason: {e.reason}")
    return lines


def cohort_row(r: AuditResult) -> dict[str, object]:
    statuses = [q.status for q in r.requirements]
    return {
        "roll_no": r.roll_no,
        "name": r.student_name,
        "degree": r.degree,
        "intake": r.intake,
        "policy_year": r.policy_year,
        "eligible_credits": r.eligible_credits,
        "pending_credits": r.pending_credits,
        "credit_cap": r.credit_cap,
        "satisfied": statuses.count("satisfied"),
        "pending": statuses.count("pending"),
        "unsatisfied": statuses.count("unsatisfied"),
        "waived": statuses.count("waived"),
        "counted_programs": " ".join(f"{p.counted_for}={p.slug}" for p in r.counted_programs),
    }


def write_json_stream(results: Iterable[AuditResult], out: TextIO, *, lines: bool) -> None:
    """Each student's audit as one line of JSON, written as it comes: a JSON array (`--json`)
    or JSON Lines. The C encoder (no indent), one write per 200 students, and each not-started
    program's line encoded once (the audit shares those lines between students) keep the
    writing a fraction of the audit itself."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode
    shared: dict[int, tuple[object, str]] = {}

    def program_text(program: ProgramResult) -> str:
        if program.status != "not_started":
            return encode(program.to_json())
        hit = shared.get(id(program))
        if hit is None or hit[0] is not program:
            hit = shared[id(program)] = (program, encode(program.to_json()))
        return hit[1]

    chunk: list[str] = [] if lines else ["["]
    count = 0
    for result in results:
        if result.projected_credits is None:
            programs = ", ".join(program_text(p) for p in result.programs)
            text = f'{encode(result.to_json(programs=False))[:-1]}, "programs": [{programs}]}}'
        else:  # a look-ahead audit: program lines carry projections (never in a cohort today)
            text = encode(result.to_json())
        if lines:
            chunk.append(text + "\n")
        else:
            chunk.append(("\n" if count == 0 else ",\n") + text)
        count += 1
        if len(chunk) >= 200:
            out.write("".join(chunk))
            chunk.clear()
    if not lines:
        chunk.append("\n]\n" if count else "]\n")
    out.write("".join(chunk))


def _print_cohort(results: list[AuditResult], args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.csv:
        try:
            with args.csv.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
                writer.writeheader()
                writer.writerows(neutral_row(cohort_row(r)) for r in results)
        except OSError as exc:
            raise ValidationError(f"Cannot write {args.csv}: {exc.strerror or exc}.") from exc
        ctx.print(f"{len(results)} student(s) written to {args.csv}.")
        return 0
    for r in results:
        row = cohort_row(r)
        ctx.print(
            f"{r.roll_no:<16} {r.degree:<6} {r.intake:<12} eligible {r.eligible_credits:>2}  "
            f"pending {r.pending_credits:>2}  cap {r.credit_cap:>2}  {row['counted_programs']}"
        )
    ctx.print(f"{len(results)} student(s).")
    return 0
