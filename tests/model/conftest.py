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
    if file is None:  # a server: every table's rows, in a connection of its own
        from sqlalchemy import create_engine, text

        from advisor.model.schema import Base

        engine = create_engine(services.db.url)
        try:
            with engine.connect() as connection:
                return "\n".join(  # in iterdump's words, which tests filter by table
                    f'INSERT INTO "{table}" VALUES{tuple(row)!r}'
                    for table in sorted(Base.metadata.tables)
                    for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
                )
        finally:
            engine.dispose()
    with sqlite3.connect(str(file)) as connection:
        return "\n".join(connection.iterdump())


@pytest.fixture
def department(services: Services, samples: Path) -> Services:
    """Policy and roster of the sample department, no progress yet."""
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    return services
