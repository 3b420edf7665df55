"""`plan create ROLL_NO --program SLUG [--program …] [--hours-per-week N] [--start YYYY-MM-DD] [--json]`,
`plan approve ROLL_NO`, `plan show ROLL_NO [--version N] [--json]`, `plan history ROLL_NO`,
`plan suggest ROLL_NO [--json]`; `plan print` is added from report_commands (the documents)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from advisor.cli.context import CommandContext
from advisor.cli.report_commands import add_plan_print
from advisor.model.errors import ValidationError

if TYPE_CHECKING:  # only for hints: `gui` starts without loading the model
    from advisor.model.plan_result import PlanDetail


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def register(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser("plan", help="certification plans")
    sub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    create = sub.add_parser(
        "create",
        help="plan programs for a student (edits the draft; after approval, a new version)",
    )
    create.add_argument("roll_no", metavar="ROLL_NO")
    create.add_argument(
        "--program", dest="programs", metavar="SLUG", action="append", required=True
    )
    create.add_argument("--hours-per-week", type=float, metavar="N")
    create.add_argument("--start", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=create_plan)
    approve = sub.add_parser("approve", help="approve (lock) the student's draft plan")
    approve.add_argument("roll_no", metavar="ROLL_NO")
    approve.set_defaults(handler=approve_plan)
    show = sub.add_parser("show", help="the student's current plan")
    show.add_argument("roll_no", metavar="ROLL_NO")
    show.add_argument("--version", type=int, metavar="N", help="an earlier version")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_plan)
    history = sub.add_parser("history", help="every version of the student's plan")
    history.add_argument("roll_no", metavar="ROLL_NO")
    history.set_defaults(handler=plan_history)
    suggest = sub.add_parser("suggest", help="programs that would fill the student's open slots")
    suggest.add_argument("roll_no", metavar="ROLL_NO")
    suggest.add_argument("--json", action="store_true")
    suggest.set_defaults(handler=suggest_targets)
    add_plan_print(sub)


def create_plan(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.hours_per_week is not None and args.hours_per_week <= 0:
        raise ValidationError("--hours-per-week must be more than 0.")
    detail = ctx.services().plans.create(
        args.roll_no,
        args.programs,
        today=date.today(),
        hours_per_week=args.hours_per_week,
        start=args.start,
    )
    _output(detail, args, ctx)
    return 0


def approve_plan(args: argparse.Namespace, ctx: CommandContext) -> int:
    detail = ctx.services().plans.approve(args.roll_no, today=date.today())
    ctx.print(f"Plan version {detail.version} of {detail.roll_no} approved; it is now locked.")
    return 0


def show_plan(args: argparse.Namespace, ctx: CommandContext) -> int:
    detail = ctx.services().plans.show(args.roll_no, today=date.today(), version=args.version)
    _output(detail, args, ctx)
    return 0


def plan_history(args: argparse.Namespace, ctx: CommandContext) -> int:
    for v in ctx.services().plans.history(args.roll_no):
        approved = (
            f", approved {v.approved_at:%Y-%m-%d} by {v.approved_by}" if v.approved_at else ""
        )
        ctx.print(
            f"v{v.version:<3} {v.status:<10} made {v.created_at:%Y-%m-%d} by {v.created_by}{approved}: "
            f"{', '.join(v.targets)} from {v.start_date.isoformat()} at {v.hours_per_week:g} h/week"
        )
    return 0


def suggest_targets(args: argparse.Namespace, ctx: CommandContext) -> int:
    suggestions = ctx.services().plans.suggest(args.roll_no, today=date.today())
    if args.json:
        ctx.print_json(suggestions)
        return 0
    if not suggestions:
        ctx.print("No open requirement can be filled by a further program.")
    for s in suggestions:
        ctx.print(
            f"{s.slot:<14} {s.program:<36} {s.remaining_hours:>6g} h left, "
            f"{s.courses_left} course(s), +{s.credits_gained} credit hours — {s.title}"
        )
    return 0


def _output(detail: PlanDetail, args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.json:
        ctx.print_json(detail)
        return 0
    ctx.print(*plan_lines(detail))
    return 0


def plan_lines(d: PlanDetail) -> list[str]:
    lines = [
        f"{d.roll_no}  {d.student_name} — {d.degree_title}, intake {d.intake}, semester {d.semester}",
        (
            f"Plan version {d.version} ({d.status}), from {d.start_date.isoformat()} at "
            f"{d.hours_per_week:g} hours a week; finishes "
            f"{d.finish_date.isoformat() if d.finish_date else '—'}."
        ),
        (
            f"Credits now: {d.eligible_credits} eligible, {d.pending_credits} pending; projected "
            f"{d.projected_credits} (cap {d.credit_cap})."
        ),
        "",
        "Targets:",
    ]
    for t in d.targets:
        counts = f"→ {t.counts_for}, {t.credits} cr" if t.counts_for else "→ no credit"
        when = t.completion.isoformat() if t.completion else "—"
        lines.append(
            f"  {t.slug:<36} {t.courses_done}/{t.courses_total} done, {t.remaining_hours:g} h to go, "
            f"complete by {when} {counts}"
        )
    lines += ["", "Courses:"]
    for c in d.items:
        est = " (est.)" if c.hours_estimated else ""
        lines.append(
            f"  {c.start.isoformat()} – {c.end.isoformat()}  {c.weeks:>2} wk  {c.hours:>5g} h{est}  {c.course_title}"
        )
    for w in d.warnings:
        lines.append(f"warning: {w}")
    return lines
