"""`db copy --to URL_OR_PATH`: the whole database into another, empty store (a laptop's file onto
the department's server, or the server into a local file), checked before it is kept.
`db local`: this PC back on its own file (Settings → Database chose a server)."""

from __future__ import annotations

import argparse

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="move the database between this PC and a server")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    copy = sub.add_parser(
        "copy",
        help="copy every table into an empty database (a server URL or a file path), in one "
        "transaction, checked by row counts, the letters' seals and the change log's chain",
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar="URL_OR_PATH",
        help="e.g. postgresql+psycopg://sanad@server:5432/sanad, sqlite:///path, or a path",
    )
    copy.set_defaults(handler=run_copy)
    local = sub.add_parser(
        "local",
        help="work on this PC's own file again from the next start (Settings → Database "
        "chose a server); the server keeps its data",
    )
    local.set_defaults(handler=run_local)


def run_copy(args: argparse.Namespace, ctx: CommandContext) -> int:
    report = ctx.services().store_copy.copy_to(args.to)
    facts = report.facts
    tables = sum(1 for _, count in facts.rows if count)
    ctx.print(
        f"Copied {facts.total_rows} row(s) of {tables} table(s) into {report.target}; "
        "every table's row count matches."
    )
    ctx.print(
        f"Letters: {facts.count('letters')}, their seals "
        + ("check out." if not facts.seal_problems else "as in the source (some do not check out).")
    )
    chain = facts.chain
    ctx.print(
        f"Change log: {chain.events} event(s), "
        + ("intact." if chain.ok else f"as in the source (broken at event {chain.first_broken}).")
    )
    return 0


def run_local(args: argparse.Namespace, ctx: CommandContext) -> int:
    # Not through ctx.services(): the server may be the one that cannot be reached.
    from advisor.model import paths
    from advisor.model.server_connection import forget_password, save_connection, saved_connection

    saved = saved_connection()
    if saved is None:
        ctx.print(f"This PC already works on its own file ({paths.default_database()}).")
        return 0
    forget_password(saved)
    save_connection(None)
    ctx.print(
        f"This PC no longer connects to {saved.label}: from the next start it works on its own "
        f"file ({paths.default_database()})."
    )
    return 0
