"""`catalog import FILE | export FILE | list [--search TEXT] [--json] | unknown [--json] |
adopt SLUG`."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.context import CommandContext


def register(commands: argparse._SubParsersAction) -> None:
    catalog = commands.add_parser("catalog", help="the Coursera catalog")
    sub = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="load a catalog bundle (JSON)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=import_catalog)
    exp = sub.add_parser("export", help="write the catalog as a bundle (JSON)")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=export_catalog)
    lst = sub.add_parser("list", help="list programs and courses")
    lst.add_argument("--search", metavar="TEXT")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_catalog)
    unknown = sub.add_parser(
        "unknown", help="programs and courses seen in imports, not in the catalog"
    )
    unknown.add_argument("--json", action="store_true")
    unknown.set_defaults(handler=list_unknown)
    adopt = sub.add_parser("adopt", help="make a program or course seen in imports a catalog entry")
    adopt.add_argument("slug", metavar="SLUG")
    adopt.set_defaults(handler=adopt_unknown)


def list_unknown(args: argparse.Namespace, ctx: CommandContext) -> int:
    items = ctx.services().catalog_edits.unknown()
    if args.json:
        ctx.print_json(
            [
                {
                    "kind": i.kind,
                    "slug": i.slug,
                    "file_slug": i.file_slug,
                    "title": i.title,
                    "provider": i.provider,
                    "students": i.students,
                    "completed": i.completed,
                    "course_count": i.course_count,
                    "course_id": i.course_id or None,
                    "courses": [
                        {"title": c.title, "course_id": c.course_id or None} for c in i.courses
                    ],
                    "source": i.source,
                }
                for i in items
            ]
        )
        return 0
    if not items:
        ctx.print("Every program and course in the imported files is in the catalog.")
        return 0
    for i in items:
        counted = f"{i.students} student(s), {i.completed} completed"
        ctx.print(
            f"{i.kind:<8} {i.slug}  '{i.title}' ({i.provider or 'provider not given'}): {counted}"
        )
        if i.courses:
            of = f" of {i.course_count}" if (i.course_count or 0) >= len(i.courses) else ""
            ctx.print(
                f"         courses seen ({len(i.courses)}{of}): "
                + "; ".join(c.title for c in i.courses)
            )
    ctx.print("Adopt one with `advisor catalog adopt SLUG`.")
    return 0


def adopt_unknown(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.print(ctx.services().catalog_edits.adopt(args.slug).describe())
    return 0


def import_catalog(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.print(ctx.services().catalog.import_bundle(args.file).describe())
    return 0


def export_catalog(args: argparse.Namespace, ctx: CommandContext) -> int:
    s = ctx.services().catalog.export_bundle(args.file)
    ctx.print(
        f"Catalog {s.version} written to {args.file}: {s.programs} programs, {s.courses} courses."
    )
    return 0


def list_catalog(args: argparse.Namespace, ctx: CommandContext) -> int:
    listing = ctx.services().catalog.list(args.search)
    if args.json:
        ctx.print_json(
            {
                "programs": [
                    {
                        "slug": p.slug,
                        "title": p.title,
                        "type": p.type,
                        "provider": p.provider,
                        "courses": list(p.courses),
                        "total_hours": p.total_hours,
                        "ace_credits": p.ace_credits,
                    }
                    for p in listing.programs
                ],
                "courses": [
                    {
                        "slug": c.slug,
                        "title": c.title,
                        "provider": c.provider,
                        "hours": c.hours,
                        "hours_estimated": c.hours_estimated,
                    }
                    for c in listing.courses
                ],
            }
        )
        return 0
    ctx.print(f"Programs ({len(listing.programs)}):")
    for p in listing.programs:
        ctx.print(
            f"  {p.slug:<36} {p.title} — {p.provider}, {len(p.courses)} courses, {p.total_hours:g} h"
        )
    ctx.print(f"Courses ({len(listing.courses)}):")
    for c in listing.courses:
        est = " (estimated)" if c.hours_estimated else ""
        ctx.print(f"  {c.slug:<50} {c.title} — {c.provider}, {c.hours:g} h{est}")
    return 0
