"""`users add NAME --role ROLE [--full-name TEXT] | list [--json] | disable NAME | enable NAME |
role NAME ROLE | password NAME`: accounts (an administrator's job; anyone may set their own
password). A new password comes from ADVISOR_NEW_PASSWORD or is asked twice."""

from __future__ import annotations

import argparse

from advisor.cli.context import CommandContext

NEW_PASSWORD = "ADVISOR_NEW_PASSWORD"


def register(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="accounts and roles")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--role", required=True, help="viewer | advisor | office | controller | administrator"
    )
    add.add_argument("--full-name", metavar="TEXT", default="")
    add.set_defaults(handler=add_user)
    lst = sub.add_parser("list", help="every account")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_users)
    for name, enabled, text in (("disable", False, "refuse sign-in"), ("enable", True, "allow it")):
        p = sub.add_parser(name, help=f"{text} for an account")
        p.add_argument("name", metavar="NAME")
        p.set_defaults(handler=set_enabled, enabled=enabled)
    role = sub.add_parser("role", help="change an account's role")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", metavar="ROLE")
    role.set_defaults(handler=set_role)
    password = sub.add_parser("password", help="set an account's password")
    password.add_argument("name", metavar="NAME")
    password.set_defaults(handler=set_password)


def add_user(args: argparse.Namespace, ctx: CommandContext) -> int:
    accounts = ctx.services().accounts
    secret = ctx.password_for_new(f"Password for {args.name}: ", variable=NEW_PASSWORD)
    r = accounts.add(args.name, args.role, secret, full_name=args.full_name)
    ctx.print(f"Account '{r.user_name}' ({r.full_name}) added as {r.role}.")
    return 0


def list_users(args: argparse.Namespace, ctx: CommandContext) -> int:
    records = ctx.services().accounts.list()
    if args.json:
        ctx.print_json(records)
        return 0
    for r in records:
        state = "enabled" if r.enabled else "disabled"
        if r.locked_until:
            state += f", locked until {r.locked_until:%H:%M} UTC"
        last = f"{r.last_sign_in:%Y-%m-%d %H:%M}" if r.last_sign_in else "never"
        ctx.print(f"{r.user_name:<16} {r.role:<14} {state:<10} last sign-in {last}  {r.full_name}")
    ctx.print(f"{len(records)} account(s).")
    return 0


def set_enabled(args: argparse.Namespace, ctx: CommandContext) -> int:
    r = ctx.services().accounts.set_enabled(args.name, args.enabled)
    ctx.print(f"Account '{r.user_name}' {'enabled' if r.enabled else 'disabled'}.")
    return 0


def set_role(args: argparse.Namespace, ctx: CommandContext) -> int:
    r = ctx.services().accounts.set_role(args.name, args.role)
    ctx.print(f"Account '{r.user_name}' is now {r.role}.")
    return 0


def set_password(args: argparse.Namespace, ctx: CommandContext) -> int:
    accounts = ctx.services().accounts
    secret = ctx.password_for_new(f"New password for {args.name}: ", variable=NEW_PASSWORD)
    r = accounts.set_password(args.name, secret)
    ctx.print(f"Password of '{r.user_name}' changed.")
    return 0
