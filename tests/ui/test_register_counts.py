"""The register counts what left the office: a DUPLICATE when it is printed or saved (not when
its preview opens), and the Status columns show "Pending verification" whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from advisor.ui.audit_tab import AuditTab
from advisor.ui.letter_register_panel import RegisterPanel
from advisor.ui.student_letters_tab import StudentLettersTab
from tests.conftest import TEST_PASSPHRASE

EXPORTS = (
    "coursera-usage-report.csv",
    "coursera-specialization-report.csv",
    "CourseActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-01-15 09-30-00 UTC.csv",
)


@pytest.fixture
def office(services, samples: Path):  # type: ignore[no-untyped-def]
    services.imports.import_file(samples / "policy.json")
    services.imports.import_file(samples / "roster.csv")
    for name in EXPORTS:
        services.imports.import_file(samples / name)
    services.keys.create(TEST_PASSPHRASE)
    return services


def copies(services, reference: str) -> int:  # type: ignore[no-untyped-def]
    return next(r.duplicate_count for r in services.letters.list() if r.reference == reference)


def test_a_duplicate_counts_when_printed_or_saved_not_when_previewed(
    qtbot, office, tmp_path: Path
) -> None:
    letter = office.letters.issue("fa23-bcs-001", today=date.today())
    reference = letter.record.reference
    panel = RegisterPanel(office)
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.select_reference(reference)
    preview = panel.reprint_selected()
    assert preview is not None and preview.printable
    assert copies(office, reference) == 0  # only looked at
    preview.save_to(tmp_path / "copy.pdf")
    assert copies(office, reference) == 1
    assert panel.model.rows()[0].duplicate_count == 1  # the register shows it at once
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.print_to(printer)
    assert copies(office, reference) == 2
    preview.close()
    kinds = [kind for kind, *_rest in office.letters.history(reference)]
    assert kinds.count("duplicate") == 2


def test_a_student_tab_reprint_also_waits_for_the_copy(qtbot, office, tmp_path: Path) -> None:
    letter = office.letters.issue("fa23-bcs-001", today=date.today())
    tab = StudentLettersTab(office, date.today())
    qtbot.addWidget(tab)
    tab.show_student("fa23-bcs-001")
    tab.view.selectRow(0)
    preview = tab.reprint_selected()
    assert preview is not None
    preview.close()  # closed without printing or saving
    assert copies(office, letter.record.reference) == 0


def test_pending_verification_is_not_cut_in_the_status_column(qtbot, office) -> None:
    audit = office.audit.audit_student("fa23-bcs-002", today=date(2026, 1, 31))
    assert any(r.status == "pending" for r in audit.requirements)
    tab = AuditTab()
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    tab.show_audit(audit)
    tab.show()
    qtbot.waitExposed(tab)
    needed = tab.view.fontMetrics().horizontalAdvance("Pending verification")
    assert tab.view.columnWidth(2) > needed
