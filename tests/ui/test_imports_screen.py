"""Imports: a file is recognised and previewed, rehearsed, imported; a bad file changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from advisor.model.errors import Problem
from advisor.model.services.progress_service import UnmatchedRow
from advisor.ui.imports_screen import ImportsScreen, PreviewRow, preview_columns, problems_by_line
from advisor.ui.table_model import RowTableModel


@pytest.fixture
def screen(qtbot, services, samples: Path, inline_tasks) -> ImportsScreen:
    services.policy.import_file(samples / "policy.json")
    shown = ImportsScreen(services)
    qtbot.addWidget(shown)
    return shown


def test_a_roster_is_previewed_rehearsed_then_imported(
    screen: ImportsScreen, services, samples
) -> None:
    screen.open_file(samples / "roster.csv")
    assert screen.kind_label.text().startswith("Student roster")
    assert screen.preview_model.rowCount() == screen.preview.total_rows
    assert screen.preview_model.index(0, 0).data() == "2"  # the file's own line number
    assert "Dry run" in screen.summary.text()
    assert services.students.list() == []  # the dry run changed nothing
    assert screen.import_button.isEnabled()
    screen.import_button.click()
    assert screen.outcome is not None and not screen.outcome.dry_run
    assert len(services.students.list()) == screen.preview.total_rows
    assert not screen.import_button.isEnabled()  # imported once; choose again to re-import


def test_a_bad_roster_shows_line_and_column_and_changes_nothing(
    screen: ImportsScreen, services, samples: Path, tmp_path: Path
) -> None:
    services.students.import_roster(samples / "roster.csv")
    count = len(services.students.list())
    lines = (samples / "roster.csv").read_text().splitlines()
    lines[2] = lines[2].replace("BSCS", "BSXX")
    lines.append(
        "fa23-new-999,New Student,Father,M,35202-1111111-1,new@dist.edu.pk,BSCS,Fall 2023,1"
    )
    bad = tmp_path / "roster.csv"
    bad.write_text("\n".join(lines) + "\n")
    screen.open_file(bad)
    assert "nothing changed" in screen.summary.text().lower()
    assert "nothing was changed" not in screen.summary.text().lower()  # said once, not twice
    problems = [screen.problems.item(i).text() for i in range(screen.problems.count())]
    assert any("line 3, column G" in p for p in problems)
    marked = [r for r in screen.preview_model.rows() if r.problem]
    assert [r.line for r in marked] == [3]
    assert marked[0].problem.startswith("column G")
    assert not screen.preview_view.isColumnHidden(1)
    assert not screen.import_button.isEnabled()
    assert len(services.students.list()) == count


def test_a_file_of_unknown_kind_is_refused(screen: ImportsScreen, tmp_path: Path) -> None:
    odd = tmp_path / "notes.csv"
    odd.write_text("Colour,Size\nred,3\n")
    screen.open_file(odd)
    assert screen.kind_label.text() == "Sanad cannot import this file"
    assert "Roll No and Name" in screen.summary.text()
    assert not screen.check_button.isEnabled() and not screen.import_button.isEnabled()


def test_problems_are_put_beside_their_lines() -> None:
    found = problems_by_line(
        [Problem("bad", 4, "column E (CNIC)"), Problem("x.", 4, "column F"), Problem("file: y")]
    )
    assert found == {4: "column E (CNIC): bad. · column F: x."}


def test_preview_and_unmatched_models(qtmodeltester) -> None:
    preview: RowTableModel[PreviewRow] = RowTableModel(preview_columns(("Roll No", "Name"), True))
    preview.set_rows(
        [PreviewRow(2, ("a-1", "Ayesha"), ""), PreviewRow(3, ("a-2",), "line 3: no name")]
    )
    qtmodeltester.check(preview)
    from advisor.ui.imports_screen import UNMATCHED_COLUMNS

    unmatched: RowTableModel[UnmatchedRow] = RowTableModel(UNMATCHED_COLUMNS)
    unmatched.set_rows([UnmatchedRow(7, "no student with this email or roll number")])
    qtmodeltester.check(unmatched)


def test_a_coursera_export_lists_its_unmatched_rows(
    screen: ImportsScreen, services, samples: Path, tmp_path: Path
) -> None:
    services.students.import_roster(samples / "roster.csv")
    lines = (samples / "coursera-usage-report.csv").read_text(encoding="utf-8-sig").splitlines()
    stranger = lines[1].replace("ayesha.khan@dist.edu.pk", "stranger@example.com")
    stranger = stranger.replace("fa23-bcs-001", "xx-000")
    export = tmp_path / "usage.csv"
    export.write_text("\n".join([*lines, stranger]) + "\n", encoding="utf-8")
    screen.open_file(export)
    assert screen.kind_label.text().startswith("Coursera progress export")
    assert [u.line for u in screen.unmatched_model.rows()] == [len(lines) + 1]
    assert "would not be imported" in screen.unmatched_caption.text()
    before = services.students.show("fa23-bcs-001").courses
    assert before == ()  # the dry run wrote nothing
    screen.import_button.click()
    assert "were not imported" in screen.unmatched_caption.text()
    assert services.students.show("fa23-bcs-001").courses


def test_cancel_stops_a_long_check_and_nothing_changes(
    qtbot, services, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    lines = (samples / "coursera-usage-report.csv").read_text(encoding="utf-8-sig").splitlines()
    big = tmp_path / "usage.csv"
    big.write_text("\n".join([lines[0], *(lines[1:] * 100)]) + "\n", encoding="utf-8")  # 8,600 rows
    # The check pauses after its first count of rows read until Cancel has been clicked, so the
    # cancel always lands mid-file however fast the machine is.
    clicked = threading.Event()
    real_dry_run = services.imports.dry_run

    def dry_run_pausing_once(path, report, **options):  # type: ignore[no-untyped-def]
        def pausing(done: int, total: int, message: str) -> None:
            report(done, total, message)
            if "rows read" in message and not clicked.is_set():
                clicked.wait(20)

        return real_dry_run(path, pausing, **options)

    monkeypatch.setattr(services.imports, "dry_run", dry_run_pausing_once)
    screen = ImportsScreen(services)  # real threads: the check runs while the window stays live
    qtbot.addWidget(screen)
    screen.open_file(big)
    qtbot.waitUntil(lambda: "rows read" in screen.progress.message.text(), timeout=20_000)
    screen.progress.cancel_button.click()
    clicked.set()
    qtbot.waitUntil(lambda: not screen.progress.running, timeout=20_000)
    assert screen.summary.text() == "Stopped. Nothing was changed."
    assert screen.rehearsal is None and not screen.import_button.isEnabled()
    assert services.students.show("fa23-bcs-001").courses == ()
