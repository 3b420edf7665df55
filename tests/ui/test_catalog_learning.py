"""Catalog screen: what imports named that the catalog lacks, the Adopt button, the editor."""

from __future__ import annotations

from advisor.ui.catalog_learning import ProgramEditor
from advisor.ui.catalog_screen import CatalogScreen
from tests.model.test_catalog_learning import PMP, pmp_file


def test_seen_programs_are_listed_and_adopted_with_a_button(qtbot, department, tmp_path):
    department.progress.import_export(pmp_file(tmp_path))
    screen = CatalogScreen(department)
    qtbot.addWidget(screen)
    rows = screen.seen.model.rows()
    assert [r.slug for r in rows if r.kind == "program"] == [PMP]
    assert not screen.seen.adopt_button.isEnabled()
    screen.seen.view.selectRow(0)
    assert screen.seen.adopt_button.isEnabled()
    assert "Courses seen (3 of 3)" in screen.seen.detail.text()
    assert "now count" in (screen.seen.adopt_selected() or "")
    assert screen.seen.model.rowCount() == 0
    assert PMP in {p.slug for p in screen.programs.rows()}
    assert screen.page.title.text() == "Project Management Professional Certificate"


def test_the_editor_shows_problems_and_saves_a_valid_program(qtbot, services):
    editor = ProgramEditor(services)
    qtbot.addWidget(editor)
    editor.slug.setText("dist-ai")
    editor.title_edit.setText("AI at DIST")
    editor.provider.setText("DIST")
    assert not editor.save()
    assert "'courses' must be a non-empty list" in editor.problems.text()
    editor.add_course("ai-for-everyone", "AI For Everyone", 6, True)
    editor.add_course("ai-two", "AI Two", 0, True)
    editor.courses.item(1, 2).setText("7.5")  # typed hours are no longer an estimate
    editor.courses.setCurrentCell(1, 0)
    editor._move(-1)
    editor.groups.setPlainText("choose 1: ai-for-everyone, ai-two | either")
    assert editor.save(), editor.problems.text()
    detail = services.catalog.program("dist-ai")
    assert [(c.slug, c.hours, c.hours_estimated) for c in detail.courses] == [
        ("ai-two", 7.5, False),
        ("ai-for-everyone", 6.0, True),
    ]
    assert detail.elective_groups[0].choose == 1


def test_edit_opens_with_the_program_and_keeps_it(qtbot, services):
    editor = ProgramEditor(services, "google-it-support")
    qtbot.addWidget(editor)
    assert editor.courses.rowCount() == 5 and editor.slug.isReadOnly()
    editor.title_edit.setText("Google IT Support (edited)")
    assert editor.save(), editor.problems.text()
    assert (
        services.catalog.program("google-it-support").program.title == "Google IT Support (edited)"
    )
