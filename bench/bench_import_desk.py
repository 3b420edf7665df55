"""The Imports screen on a 100,000-row Coursera export beside the command line (budget: choose ->
dry-run summary -> import in the GUI <= 1.5x the CLI import of the same file).

Run by hand:  QT_QPA_PLATFORM=offscreen python bench/bench_import_desk.py [--rows N]
Builds one store (sample policy, 5,000 students) and copies it three times, then in the same
run, each on its own copy:
  - baseline: `advisor progress import FILE` (the command line, in process);
  - the GUI: the real ImportsScreen with real threads — open the file (read once, preview),
    its dry run until the summary shows, then Import until it is done;
  - for comparison, the desk's old way: preview, dry run and import each from the path.
Prints wall and CPU seconds (CPU counts every thread of this process) and the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_progress_import import SAMPLE_POLICY, write_export, write_roster  # noqa: E402

from advisor.cli.main import main as cli_main  # noqa: E402
from advisor.model.services import open_services  # noqa: E402
from bench.seated import seated  # noqa: E402


def timed(label: str, action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<52} {wall:6.2f} s wall {cpu:6.2f} s CPU")
    return wall, cpu


def gui_screen(db: Path):  # type: ignore[no-untyped-def]
    """The Imports screen, built and shown before the clock starts (the window is open when a
    clerk chooses a file)."""
    from PySide6.QtWidgets import QApplication

    from advisor.ui.imports_screen import ImportsScreen

    app = QApplication.instance() or QApplication([])
    services = seated(open_services(str(db)))
    screen = ImportsScreen(services)
    screen.show()
    app.processEvents()
    return app, services, screen


def gui_import(app, screen, export: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop

    def wait(done: Callable[[], bool]) -> None:
        # Sleeps until the worker's next signal: the waiting itself costs no CPU to speak of.
        while not done():
            if not screen.progress.running:
                raise SystemExit(f"the screen stopped: {screen.summary.text()}")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    screen.open_file(export)
    wait(lambda: screen.rehearsal is not None)
    screen.import_button.click()
    wait(lambda: screen.outcome is not None)


def old_desk(db: Path, export: Path) -> None:
    services = seated(open_services(str(db)))
    services.imports.preview(export)
    services.imports.dry_run(export)
    services.imports.import_file(export)
    services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        base = tmp / "base.db"
        services = seated(open_services(str(base), create=True))
        services.policy.import_file(SAMPLE_POLICY)
        write_roster(tmp / "roster.csv", args.students)
        services.students.import_roster(tmp / "roster.csv")
        courses = [(c.slug, c.title, c.provider) for c in services.catalog.list().courses]
        services.close()
        export = tmp / "export.csv"
        write_export(export, args.rows, args.students, courses)
        print(f"export: {args.rows:,} rows, {export.stat().st_size / 1e6:.1f} MB")
        dbs = {name: tmp / f"{name}.db" for name in ("cli", "gui", "old")}
        for db in dbs.values():
            shutil.copy(base, db)

        def cli() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli_main(["--db", str(dbs["cli"]), "progress", "import", str(export)]) == 0

        cli_wall, cli_cpu = timed("baseline: advisor progress import FILE", cli)
        app, gui_services, screen = gui_screen(dbs["gui"])
        gui_wall, gui_cpu = timed(
            "Imports screen: open, dry-run summary, import", lambda: gui_import(app, screen, export)
        )
        screen.close()
        gui_services.close()
        old_wall, old_cpu = timed(
            "the desk's old way (preview, dry run, import by path)",
            lambda: old_desk(dbs["old"], export),
        )
        print(
            f"GUI / CLI: {gui_wall / cli_wall:.2f}x wall, {gui_cpu / cli_cpu:.2f}x CPU "
            f"(budget 1.5x: {'ok' if gui_cpu <= 1.5 * cli_cpu else 'OVER'}); "
            f"old desk / CLI: {old_wall / cli_wall:.2f}x wall, {old_cpu / cli_cpu:.2f}x CPU"
        )


if __name__ == "__main__":
    main()
