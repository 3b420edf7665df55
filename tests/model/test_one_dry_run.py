"""One dry-run mechanism: the real action's code over a store that rolls every transaction
back (`Service.rehearsed()`), for the import desk, `progress import --dry-run` and specimen
letters alike; the import desk runs whatever importer is registered for a kind of file."""

from __future__ import annotations

from pathlib import Path

from advisor.model.importing.file_kind import ROSTER
from advisor.model.services.import_service import (
    ImportRequest,
    ImportService,
    ImportSummary,
)
from advisor.model.store.protocol import Store


def test_a_rehearsed_progress_import_says_would_and_writes_nothing(
    department, samples: Path
) -> None:
    department.students.import_roster(samples / "roster.csv")
    usage = next(samples.glob("CourseActivity*.csv"))
    before = department.progress.import_history()
    dry = department.progress.rehearsed().import_export(usage)
    assert dry.dry_run and "would add" in dry.describe()
    assert department.progress.import_history() == before
    real = department.progress.import_export(usage)
    assert not real.dry_run
    assert (real.records_added, real.matched) == (dry.records_added, dry.matched)


def test_the_desk_runs_the_registered_importer_over_a_rehearsal_or_the_real_store(
    department, samples: Path
) -> None:
    seen: list[tuple[bool, Path]] = []

    def roster(store: Store, request: ImportRequest) -> ImportSummary:
        seen.append((store.rehearsal, request.path))
        return ImportSummary("3 students.", notes=("one name was trimmed",))

    desk = ImportService(department.db, {ROSTER: roster})
    path = samples / "roster.csv"
    rehearsed = desk.dry_run(path)
    done = desk.import_file(desk.prepare(path))
    assert seen == [(True, path), (False, path)]
    assert (rehearsed.dry_run, done.dry_run) == (True, False)
    assert done.summary == "3 students.\nNote: one name was trimmed"


def test_a_kind_with_no_importer_is_refused(department, samples: Path) -> None:
    desk = ImportService(department.db, {})
    try:
        desk.import_file(samples / "roster.csv")
    except Exception as refusal:  # noqa: BLE001 - the kind of error is what is checked
        assert "unknown kind of file" in str(refusal)
    else:
        raise AssertionError("a roster with no roster importer was imported")
