"""A refused file's problems as a CSV a clerk opens in Excel beside the file to fix it: one row
per problem with its line, its column and what is wrong. Cells are made formula-safe like every
CSV Sanad writes (a problem quotes the bad cell, which may be `=HYPERLINK(…)`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from advisor.model.errors import AdvisorError, Problem, ValidationError, dotted_path
from advisor.model.export_cells import neutral_cell

HEADER = ("Line", "Column", "Problem")


def problem_rows(error: AdvisorError) -> list[tuple[object, str, str]]:
    """(line, column, message) of each problem; a problem without a place (a file that cannot be
    read at all) is one row with the line and column left blank."""
    problems: tuple[Problem, ...] = error.problems if isinstance(error, ValidationError) else ()
    if problems:
        return [(_line(p), _column(p), p.message.strip()) for p in problems]
    return [("", "", str(error).strip())]


def _line(problem: Problem) -> object:
    return "" if problem.line is None else problem.line


def _column(problem: Problem) -> str:
    return problem.column.removeprefix("column ") or dotted_path(problem.path)


def write_problems_csv(path: Path, error: AdvisorError) -> int:
    """Write the problems of a refused file as CSV (UTF-8 with a BOM, which Excel reads as
    UTF-8); returns the number of rows written."""
    rows = problem_rows(error)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    for line, column, message in rows:
        writer.writerow([neutral_cell(line), neutral_cell(column), neutral_cell(message)])
    try:
        path.write_text("\ufeff" + text.getvalue(), encoding="utf-8", newline="")
    except OSError as exc:
        raise AdvisorError(f"{path} could not be written: {exc.strerror or exc}.") from exc
    return len(rows)
