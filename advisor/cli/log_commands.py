"""`log [--student ROLL] [--user NAME] [--action TEXT] [--since DATE] [--json]` and
`log verify [--public-key PEM]`: the change log, and the check of its chain and signatures."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from advisor.cli.context import CommandContext
from advisor.model.errors import ValidationError


def register(commands: argparse._SubParsersAction) -> None:
    log = commands.add_parser("log", help="the change log: who did what, when")
    log.add_argument("--student", metavar="ROLL_NO")
    log.add_argument("--user", dest="by_user", metavar="NAME", help="one account's actions")
    log.add_argument("--action", metavar="TEXT", help="e.g. letter, exception.approve")
    log.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    log.add_argument("--json", action="store_true")
    log.set_defaults(handler=list_log)
    sub = log.add_subparsers(dest="log_command", metavar="ACTION")
    verify = sub.add_parser("verify", help="check the hash chain and the signed heads")
    verify.add_argument(
        "--public-key",
        metavar="PEM",
        type=Path,
        action="append",
        default=[],
        help="the institution's public key: signatures must be made by it",
    )
    verify.set_defaults(handler=verify_log)


def list_log(args: argparse.Namespace, ctx: CommandContext) -> int:
    from advisor.model.services.history_service import LogFilter

    wanted = LogFilter(
        roll_no=args.student, user=args.by_user, action=args.action, since=args.since
    )
    events = ctx.services().history.events(wanted)
    if args.json:
        ctx.print_json(list(reversed(events)))
        return 0
    for e in reversed(events):
        who = f" [{e.roll_no}]" if e.roll_no else ""
        why = f" — {e.reason}" if e.reason else ""
        what = f": {e.summary}" if e.summary else ""
        ctx.print(
            f"#{e.id:<5} {e.at:%Y-%m-%d %H:%M} {e.user:<12} {e.action:<20} "
            f"{e.record}{who}{what}{why}"
        )
    ctx.print(f"{len(events)} event(s).")
    return 0


def verify_log(args: argparse.Namespace, ctx: CommandContext) -> int:
    keys = []
    for path in args.public_key:
        try:
            keys.append(path.read_bytes())
        except OSError as exc:
            raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    check = ctx.services().history.verify(keys)
    if check.problem:
        raise ValidationError(
            f"The change log is broken at event {check.first_broken}: {check.problem}."
        )
    if check.register:
        raise ValidationError(
            f"The letter register was altered behind Sanad's back: {check.altered_letters()}."
        )
    signed = (
        f"{check.signatures} signed head(s), {check.signatures_checked} signature(s) verified"
        if check.signatures
        else "no signed heads yet"
    )
    ctx.print(f"The change log is intact: {check.events} event(s), {signed}.")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-02-01") from None
