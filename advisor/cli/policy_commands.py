"""`policy import FILE | export FILE`: the department's credit policy (advisor-policy/1)."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.context import CommandContext
from advisor.cli.key_passphrase import add_key_file_option, key_file_of, new_passphrase


def register(commands: argparse._SubParsersAction) -> None:
    policy = commands.add_parser("policy", help="the credit policy of each degree")
    sub = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="load a policy file (JSON, advisor-policy/1)")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--replace-institution",
        action="store_true",
        help="the file is of another institution than the one set up: make it this "
        "database's institution (otherwise such a file is refused)",
    )
    add_key_file_option(imp)
    imp.set_defaults(handler=import_policy)
    exp = sub.add_parser("export", help="write the institution, degrees and policies as JSON")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=export_policy)


def import_policy(args: argparse.Namespace, ctx: CommandContext) -> int:
    policy = ctx.services().policy
    passphrase = None
    if policy.sets_up_unkeyed_institution(args.file):
        passphrase = new_passphrase()  # the institution's signing key is made with it
    ctx.print(
        policy.import_file(
            args.file,
            key_passphrase=passphrase,
            key_file=key_file_of(args),
            replace_institution=args.replace_institution,
        ).describe()
    )
    key = ctx.services().keys.current()
    if passphrase is not None and key is not None:
        ctx.print(f"Made the institution's signing key; fingerprint {key.fingerprint}.")
    return 0


def export_policy(args: argparse.Namespace, ctx: CommandContext) -> int:
    policy = ctx.services().policy.export_file(args.file)
    count = sum(len(d.policies) for d in policy.degrees)
    ctx.print(f"Policy written to {args.file}: {len(policy.degrees)} degrees, {count} policies.")
    return 0
