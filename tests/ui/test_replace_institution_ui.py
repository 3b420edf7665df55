"""The import desk and the Policy screen ask before a policy of another institution replaces the
one set up; Cancel imports nothing."""

from __future__ import annotations

from pathlib import Path

from tests.model.test_one_institution import other_institution


def test_the_import_desk_asks_before_replacing_the_institution(
    qtbot, services, samples: Path, tmp_path: Path, inline_tasks, monkeypatch
) -> None:
    from advisor.ui import confirm
    from advisor.ui.imports_screen import ImportsScreen

    services.policy.import_file(samples / "policy.json")
    asked: list[str] = []
    answer = iter([False, True])
    monkeypatch.setattr(
        confirm, "confirm", lambda parent, title, text, **k: asked.append(text) or next(answer)
    )
    screen = ImportsScreen(services)
    qtbot.addWidget(screen)
    other = other_institution(samples, tmp_path)
    screen.open_file(other)  # Cancel: refused, nothing changed
    assert "GCU" in asked[0] and screen.rehearsal is None
    assert services.policy.institution().code == "DIST"
    screen.open_file(other)  # Yes: the dry run replaces, then Import does
    assert screen.rehearsal is not None and "institution GCU" in screen.rehearsal.summary
    screen.run_import()
    assert services.policy.institution().code == "GCU"


def test_the_policy_screen_asks_too(qtbot, services, samples: Path, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    from advisor.ui import confirm
    from advisor.ui.policy_screen import PolicyScreen

    services.policy.import_file(samples / "policy.json")
    monkeypatch.setattr(confirm, "confirm", lambda *a, **k: True)
    screen = PolicyScreen(services)
    qtbot.addWidget(screen)
    assert screen.import_file(other_institution(samples, tmp_path))
    assert services.policy.institution().code == "GCU"
