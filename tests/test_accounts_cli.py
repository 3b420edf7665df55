"""Accounts from the command line: `init --admin`, `users …`, `--user`/ADVISOR_USER with
ADVISOR_PASSWORD, the permission matrix through the CLI, and `log` / `log verify`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from advisor.model.roles import Role
from tests.test_import_cli import Cli

ROLL = "fa23-bcs-001"

# (command, the lowest role), run by every demo account; `{tmp}` is a scratch folder.
CLI_MATRIX: list[tuple[tuple[str, ...], Role]] = [
    (("students", "list"), Role.VIEWER),
    (("audit", ROLL), Role.VIEWER),
    (("catalog", "list", "--search", "python"), Role.VIEWER),
    (("log", "--student", ROLL), Role.VIEWER),
    (("audit", ROLL, "--what-if", "BBA"), Role.ADVISOR),
    (("plan", "create", ROLL, "--program", "google-data-analytics"), Role.ADVISOR),
    (("exception", "add", ROLL, "--waive", "CERT-ELEC-2", "--reason", "transfer"), Role.ADVISOR),
    (("report", "progress", ROLL, "-o", "{tmp}/p.pdf"), Role.ADVISOR),
    (("students", "import", "{samples}/roster.csv"), Role.OFFICE),
    (("letter", "issue", ROLL, "-o", "{tmp}/l.pdf"), Role.OFFICE),
    (("exception", "approve", "999"), Role.CONTROLLER),
    (("letter", "revoke", "X/2026/0001", "--reason", "withdrawn"), Role.CONTROLLER),
    (("policy", "import", "{samples}/policy.json"), Role.CONTROLLER),
    (("users", "list"), Role.ADMINISTRATOR),
    (("backup", "-o", "{tmp}/b.db"), Role.ADMINISTRATOR),
    (("catalog", "import", "{tmp}/missing.json"), Role.ADMINISTRATOR),
]


@pytest.fixture
def demo(
    db_location: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    run = Cli(db_location, capsys)
    monkeypatch.delenv("ADVISOR_USER")  # the demo names its own administrator
    assert "Demo accounts (password 'demo'): admin, controller" in run.ok("init", "--demo")
    monkeypatch.setenv("ADVISOR_PASSWORD", "demo")
    return run


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A new database whose administrator is ADVISOR_USER (admin) with ADVISOR_PASSWORD."""
    run = Cli(db_location, capsys)
    run.ok("init")
    return run


def test_init_names_the_administrator_and_users_are_managed(cli: Cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ADVISOR_NEW_PASSWORD", "clerk-pass")
    assert "Account 'clerk' (Bilal) added as office" in cli.ok(
        "users", "add", "clerk", "--role", "office", "--full-name", "Bilal"
    )
    listed = json.loads(cli.ok("users", "list", "--json"))
    assert [(u["user_name"], u["role"], u["enabled"]) for u in listed] == [
        ("admin", "administrator", True),
        ("clerk", "office", True),
    ]
    assert "now controller" in cli.ok("users", "role", "clerk", "controller")
    assert "error: There is no role 'dean'" in cli.refused("users", "role", "clerk", "dean")
    assert "disabled" in cli.ok("users", "disable", "clerk")
    monkeypatch.setenv("ADVISOR_PASSWORD", "clerk-pass")
    assert "'clerk' is disabled" in cli.refused("--user", "clerk", "students", "list")
    monkeypatch.setenv("ADVISOR_PASSWORD", "test-admin-password")
    cli.ok("users", "enable", "clerk")
    assert "last enabled administrator" in cli.refused("users", "disable", "admin")
    monkeypatch.setenv("ADVISOR_PASSWORD", "wrong")
    assert "error: Wrong password." in cli.refused("students", "list")
    monkeypatch.setenv("ADVISOR_PASSWORD", "clerk-pass")
    cli.ok("--user", "clerk", "students", "list")
    log = cli.ok("--user", "clerk", "log", "--user", "admin")
    assert "account.create" in log and "account.role" in log and "sign-in.failed" in log


def test_a_new_database_needs_its_administrator_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Cli(tmp_path / "x.db", capsys)
    monkeypatch.delenv("ADVISOR_USER")
    assert "init --admin NAME" in run.refused("init")
    assert "Administrator 'head' created" in run.ok("init", "--admin", "head")
    assert "Say who you are" in run.refused("students", "list")
    run.ok("--user", "head", "students", "list")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.label)
def test_the_permission_matrix_through_the_cli(
    role: Role, demo: Cli, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = "admin" if role == Role.ADMINISTRATOR else role.label
    monkeypatch.setenv("ADVISOR_USER", user)
    for command, lowest in CLI_MATRIX:
        args = [a.format(tmp=tmp_path, samples=samples) for a in command]
        code, _out, err = demo(*args)
        refusal = f"needs the {lowest.label} role; you are signed in as {role.label}"
        if role >= lowest:
            assert "needs the" not in err, (command, err)
        else:
            assert code == 1 and err.startswith("error: ") and refusal in err, (command, err)


@pytest.mark.sqlite_only
def test_log_verify_names_the_first_broken_event(demo: Cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ADVISOR_USER", "admin")
    assert "The change log is intact" in demo.ok("log", "verify")
    events = json.loads(demo.ok("log", "--json"))
    assert events[0]["action"] == "catalog.install" and events[-1]["action"].startswith("import.")
    with sqlite3.connect(demo.db) as c:
        c.execute("DROP TRIGGER change_log_no_update")
        c.execute("UPDATE change_log SET actor = 'someone else' WHERE id = 7")
    err = demo.refused("log", "verify")
    assert "error: The change log is broken at event 7: event 7 was changed" in err


@pytest.mark.sqlite_only
def test_restore_needs_a_signed_in_administrator_and_the_log_names_who(
    demo: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADVISOR_USER", "admin")
    demo.ok("backup", "-o", str(tmp_path / "b.db"))
    monkeypatch.setenv("ADVISOR_USER", "viewer")
    assert "needs the administrator role; you are signed in as viewer" in demo.refused(
        "restore", str(tmp_path / "b.db")
    )
    monkeypatch.setenv("ADVISOR_USER", "admin")
    monkeypatch.setenv("ADVISOR_PASSWORD", "wrong")
    assert "error: Wrong password." in demo.refused("restore", str(tmp_path / "b.db"))
    monkeypatch.setenv("ADVISOR_USER", "nobody")
    assert "error:" in demo.refused("restore", str(tmp_path / "b.db"))
    assert not list(Path(demo.db).parent.glob("*before-restore*"))  # nothing replaced
    monkeypatch.setenv("ADVISOR_USER", "admin")
    monkeypatch.setenv("ADVISOR_PASSWORD", "demo")
    demo.ok("restore", str(tmp_path / "b.db"))
    last = json.loads(demo.ok("log", "--json"))[-1]
    assert (last["action"], last["user"], last["record"]) == ("restore", "admin", "b.db")
