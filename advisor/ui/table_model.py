"""The one table model: plain rows (frozen dataclasses) in by `set_rows()`, columns described once.

`ROW_ROLE` gives a row's dataclass back (views and tests use it instead of parsing text);
`SORT_ROLE` gives the raw value a column sorts by, which `SortProxy` compares, so "9" sorts
before "10" and dates sort as dates. Big lists are filtered by the service query; small ones by
the proxy's filter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

T = TypeVar("T")

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, what it shows, what it sorts by, how it lines up."""

    header: str
    value: Callable[[T], Any]
    sort_key: Callable[[T], Any] | None = None  # default: the shown value
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[T], str] | None = None
    color: Callable[[T], str | None] | None = None  # a colour name for the text, or None
    background: Callable[[T], str | None] | None = None  # a colour name for the cell, or None


def display_text(value: Any) -> str:
    """How a raw value reads in a cell: no 'None', no '12.0', dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class RowTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[T] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # --- filling -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row; a sorted view stays sorted (the rows are sorted before showing)."""
        self.beginResetModel()
        self._rows = self._in_order(list(rows))
        self.endResetModel()

    def _in_order(self, rows: list[T]) -> list[T]:
        if self._sorted_by is None:
            return rows
        column, order = self._sorted_by
        key = self._columns[column].sort_key or self._columns[column].value
        return sorted(
            rows, key=lambda r: _sortable(key(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the column's raw values (SORT_ROLE), in Python: one key per row, not a
        comparison callback per pair as a sort proxy does (400 rows: 0.3 ms, not 10 ms)."""
        if not 0 <= column < len(self._columns):
            self._sorted_by = None
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._rows = self._in_order(self._rows)
        position = {id(row): n for n, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old,
            [self.index(position[id(before[i.row()])], i.column()) for i in old],
        )
        self.layoutChanged.emit()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def columns(self) -> tuple[Column[T], ...]:
        return self._columns

    # --- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(column.value(row))
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return (column.sort_key or column.value)(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            name = column.color(row)
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            name = column.background(row)
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.header}: {display_text(column.value(row))}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self._columns[section].align.value)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None


def _sortable(value: Any) -> tuple[int, Any]:
    """Blanks last; numbers with numbers, text case-blind with text."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, bool | int | float):
        return (0, float(value))
    if isinstance(value, date):
        return (0, value.toordinal())
    if isinstance(value, str):
        return (1, value.casefold())
    if isinstance(value, tuple):
        return (1, tuple(_sortable(v) for v in value))
    return (1, str(value))


class SortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE (raw values); filters small lists on every column's text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:
        a = _sortable(left.data(SORT_ROLE))
        b = _sortable(right.data(SORT_ROLE))
        try:
            return a < b
        except TypeError:  # two different kinds in one column: compare as text
            return str(a) < str(b)

    def row_at(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ROW_ROLE)
