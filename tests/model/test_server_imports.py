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
