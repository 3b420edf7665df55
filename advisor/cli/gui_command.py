"""`gui [--demo] [--screenshot DIR]`: the desktop window (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.cli.context import CommandContext
from advisor.model import paths

if TYPE_CHECKING:
    from advisor.model.services import Services


def register(commands: argparse._SubParsersAction) -> None:
    gui = commands.add_parser("gui", help="open the desktop window (default)")
    gui.add_argument("--demo", action="store_true", help="open on the demo data")
    gui.add_argument(
        "--screenshot", metavar="DIR", type=Path, help="save each screen as PNG and exit"
    )
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.demo and ctx.db is None:
        paths.demo_database().parent.mkdir(parents=True, exist_ok=True)
        ctx.db = str(paths.demo_database())  # the demo never touches the real database

    def open_services() -> Services:
        """Runs after the window is on screen (behind it): open, migrate, maybe the demo."""
        services = ctx.services(create=True)
        if args.demo:
            from advisor.model.demo import load_demo

            if not services.students.list():
                load_demo(services)
        return services

    from advisor.ui.app import run_app  # Qt is imported only when a window is wanted

    return run_app(open_services, screenshot_dir=args.screenshot)
