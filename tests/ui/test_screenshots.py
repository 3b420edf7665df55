"""`gui --demo --screenshot DIR --size 1024x768` opens every main screen at that size, saves a PNG of each, exits,
and leaves the database as it was (the tour runs on a scratch copy).

It runs as the command a person types, in its own process: the tour ends its event loop with
quit(), which is what a real run does and what a shared test QApplication must not go through.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtGui import QImage

from advisor.model.services import open_services

REPO = Path(__file__).resolve().parents[2]
EXPECTED = {
    "students.png",
    "student-workspace.png",
    "student-audit.png",
    "student-what-if.png",
    "student-plan.png",
    "advising-session.png",
    "catalog.png",
    "letters.png",
    "letters-register.png",
    "imports.png",
    "policy.png",
    "settings.png",
    "sign-in.png",
    "history.png",
    "student-history.png",
}


def test_screenshot_mode_writes_each_screen(tmp_path):
    db, shots = tmp_path / "demo.db", tmp_path / "shots"
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", ADVISOR_USER="admin", ADVISOR_PASSWORD="demo"
    )
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "main.py"),
            "--db",
            str(db),
            "gui",
            "--demo",
            "--screenshot",
            str(shots),
            "--size",
            "1024x768",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert EXPECTED <= {p.name for p in shots.glob("*.png")}
    assert str(shots / "catalog.png") in done.stdout
    image = QImage(str(shots / "advising-session.png"))
    assert (image.width(), image.height()) == (1024, 768)  # a small campus screen
    # The tour built a draft plan for its pictures on a copy, not in the database itself.
    services = open_services(str(db), create=False)
    try:
        assert services.plans.cohort(today=date.today()) == []
        assert services.letters.list() == []  # the register's letters were issued on the copy
    finally:
        services.close()


def test_the_screenshot_size_is_read_as_width_by_height() -> None:
    import argparse

    import pytest

    from advisor.cli.gui_command import window_size

    assert window_size("1366x768") == (1366, 768)
    assert window_size("1024×768") == (1024, 768)
    for wrong in ("1024", "axb", "10x10"):
        with pytest.raises(argparse.ArgumentTypeError):
            window_size(wrong)
