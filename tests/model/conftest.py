"""Model-test helpers: a dump of the whole database to prove that a refused file changed nothing,
and a store already holding the sample department."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from advisor.model.services import Services

USAGE = "coursera-usage-report.csv"
ACTIVITY = (
    "CourseActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-01-15 09-30-00 UTC.csv"
)
SPECIALIZATION = "coursera-specialization-report.csv"


def dump(services: Services) -> str:
    """Every row of every table, as SQL text (a fresh connection: sees only what was committed)."""
    file = services.db.file
    assert file is not None
    with sqlite3.connect(str(file)) as connection:
        return "\n".join(connection.iterdump())


@pytest.fixture
def department(services: Services, samples: Path) -> Services:
    """Policy and roster of the sample department, no progress yet."""
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    return services
