"""`gui [--demo] [--screenshot DIR [--size WxH]]`: the desktop window (the default command)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
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
    gui.add_argument(
        "--size",
        metavar="WxH",
        type=window_size,
        default=None,
        help="with --screenshot: the window's size, e.g. 1024x768 (default 1280x800)",
    )
    gui.set_defaults(handler=run_gui)


def window_size(text: str) -> tuple[int, int]:
    """'1024x768' -> (1024, 768); argparse turns the ValueError into one `error:` line."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1024x768")
    size = int(width), int(height)
    if not (640 <= size[0] <= 7680 and 480 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(f"{text} is outside 640x480 to 7680x4320")
    return size


def run_gui(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.demo and ctx.db is None:
        paths.demo_database().parent.mkdir(parents=True, exist_ok=True)
        ctx.db = str(paths.demo_database())  # the demo never touches the real database

    def open_services() -> Services:
        """Runs after the window is on screen (behind it): open, migrate, maybe the demo; sign
        in from ADVISOR_USER and ADVISOR_PASSWORD when both are set, else the window asks."""
        services = ctx.services(create=True, sign_in=False)
        if args.demo and not services.students.list():
            from advisor.model.demo import add_demo_accounts, load_demo

            if not services.accounts.has_accounts():
                add_demo_accounts(services)  # signs in as the demo's admin to load it
                load_demo(services)
                services.accounts.sign_out()
        if ctx.user and os.environ.get("ADVISOR_PASSWORD") is not None:
            ctx.sign_in(services)
        unlock_quietly(services, demo=args.demo and args.screenshot is not None)
        return services

    from advisor.ui.app import run_app  # Qt is imported only when a window is wanted

    return run_app(
        open_services,
        screenshot_dir=args.screenshot,
        screenshot_size=args.size,
        ask_password=server_password_question(ctx),
    )


def server_password_question(ctx: CommandContext) -> tuple[str, Callable[[str], None]] | None:
    """When this PC works on a server whose password no keyring keeps: what the window asks
    before it opens the database (the server's name), and where the answer goes (this process's
    memory only)."""
    if ctx.db is not None or os.environ.get("ADVISOR_DB"):
        return None
    from advisor.model.server_connection import keep_password, password_to_ask

    server = password_to_ask()
    if server is None:
        return None

    def keep(password: str) -> None:
        keep_password(server, password)

    return server.label, keep


def unlock_quietly(services: Services, *, demo: bool) -> None:
    """Open the signing key from ADVISOR_KEY_PASSPHRASE when it is set (a kiosk, the screenshot
    tour), so no dialog asks; otherwise the first letter asks for the passphrase."""
    import os

    from advisor.cli.key_passphrase import PASSPHRASE_ENV
    from advisor.model.demo import DEMO_PASSPHRASE
    from advisor.model.errors import AdvisorError

    passphrase = os.environ.get(PASSPHRASE_ENV) or (DEMO_PASSPHRASE if demo else None)
    if passphrase and services.keys.current() is not None:
        try:
            services.keys.unlock(passphrase)
        except AdvisorError:
            pass  # a wrong or stale passphrase: the dialog asks when a letter is signed
