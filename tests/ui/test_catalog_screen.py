"""Catalog screen: search as you type, a program's page with its courses and accepting slots."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor.ui.catalog_screen import CatalogScreen
from advisor.ui.table_model import ROW_ROLE


def test_typing_narrows_programs_and_courses(qtbot, services):
    screen = CatalogScreen(services)
    qtbot.addWidget(screen)
    everything = screen.programs.rowCount()
    assert everything == services.catalog.summary().programs
    qtbot.keyClicks(screen.search, "python")
    slugs = {p.slug for p in screen.programs.rows()}
    assert "python-for-everybody" in slugs
    assert screen.programs.rowCount() < everything
    assert "python-data" in {c.slug for c in screen.courses.rows()}
    assert "programs" in screen.count.text()


def test_a_program_page_lists_courses_in_order_and_accepting_slots(qtbot, services, samples):
    services.policy.import_file(samples / "policy.json")
    screen = CatalogScreen(services)
    qtbot.addWidget(screen)
    screen.search.setText("google it support")
    screen.open_program("google-it-support")
    detail = services.catalog.program("google-it-support")
    assert [c.slug for c in screen.page.courses.rows()] == [c.slug for c in detail.courses]
    assert "Google IT Support" in screen.page.title.text()
    assert "ACE" in screen.page.ace.text()
    slots = {(s.degree, s.slot) for s in screen.page.slots.rows()}
    assert ("BSCS", "CERT-CORE") in slots


def test_estimated_hours_are_marked(qtbot, services):
    screen = CatalogScreen(services)
    qtbot.addWidget(screen)
    estimated = [c for c in services.catalog.list().courses if c.hours_estimated]
    assert estimated, "the bundled catalog marks some hours as estimates"
    screen.search.setText(estimated[0].slug.replace("-", " "))
    model = screen.courses
    row = next(
        i
        for i in range(model.rowCount())
        if model.index(i, 0).data(ROW_ROLE).slug == estimated[0].slug
    )
    assert model.index(row, 2).data(Qt.ItemDataRole.DisplayRole).startswith("≈")


def test_catalog_models_pass_the_model_tester(qtbot, qtmodeltester, services, samples):
    services.policy.import_file(samples / "policy.json")
    screen = CatalogScreen(services)
    qtbot.addWidget(screen)
    screen.open_program("google-it-support")
    for model in (screen.programs, screen.courses, screen.page.courses, screen.page.slots):
        qtmodeltester.check(model)
