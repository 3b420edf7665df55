"""What `advisor gui` loads before its window is on screen: the database layer, the PDF and
migration libraries load behind the window (DESIGN.md §9; bench/bench_gui.py measures it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent

# The real `advisor --db DB gui` start, stopped at the first turn of the event loop with the
# window shown: prints what was loaded by then.
FIRST_TURN = """
import json, os, sys
import PySide6.QtCore as QtCore
lazy_qt = "Qt" not in vars(QtCore)  # PySide6 builds the `Qt` namespace on first use
from PySide6.QtCore import QTimer
import advisor.ui.app as ui_app
opened = ui_app.open_window
def report(window):
    modules = sorted({name.split(".")[0] for name in sys.modules})
    qt_built = "Qt" in vars(QtCore) if lazy_qt else None
    print(json.dumps({"visible": window.isVisible(), "modules": modules, "qt": qt_built}))
    sys.stdout.flush()
    os._exit(0)
def marked(opener, *rest):
    window = opened(opener, *rest)
    QTimer.singleShot(0, lambda: report(window))
    return window
ui_app.open_window = marked
from advisor.cli.main import main
main(["--db", sys.argv[1], "gui"])
"""


def test_the_window_shows_before_the_heavy_libraries_load(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ADVISOR_HOME": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("ADVISOR_DB", None)
    result = subprocess.run(
        [sys.executable, "-c", FIRST_TURN, str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["visible"]
    early = {"sqlalchemy", "alembic", "reportlab", "openpyxl", "pypdf"} & set(loaded["modules"])
    assert not early, f"loaded before the window shows: {sorted(early)}"
    # Naming anything in PySide6's `Qt` namespace builds all its enums (~12 ms of a ~125 ms start).
    assert loaded["qt"] in (False, None), "the `Qt` namespace was built before the window showed"
