"""`exception add ROLL_NO (--substitute PROGRAM --for SLOT | --waive SLOT |
--complete-course COURSE --evidence TEXT) --reason TEXT`, `exception list ROLL_NO`,
`exception approve ID`, `exception reject ID --reason TEXT`, `exception remove ID`.

An advisor's exception is a proposal until a controller approves it; a controller's counts at
once (the services decide, by the signed-in account's role)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli.context import CommandContext
from advisor.model.errors import ValidationError

if TYPE_CHECKING:
    from advisor.model.services.exception_service import ExceptionRecord


def register(commands: argparse._SubParsersAction) -> None:
    exception = commands.add_parser("exception", help="advisor exceptions to the credit policy")
    sub = exception.add_subparsers(dest="exception_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="record an exception for a student")
    add.add_argument("roll_no", metavar="ROLL_NO")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--substitute", metavar="PROGRAM", help="program slug that fills --for SLOT")
    kind.add_argument("--waive", metavar="SLOT", help="requirement slot to waive")
    kind.add_argument("--complete-course", metavar="COURSE", help="course slug to mark complete")
    add.add_argument("--for", dest="slot", metavar="SLOT", help="with --substitute: the slot")
    add.add_argument("--evidence", metavar="TEXT", help="with --complete-course: what you saw")
    add.add_argument("--reason", metavar="TEXT", required=True)
    add.set_defaults(handler=add_exception)
    lst = sub.add_parser("list", help="a student's exceptions")
    lst.add_argument("roll_no", metavar="ROLL_NO")
    lst.add_argument("--all", action="store_true", help="include removed ones")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_exceptions)
    rm = sub.add_parser("remove", help="withdraw an exception (it stays on record as removed)")
    rm.add_argument("id", type=int, metavar="ID")
    rm.add_argument("--reason", metavar="TEXT", default="")
    rm.set_defaults(handler=remove_exception)
    approve = sub.add_parser("approve", help="approve an advisor's proposed exception")
    approve.add_argument("id", type=int, metavar="ID")
    approve.set_defaults(handler=approve_exception)
    reject = sub.add_parser("reject", help="turn down an advisor's proposed exception")
    reject.add_argument("id", type=int, metavar="ID")
    reject.add_argument("--reason", metavar="TEXT", required=True)
    reject.set_defaults(handler=reject_exception)


def add_exception(args: argparse.Namespace, ctx: CommandContext) -> int:
    service = ctx.services().exceptions
    if args.substitute:
        if not args.slot:
            raise ValidationError("--substitute needs --for SLOT: the requirement it fills.")
        record = service.add_substitute(args.roll_no, args.substitute, args.slot, args.reason)
    elif args.waive:
        if args.slot:
            raise ValidationError("--for goes with --substitute, not --waive.")
        record = service.add_waiver(args.roll_no, args.waive, args.reason)
    else:
        if not args.evidence:
            raise ValidationError("--complete-course needs --evidence TEXT: what proves it.")
        record = service.add_course_completion(
            args.roll_no, args.complete_course, args.evidence, args.reason
        )
    state = "proposed; a controller approves it" if record.pending else "approved"
    ctx.print(
        f"Exception #{record.id} recorded for {record.roll_no}: {record.describe()} ({state})."
    )
    return 0


def list_exceptions(args: argparse.Namespace, ctx: CommandContext) -> int:
    records = ctx.services().exceptions.list(args.roll_no, include_removed=args.all)
    if args.json:
        ctx.print_json([_as_json(r) for r in records])
        return 0
    for r in records:
        removed = f"  [removed {r.removed_at:%Y-%m-%d} by {r.removed_by}]" if r.removed_at else ""
        removed += "  [proposed, not yet approved]" if r.pending else ""
        ctx.print(
            f"#{r.id:<5} {r.created_at:%Y-%m-%d} {r.author:<12} {r.describe()} — {r.reason}{removed}"
        )
    ctx.print(f"{len(records)} exception(s).")
    return 0


def remove_exception(args: argparse.Namespace, ctx: CommandContext) -> int:
    record = ctx.services().exceptions.remove(args.id, reason=args.reason)
    ctx.print(f"Exception #{record.id} of {record.roll_no} removed ({record.describe()}).")
    return 0


def approve_exception(args: argparse.Namespace, ctx: CommandContext) -> int:
    record = ctx.services().exceptions.approve(args.id)
    ctx.print(f"Exception #{record.id} of {record.roll_no} approved ({record.describe()}).")
    return 0


def reject_exception(args: argparse.Namespace, ctx: CommandContext) -> int:
    record = ctx.services().exceptions.reject(args.id, args.reason)
    ctx.print(f"Exception #{record.id} of {record.roll_no} rejected ({record.describe()}).")
    return 0


def _as_json(r: ExceptionRecord) -> dict[str, object]:
    return {
        "id": r.id,
        "roll_no": r.roll_no,
        "kind": r.kind,
        "slot": r.slot,
        "program": r.program,
        "course": r.course,
        "evidence": r.evidence,
        "reason": r.reason,
        "author": r.author,
        "created_at": r.created_at.isoformat(),
        "active": r.active,
        "approved_by": r.approved_by,
        "removed_at": r.removed_at.isoformat() if r.removed_at else None,
        "removed_by": r.removed_by,
    }
