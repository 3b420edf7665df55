"""The one way a list is shown: a read-only, row-selecting, sortable QTableView."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from advisor.ui.table_model import ROW_ROLE, RowTableModel, SortProxy


def make_table(
    model: RowTableModel,
    name: str,
    *,
    sortable: bool = True,
    stretch: int = 0,
    fit: bool = False,
    filterable: bool = False,
    sort_first: bool = True,
) -> QTableView:
    """A read-only, row-selecting table over a RowTableModel (which sorts itself).

    `stretch` is the column that takes the spare width; `fit` sizes the others to their
    contents (only for short lists: it measures every row). `filterable` puts a SortProxy
    between (view.model() is then the proxy: setFilterFixedString filters a short list).
    `sort_first=False` keeps the given order (e.g. completed programs first) until a click."""
    view = QTableView()
    view.setAccessibleName(name)
    if filterable:
        proxy = SortProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # One Tab stop: the arrows move between rows, Tab goes on to the next control.
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setDefaultSectionSize(84)
    mode = QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive
    header.setSectionResizeMode(mode)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if sortable:
        # Section -1: the rows keep the order they come in until a header is clicked.
        header.setSortIndicator(0 if sort_first else -1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


def selected_row(view: QTableView) -> Any:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(ROW_ROLE) if rows else None
