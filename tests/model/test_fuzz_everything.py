"""Thousands of generated files through every importer and restore: each is imported or refused
with an AdvisorError (a clear message), never "something went wrong", and a refused file changes
nothing (issue 16, item 5). The normal run tries 200 files; `pytest -m long` tries 2,400."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.model.errors import AdvisorError
from advisor.model.services import Services, open_services
from advisor.model.services.backup_service import restore_database
from tests.model.conftest import ACTIVITY, SPECIALIZATION, USAGE
from tests.model.fuzz_mutations import csv_mutation, json_mutation, mutate

# It fuzzes the restore of SQLite files too, and is slow: not repeated on a server.
pytestmark = pytest.mark.sqlite_only

TABLES = (
    "students",
    "course_progress",
    "program_certificates",
    "credit_policies",
    "courses",
    "programs",
    "requirement_slots",
    "imports",
    "degrees",
)

SQL_CRAFTS = [
    "CREATE TRIGGER t AFTER INSERT ON letters BEGIN DELETE FROM letter_events; END",
    "CREATE VIEW v AS SELECT 1",
    "DROP TABLE advising_notes",
    "ALTER TABLE students DROP COLUMN email",
    "UPDATE students SET semester = 'x'",
    "UPDATE students SET intake_year = 9223372036854775807",
    "UPDATE courses SET hours = NULL",
    "UPDATE students SET degree_id = 999",
    "UPDATE students SET name = char(55296)",
    "DELETE FROM alembic_version",
    "UPDATE alembic_version SET version_num = '9999'",
    "UPDATE letter_series SET last_serial = -5",
]


def fingerprint(services: Services) -> tuple[int, ...]:
    file = services.db.file
    assert file is not None
    with sqlite3.connect(str(file)) as connection:
        return tuple(connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)


def backup_mutation(rng: random.Random, data: bytes, folder: Path) -> bytes:
    path = folder / "craft.db"
    path.write_bytes(data)
    connection = sqlite3.connect(str(path))
    for statement in rng.sample(SQL_CRAFTS, rng.randint(1, 2)):
        try:
            connection.execute(statement)
        except sqlite3.Error:
            pass
    connection.commit()
    connection.close()
    return path.read_bytes()


class Harness:
    def __init__(self, services: Services, seeds: dict[str, tuple[bytes, str]], folder: Path):
        self.services = services
        self.seeds = seeds
        self.folder = folder
        self.failures: list[str] = []
        self.tried = 0

    def run(self, count: int, seed: int) -> None:
        rng = random.Random(seed)
        names = sorted(self.seeds)
        for n in range(count):
            name = names[n % len(names)]
            data, kind = self.seeds[name]
            if kind == "backup":
                mutated = (
                    backup_mutation(rng, data, self.folder)
                    if rng.random() < 0.5
                    else mutate(rng, data, None)
                )
            else:
                structured = {"csv": csv_mutation, "json": json_mutation}.get(kind)
                mutated = mutate(rng, data, structured)
            path = self.folder / f"{n}-{name}"
            path.write_bytes(mutated)
            self.try_file(path, kind, f"seed {seed} #{n} {name}")
            path.unlink()

    def importers(self, kind: str) -> list[Callable[[Path], object]]:
        s = self.services
        if kind == "backup":
            return [self.restore]
        if kind == "json":
            return [s.policy.import_file, s.catalog.import_bundle, s.imports.import_file]
        return [s.students.import_roster, s.progress.import_export, s.imports.import_file]

    def restore(self, path: Path) -> object:
        file = self.services.db.file
        self.services.close()
        try:
            return restore_database(str(file), path)
        finally:
            self.services = open_services(str(file), create=False)

    def try_file(self, path: Path, kind: str, label: str) -> None:
        for run in self.importers(kind):
            self.tried += 1
            before = fingerprint(self.services)
            try:
                run(path)
            except AdvisorError:
                if fingerprint(self.services) != before:
                    self.failures.append(f"{label}: refused but changed the database")
            except Exception:  # noqa: BLE001 — exactly what must never happen
                frames = [
                    f for f in traceback.extract_tb(sys.exc_info()[2]) if "advisor" in f.filename
                ]
                where = (
                    f"{frames[-1].filename.split('advisor/')[-1]}:{frames[-1].lineno}"
                    if frames
                    else "?"
                )
                last = traceback.format_exc().strip().splitlines()[-1][:200]
                self.failures.append(f"{label} via {run.__name__} at {where}: {last}")


@pytest.fixture
def harness(department: Services, samples: Path, tmp_path: Path) -> Harness:
    backup = tmp_path / "seed-backup.db"
    department.backup.backup(backup)
    bundle = json.loads(
        (
            Path(__file__).resolve().parents[2] / "resources" / "catalog" / "coursera-catalog.json"
        ).read_text()
    )
    bundle["programs"] = bundle["programs"][:2]
    slugs = {s for p in bundle["programs"] for s in p["courses"]}
    bundle["courses"] = [c for c in bundle["courses"] if c["slug"] in slugs]
    seeds = {
        "roster.csv": ((samples / "roster.csv").read_bytes(), "csv"),
        "usage.csv": ((samples / USAGE).read_bytes(), "csv"),
        "activity.csv": ((samples / ACTIVITY).read_bytes(), "csv"),
        "specialization.csv": ((samples / SPECIALIZATION).read_bytes(), "csv"),
        "policy.json": ((samples / "policy.json").read_bytes(), "json"),
        "bundle.json": (json.dumps(bundle).encode(), "json"),
        "backup.db": (backup.read_bytes(), "backup"),
    }
    folder = tmp_path / "fuzz"
    folder.mkdir()
    return Harness(department, seeds, folder)


def test_generated_files_give_clear_errors(harness: Harness) -> None:
    harness.run(200, seed=16)
    assert harness.failures == [], "\n\n".join(harness.failures[:10])


@pytest.mark.long
@pytest.mark.parametrize("seed", range(12))
def test_thousands_of_generated_files_give_clear_errors(harness: Harness, seed: int) -> None:
    harness.run(200, seed=1000 + seed)
    assert harness.failures == [], "\n\n".join(harness.failures[:10])
