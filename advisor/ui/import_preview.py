"""The import desk's first look at a file: its rows as the file has them, with the line
numbers and the problems of a refused file beside the rows they name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from PySide6.QtWidgets import QHeaderView, QTableView

from advisor.model.errors import Problem
from advisor.ui.table_model import RIGHT, Column

MAX_COLUMN_WIDTH = 260


@dataclass(frozen=True)
class PreviewRow:
    line: int
    cells: tuple[str, ...]
    problem: str


def preview_columns(header: tuple[str, ...], numbered: bool) -> list[Column[PreviewRow]]:
    columns: list[Column[PreviewRow]] = []
    if numbered:
        columns.append(Column[PreviewRow]("Line", lambda r: r.line, align=RIGHT))
    columns.append(
        Column[PreviewRow](
            "Problem",
            lambda r: r.problem,
            tooltip=lambda r: r.problem,
            color=lambda r: "#b00020" if r.problem else None,
        )
    )
    for position, title in enumerate(header):
        columns.append(
            Column[PreviewRow](
                title or f"(column {position + 1})",
                _cell_at(position),
                tooltip=_cell_at(position),
            )
        )
    return columns


def _cell_at(position: int) -> Callable[[PreviewRow], str]:
    """One column of the preview; a short row has nothing there."""

    def cell(r: PreviewRow) -> str:
        return r.cells[position] if position < len(r.cells) else ""

    return cell


def problems_by_line(problems: Iterable[Problem]) -> dict[int, str]:
    """The problems of each line, without the line (the row already shows it): several
    problems of one line are joined; a problem with no line is not a row's."""
    found: dict[int, str] = {}
    for problem in problems:
        if problem.line is None:
            continue
        text = str(replace(problem, line=None))
        line = problem.line
        found[line] = f"{found[line]} · {text}" if line in found else text
    return found


def fit_capped(view: QTableView) -> None:
    """A file's columns as wide as their contents, capped (a certificate URL would push the rest
    off screen; it stays readable in the tooltip); the last column takes what is left."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    view.resizeColumnsToContents()
    for column in range(header.count() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), MAX_COLUMN_WIDTH))
