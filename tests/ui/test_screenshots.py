"""`gui --demo --screenshot DIR` opens every main screen at 1280×800, saves a PNG of each, exits,
and leaves the database as it was (the tour runs on a scratch copy)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QImage

from advisor.cli.main import main
from advisor.model.services import open_services

EXPECTED = {
    "students.png", "student-workspace.png", "student-audit.png", "student-plan.png",
    "advising-session.png", "catalog.png",
}  # fmt: skip


def test_screenshot_mode_writes_each_screen(qapp, tmp_path, capsys):
    db, shots = tmp_path / "demo.db", tmp_path / "shots"
    assert main(["--db", str(db), "gui", "--demo", "--screenshot", str(shots)]) == 0
    written = {p.name for p in shots.glob("*.png")}
    assert EXPECTED <= written
    assert {"letters.png", "imports.png", "policy.png", "settings.png"} <= written
    image = QImage(str(shots / "advising-session.png"))
    assert (image.width(), image.height()) == (1280, 800)
    assert str(shots / "catalog.png") in capsys.readouterr().out
    # The tour built a draft plan for its pictures on a copy, not in the database itself.
    services = open_services(str(db), create=False)
    try:
        assert services.plans.cohort(today=date.today()) == []
    finally:
        services.close()
