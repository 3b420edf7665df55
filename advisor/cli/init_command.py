"""`init [--admin NAME] [--demo]`: create or upgrade the database; a new one gets its
administrator (named by --admin or ADVISOR_USER); --demo adds the sample department and one
account per role (password `demo`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli.context import CommandContext
from advisor.model.errors import SignInError

if TYPE_CHECKING:
    from advisor.model.services import Services


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="create or upgrade the database")
    init.add_argument("--demo", action="store_true", help="add the demo institution and students")
    init.add_argument(
        "--admin", metavar="NAME", help="a new database's administrator (default: ADVISOR_USER)"
    )
    init.set_defaults(handler=run_init)


def run_init(args: argparse.Namespace, ctx: CommandContext) -> int:
    services = ctx.services(create=True, sign_in=False)
    m = services.db.migration
    where = services.db.file or services.db.url
    if m.previous is None:
        ctx.print(f"Created a new Sanad database at {where} (schema {m.current}).")
    elif m.previous != m.current:
        ctx.print(f"Upgraded {where} from schema {m.previous} to {m.current}; backup: {m.backup}.")
    else:
        ctx.print(f"{where} is up to date (schema {m.current}).")
    admin = args.admin or ctx.user
    if services.accounts.has_accounts():
        ctx.user = admin
        ctx.sign_in(services)
    elif admin:
        password = ctx.password_for_new(f"Choose a password for {admin}: ")
        services.accounts.create_administrator(admin, password)
        ctx.print(f"Administrator '{admin}' created.")
    elif not args.demo:
        raise SignInError(
            "Name the administrator of the new database: advisor init --admin NAME "
            "(or set ADVISOR_USER); the password comes from ADVISOR_PASSWORD or a prompt."
        )
    offer_signing_key(services, ctx)
    summary = services.catalog.summary()
    ctx.print(f"Catalog {summary.version}: {summary.programs} programs, {summary.courses} courses.")
    if args.demo:
        from advisor.model.demo import add_demo_accounts, load_demo

        added = add_demo_accounts(services)
        if added:
            ctx.print(f"Demo accounts (password 'demo'): {', '.join(added)}.")
        ctx.print(load_demo(services))
    return 0


def offer_signing_key(services: Services, ctx: CommandContext) -> None:
    """An institution without a key (a 0.1 database just upgraded) gets one when a passphrase is
    at hand; otherwise say how the Controller makes it."""
    if services.institution.get() is None or services.keys.current() is not None:
        return
    import os

    from advisor.cli.key_passphrase import PASSPHRASE_ENV

    if not os.environ.get(PASSPHRASE_ENV):
        ctx.print(
            "The institution has no signing key yet: letters cannot be issued until the "
            "Controller makes one (advisor institution key create)."
        )
        return
    created = services.keys.create(os.environ[PASSPHRASE_ENV])
    ctx.print(
        f"Made the institution's signing key {created.key.key_id} ({created.key.fingerprint})."
    )
    if created.letters_sealed:
        ctx.print(f"{created.letters_sealed} earlier letter(s) are now sealed by it.")
