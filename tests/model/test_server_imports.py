"""The department server: a second clerk's import while one runs is told who is importing."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.model.import_claim import ImportBusyError, claim_imports
from advisor.model.services import Services, open_services
from tests.conftest import ADMIN, location_of, seat_as

pytestmark = pytest.mark.postgresql_only


def test_a_second_import_while_one_runs_stops_and_names_the_importer(
    services: Services, samples: Path
) -> None:
    second = open_services(location_of(services), create=False)
    seat_as(second, "clerk2", "administrator")
    try:
        with services.db.begin() as session:  # the first clerk's import, still running
            claim_imports(session, "roster.csv")
            with pytest.raises(ImportBusyError) as refused:
                second.policy.import_file(samples / "policy.json")
        assert f"({ADMIN} importing roster.csv)" in str(refused.value)
        assert "nothing was imported" in str(refused.value)
        assert second.students.list() == []
        # Once the first has finished, the second clerk's import runs.
        second.policy.import_file(samples / "policy.json")
        second.students.import_roster(samples / "roster.csv")
        assert len(second.students.list()) > 0
    finally:
        second.close()


def test_a_second_clerks_import_command_is_one_line_naming_the_importer(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    """Two processes: this one is importing (its transaction holds the claim); `students
    import` in another process stops with one error line and leaves the store as it was."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    services.policy.import_file(samples / "policy.json")
    env = {**os.environ, "ADVISOR_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    command = [
        sys.executable,
        str(REPO / "main.py"),
        "--db",
        location_of(services),
        "students",
        "import",
        str(samples / "roster.csv"),
    ]
    with services.db.begin() as session:
        claim_imports(session, "progress.csv")
        second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert second.stderr.count("\n") == 1 and second.stderr.startswith("error: Another import")
    assert f"({ADMIN} importing progress.csv)" in second.stderr
    assert services.students.list() == []
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
