"""The command table in advisor/cli/main.py: each run builds only its own command's parser, so
the table must name exactly the commands each module registers."""

from __future__ import annotations

import argparse
import importlib

import pytest

from advisor.cli.main import COMMAND_MODULES, build_parser, command_word, parse


def registered_by(module_name: str) -> set[str]:
    commands = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(module_name).register(commands)
    return set(commands.choices)


@pytest.mark.parametrize("module_name", sorted(COMMAND_MODULES))
def test_the_table_names_what_each_module_registers(module_name: str) -> None:
    assert registered_by(module_name) == set(COMMAND_MODULES[module_name])


def test_the_full_parser_offers_every_command() -> None:
    help_text = build_parser().format_help()
    for names in COMMAND_MODULES.values():
        for name in names:
            # a long name gets its help on the next line
            assert f"    {name} " in help_text or f"    {name}\n" in help_text


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["gui"], "gui"),
        (["--db", "students", "audit", "x"], "audit"),  # a database file may look like a command
        (["--db=x.db", "letter", "list"], "letter"),
        (["--db", "x.db"], None),
        (["-h"], None),
        (["-h", "gui"], None),  # the top-level help: every command
        (["gui", "-h"], "gui"),
    ],
)
def test_the_command_word_skips_the_database_option(argv: list[str], word: str | None) -> None:
    assert command_word(argv) == word


def test_no_command_opens_the_window() -> None:
    args = parse(["--db", "x.db"])
    assert args.command == "gui" and args.db == "x.db" and not args.demo


def test_a_command_parses_as_with_the_full_parser() -> None:
    argv = ["--db", "x.db", "report", "cohort", "--degree", "BSCS", "-o", "c.pdf"]
    assert vars(parse(argv)) == vars(build_parser().parse_args(argv))
