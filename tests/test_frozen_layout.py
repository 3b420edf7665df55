"""The frozen app (PyInstaller, packaging/sanad.spec) finds its resources beside itself, never
in the current folder, and its windowed program `Sanad` always means the window."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor.cli.main import parse, window_argv
from advisor.model import paths

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def frozen_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen app's folder (a path with spaces) as PyInstaller announces it, run elsewhere."""
    folder = tmp_path / "Program Files" / "Sanad app" / "_internal"
    (folder / "resources").mkdir(parents=True)  # the spec always bundles resources/ beside it
    elsewhere = tmp_path / "some other folder"
    elsewhere.mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(folder), raising=False)
    monkeypatch.chdir(elsewhere)
    return folder


def test_frozen_resources_are_found_beside_the_app(frozen_in: Path) -> None:
    assert paths.install_root() == frozen_in
    assert paths.resource("fonts", "DejaVuSans.ttf") == frozen_in / "resources/fonts/DejaVuSans.ttf"
    assert paths.migrations() == frozen_in / "advisor/model/migrations"


def test_alembic_reads_the_frozen_apps_migrations(frozen_in: Path) -> None:
    from advisor.model.database import alembic_config

    assert alembic_config().get_main_option("script_location") == str(
        frozen_in / "advisor/model/migrations"
    )


def test_from_source_the_resources_are_the_trees_not_the_current_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert paths.resource("catalog") == REPO / "resources" / "catalog"
    assert paths.resource("catalog").is_dir()
    assert (paths.migrations() / "env.py").is_file()


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ([], ["gui"]),
        (
            ["--demo", "--screenshot", "C:/My shots"],
            ["gui", "--demo", "--screenshot", "C:/My shots"],
        ),
        (["--demo", "--db", "x.db"], ["--db", "x.db", "gui", "--demo"]),
        (["--db=x.db"], ["--db=x.db", "gui"]),
    ],
)
def test_the_window_program_always_means_the_window(given: list[str], meant: list[str]) -> None:
    assert window_argv(given) == meant


def test_the_window_programs_screenshot_folder_is_not_taken_for_a_command() -> None:
    args = parse(window_argv(["--demo", "--screenshot", "shots"]))
    assert (args.command, args.demo, args.screenshot) == ("gui", True, Path("shots"))
