"""`institution key …` and `trust …`: the institution's signing key, and the keys of other
institutions whose letters this database verifies."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.cli.context import CommandContext
from advisor.cli.key_passphrase import add_key_file_option, key_file_of, new_passphrase

if TYPE_CHECKING:
    from advisor.model.services.signing_key_service import KeyCreated


def register(commands: argparse._SubParsersAction) -> None:
    institution = commands.add_parser("institution", help="the institution's signing key")
    sub = institution.add_subparsers(dest="institution_command", metavar="ACTION", required=True)
    key = sub.add_parser("key", help="make, rotate, show or export the signing key")
    actions = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make the institution's key (passphrase asked)")
    add_key_file_option(create)
    create.set_defaults(handler=create_key)
    rotate = actions.add_parser("rotate", help="a new key from now on; old letters still verify")
    add_key_file_option(rotate)
    rotate.set_defaults(handler=rotate_key)
    show = actions.add_parser("show", help="the keys, their fingerprints and where they are kept")
    show.set_defaults(handler=show_keys)
    export = actions.add_parser("export", help="write the public key for other offices to trust")
    export.add_argument("file", type=Path, metavar="FILE")
    export.set_defaults(handler=export_key)

    trust = commands.add_parser("trust", help="other institutions' keys and revocation lists")
    tsub = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    add = tsub.add_parser("add", help="trust the keys in a file (one institution, or a bundle)")
    add.add_argument("file", type=Path, metavar="FILE")
    add.set_defaults(handler=trust_add)
    lst = tsub.add_parser("list", help="the keys this database verifies letters with")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=trust_list)
    remove = tsub.add_parser("remove", help="stop trusting an institution's keys")
    remove.add_argument("code", metavar="CODE")
    remove.set_defaults(handler=trust_remove)
    revocations = tsub.add_parser("revocations", help="revocation lists of trusted institutions")
    rsub = revocations.add_subparsers(dest="revocations_command", metavar="ACTION", required=True)
    load = rsub.add_parser("import", help="load a signed revocation list")
    load.add_argument("file", type=Path, metavar="FILE")
    load.set_defaults(handler=import_revocations)


def _created(ctx: CommandContext, what: str, created: KeyCreated) -> None:
    key = created.key
    where = "in the key file" if key.in_key_file else "in the database, encrypted"
    ctx.print(f"{what} {key.key_id} for {key.institution_name}, kept {where}.")
    ctx.print(f"Fingerprint: {key.fingerprint}")
    if created.letters_sealed:
        ctx.print(f"{created.letters_sealed} letter(s) issued before the key are now sealed by it.")
    if created.letters_refused:
        ctx.print(
            f"Not sealed, their register entries no longer match their codes: "
            f"{', '.join(created.letters_refused)}."
        )


def create_key(args: argparse.Namespace, ctx: CommandContext) -> int:
    services = ctx.services()
    created = services.keys.create(new_passphrase(), key_file=key_file_of(args))
    _created(ctx, "Made the signing key", created)
    return 0


def rotate_key(args: argparse.Namespace, ctx: CommandContext) -> int:
    created = ctx.services().keys.rotate(new_passphrase(), key_file=key_file_of(args))
    _created(ctx, "Rotated: letters are now signed with key", created)
    return 0


def show_keys(args: argparse.Namespace, ctx: CommandContext) -> int:
    keys = ctx.services().keys.all()
    if not keys:
        ctx.print("No signing key yet: `advisor institution key create` makes one.")
        return 0
    for key in keys:
        state = f"retired {key.retired_at:%Y-%m-%d}" if key.retired_at else "in use"
        where = "key file" if key.in_key_file else "database (encrypted)"
        ctx.print(f"{key.key_id}  {key.fingerprint}  {state:<18} {where}  {key.institution_name}")
    return 0


def export_key(args: argparse.Namespace, ctx: CommandContext) -> int:
    keys = ctx.services().keys.export_public(args.file)
    ctx.print(f"Wrote {len(keys)} public key(s) of {keys[-1].institution_name} to {args.file}.")
    ctx.print(f"Fingerprint of the key in use: {keys[-1].fingerprint}")
    return 0


def trust_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    added = ctx.services().trust.add(args.file)
    for t in added:
        ctx.print(f"Trusted {t.institution_name} ({t.institution_code}), key {t.fingerprint}.")
    ctx.print(f"{len(added)} key(s) added" + ("" if added else ": all were trusted already") + ".")
    return 0


def trust_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    rows = ctx.services().trust.list()
    if args.json:
        ctx.print_json(rows)
        return 0
    for t in rows:
        whose = "this institution" if t.own else "trusted"
        ctx.print(f"{t.institution_code:<12} {t.fingerprint}  {whose:<16} {t.institution_name}")
    ctx.print(f"{len(rows)} key(s).")
    return 0


def trust_remove(args: argparse.Namespace, ctx: CommandContext) -> int:
    removed = ctx.services().trust.remove(args.code)
    ctx.print(f"No longer trusting {removed} key(s) of {args.code}.")
    return 0


def import_revocations(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = ctx.services().trust.import_revocations(args.file)
    ctx.print(
        f"Revocation list of {result.institution}: {result.added} new revocation(s), "
        f"{result.already_known} already known."
    )
    return 0
