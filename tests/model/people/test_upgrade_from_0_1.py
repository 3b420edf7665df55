"""A 0.1 database (schema 0002, everything recorded as "local") upgrades: its administrator is
created, "local" becomes that account everywhere, and the log starts with an "upgraded" event."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from advisor.model.database import alembic_config
from advisor.model.services import open_services
from tests.conftest import seat_admin


def _a_0_1_database(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    with sqlite3.connect(path) as c:  # rows as 0.1 wrote them
        c.executescript("""
            INSERT INTO degrees (id, code, title, total_credits, created_at, created_by)
              VALUES (1, 'BSCS', 'BS Computer Science', 130, '2025-09-01 10:00:00', 'local');
            INSERT INTO students (id, roll_no, name, father_name, gender, cnic, email, degree_id,
              intake_term, intake_year, semester, advisor_notes, updated_at, created_at, created_by)
              VALUES (1, 'fa23-bcs-001', 'Ayesha Khan', 'Imran Khan', 'F', '35202-1234567-2', '',
              1, 'Fall', 2023, 5, '', '2025-09-01 10:00:00', '2025-09-01 10:00:00', 'local');
            INSERT INTO advising_notes (id, student_id, written_on, text, created_at, created_by)
              VALUES (1, 1, '2025-10-01', 'first session', '2025-10-01 09:00:00', 'local');
            INSERT INTO exceptions (id, student_id, kind, slot_code, evidence, reason, approved_by,
              created_at, created_by)
              VALUES (1, 1, 'waive', 'CERT-ELEC', '', 'transfer', 'local',
              '2025-10-01 09:00:00', 'local');
        """)


def test_a_0_1_database_upgrades_with_its_local_records_adopted(tmp_path: Path) -> None:
    path = tmp_path / "sanad-0.1.db"
    _a_0_1_database(path)
    services = open_services(str(path), create=False)
    try:
        assert services.db.migration.previous == "0002"
        assert services.accounts.has_accounts()
        state = services.accounts.sign_in_state("admin")
        assert state.exists and state.needs_password  # chosen at the first sign-in
        actor = services.accounts.sign_in("admin", "chosen-now")
        assert actor.role.label == "administrator"
        [first] = services.history.events()[-1:]
        assert (first.id, first.action, first.user) == (1, "upgraded", "sanad")
        assert "5 records made by 'local' attributed to 'admin'" in first.summary
        assert services.history.verify().ok
        services.accounts.sign_out()
        services.accounts.sign_in("admin", "chosen-now")  # the password is now set
        seat_admin(services)
        [note] = services.notes.list_notes("fa23-bcs-001")
        assert note.created_by == "admin"
        [exception] = services.exceptions.list("fa23-bcs-001")
        assert exception.author == "admin" and exception.approved_by == "admin"
    finally:
        services.close()
    with sqlite3.connect(path) as c:
        leftovers = c.execute(
            "SELECT count(*) FROM students WHERE created_by = 'local' UNION ALL "
            "SELECT count(*) FROM degrees WHERE created_by = 'local'"
        ).fetchall()
    assert leftovers == [(0,), (0,)]


def test_a_new_database_has_no_accounts_and_an_empty_log(tmp_path: Path) -> None:
    services = open_services(str(tmp_path / "new.db"), create=True)
    try:
        assert not services.accounts.has_accounts()
        services.accounts.create_administrator("head", "pass1234")
        assert [e.action for e in services.history.events()] == [
            "account.create",
            "catalog.install",
        ]
    finally:
        services.close()
