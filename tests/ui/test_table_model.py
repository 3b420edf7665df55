"""The shared table model: rows in, dataclasses and raw sort values out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPersistentModelIndex, Qt

from advisor.ui.table_model import (
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowTableModel,
    SortProxy,
    display_text,
)


@dataclass(frozen=True)
class Row:
    name: str
    hours: float
    finished: date | None


COLUMNS = [
    Column[Row]("Name", lambda r: r.name),
    Column[Row]("Hours", lambda r: r.hours, align=RIGHT),
    Column[Row]("Finished", lambda r: r.finished),
]
ROWS = [
    Row("beta", 10.0, date(2024, 3, 1)),
    Row("Alpha", 9.5, None),
    Row("gamma", 100.0, date(2023, 1, 5)),
]


def test_model_passes_the_model_tester(qtmodeltester):
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = SortProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_roles_give_the_row_and_raw_values():
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    assert model.index(1, 0).data(ROW_ROLE) == ROWS[1]
    assert model.index(0, 1).data(Qt.ItemDataRole.DisplayRole) == "10"
    assert model.index(1, 1).data(Qt.ItemDataRole.DisplayRole) == "9.5"
    assert model.index(0, 1).data(SORT_ROLE) == 10.0
    assert model.index(1, 2).data(Qt.ItemDataRole.DisplayRole) == ""
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Finished"


def test_proxy_sorts_numbers_as_numbers_and_blanks_last():
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_at(i).hours for i in range(3)] == [9.5, 10.0, 100.0]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_at(i).name for i in range(3)] == ["Alpha", "beta", "gamma"]
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_at(i).name for i in range(3)] == ["gamma", "beta", "Alpha"]


def test_display_text_reads_like_a_person_writes():
    assert display_text(None) == ""
    assert display_text(12.0) == "12"
    assert display_text(True) == "Yes"
    assert display_text(date(2025, 1, 2)) == "2025-01-02"


def test_the_model_sorts_itself_and_keeps_the_order_for_new_rows(qtmodeltester):
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    kept = QPersistentModelIndex(model.index(1, 0))  # "Alpha"
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [r.hours for r in model.rows()] == [100.0, 10.0, 9.5]
    assert kept.row() == 2 and kept.data(ROW_ROLE).name == "Alpha"
    model.set_rows([*ROWS, Row("delta", 50.0, None)])
    assert [r.hours for r in model.rows()] == [100.0, 50.0, 10.0, 9.5]
    qtmodeltester.check(model)
