"""`init [--demo]`: create or upgrade the database; --demo adds the sample department."""

from __future__ import annotations

import argparse

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="create or upgrade the database")
    init.add_argument("--demo", action="store_true", help="add the demo institution and students")
    init.set_defaults(handler=run_init)


def run_init(args: argparse.Namespace, ctx: CommandContext) -> int:
    services = ctx.services(create=True)
    m = services.db.migration
    where = services.db.file or services.db.url
    if m.previous is None:
        ctx.print(f"Created a new Sanad database at {where} (schema {m.current}).")
    elif m.previous != m.current:
        ctx.print(f"Upgraded {where} from schema {m.previous} to {m.current}; backup: {m.backup}.")
    else:
        ctx.print(f"{where} is up to date (schema {m.current}).")
    services.letters.prepare()
    summary = services.catalog.summary()
    ctx.print(f"Catalog {summary.version}: {summary.programs} programs, {summary.courses} courses.")
    if args.demo:
        from advisor.model.demo import load_demo

        ctx.print(load_demo(services))
    return 0
