"""The import desk: files are recognised by content; a dry run reports exactly what the import
does and changes nothing; a bad file changes nothing and names its line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.importing.tabular_reader import TableFile
from advisor.model.services import Services
from tests.model.conftest import SPECIALIZATION, USAGE, dump


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("roster.csv", "roster"),
        ("policy.json", "policy"),
        (USAGE, "coursera"),
        (SPECIALIZATION, "coursera"),
    ],
)
def test_kind_is_read_from_the_content_not_the_name(
    services: Services, samples: Path, tmp_path: Path, name: str, kind: str
) -> None:
    renamed = tmp_path / "export (3).txt"
    shutil.copy(samples / name, renamed)
    preview = services.imports.preview(renamed)
    assert preview.kind == kind
    assert preview.total_rows > 0 and preview.rows


def test_catalog_bundle_is_recognised(services: Services, tmp_path: Path) -> None:
    services.catalog.export_bundle(tmp_path / "bundle.json")
    preview = services.imports.preview(tmp_path / "bundle.json")
    assert preview.kind == "catalog"
    assert preview.total_rows == services.catalog.summary().programs


def test_roster_rows_keep_their_file_line_numbers(services: Services, samples: Path) -> None:
    preview = services.imports.preview(samples / "roster.csv")
    assert preview.header[0] == "Roll No"
    assert preview.rows[0][0] == 2  # the header is line 1


def test_unknown_files_say_what_they_lack(services: Services, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Colour,Size\nred,3\n")
    with pytest.raises(ValidationError, match="line 1 .*Roll No and Name"):
        services.imports.preview(odd)
    other = tmp_path / "other.json"
    other.write_text('{"format": "something/1"}')
    with pytest.raises(ValidationError, match="not a Sanad policy or catalog"):
        services.imports.preview(other)


def test_dry_run_reports_the_import_and_changes_nothing(services: Services, samples: Path) -> None:
    services.policy.import_file(samples / "policy.json")
    before = dump(services)
    rehearsed = services.imports.dry_run(samples / "roster.csv")
    assert rehearsed.dry_run and rehearsed.kind == "roster"
    assert dump(services) == before
    done = services.imports.import_file(samples / "roster.csv")
    assert done.summary == rehearsed.summary
    assert len(services.students.list()) > 0


def test_a_bad_roster_changes_nothing_and_names_line_and_column(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    lines = (samples / "roster.csv").read_text().splitlines()
    lines[3] = lines[3].replace("61101-2345678-4", "61101-234")
    bad = tmp_path / "roster.csv"
    bad.write_text("\n".join(lines) + "\n")
    before = dump(services)
    with pytest.raises(ValidationError) as caught:
        services.imports.import_file(bad)
    assert any(p.startswith("line 4, column E") for p in caught.value.texts)
    assert dump(services) == before


class Stop(Exception):
    pass


def test_a_long_export_reports_progress_and_a_stop_keeps_nothing(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    lines = (samples / USAGE).read_text(encoding="utf-8-sig").splitlines()
    big = tmp_path / "usage.csv"
    big.write_text("\n".join([lines[0], *(lines[1:] * 30)]) + "\n", encoding="utf-8")
    seen: list[int] = []
    outcome = services.imports.dry_run(big, lambda done, total, message: seen.append(done))
    assert seen[0] == 0 and 2_000 in seen and outcome.dry_run
    before = dump(services)

    def stop(done: int, total: int, message: str) -> None:
        if done >= 2_000:
            raise Stop()

    with pytest.raises(Stop):
        services.imports.import_file(big, stop)
    assert dump(services) == before


@pytest.mark.parametrize("name", [USAGE, SPECIALIZATION])
def test_the_desk_reads_an_export_once_and_imports_what_it_read(
    services: Services, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    copy = tmp_path / name
    shutil.copy(samples / name, copy)
    opened: list[Path] = []
    real_enter = TableFile.__enter__

    def counting(table: TableFile) -> TableFile:
        opened.append(table.path)
        return real_enter(table)

    monkeypatch.setattr(TableFile, "__enter__", counting)
    prepared = services.imports.prepare(copy)
    assert prepared.preview == services.imports.preview(copy)  # the same first look
    opened.clear()
    rehearsed = services.imports.dry_run(prepared)
    done = services.imports.import_file(prepared)
    assert opened == []  # neither parsed the file again (only re-hashed it)
    assert rehearsed.summary.startswith(done.summary.split(";")[0])  # the same rows counted
    assert rehearsed.unmatched == done.unmatched
    fresh = services.imports.import_file(copy)  # the path, as the command line reads it
    assert "added 0 new progress records and updated 0;" in fresh.summary  # the desk did it all


def test_a_file_changed_after_it_was_read_is_refused(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    copy = tmp_path / USAGE
    shutil.copy(samples / USAGE, copy)
    prepared = services.imports.prepare(copy)
    services.imports.dry_run(prepared)
    before = dump(services)
    copy.write_text(copy.read_text(encoding="utf-8-sig") + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="has changed since it was opened"):
        services.imports.import_file(prepared)
    assert dump(services) == before
