"""A Coursera course or Specialization export read once, for the import desk: the rows as the
merges read them, the problems in their cells, the first rows as the file has them (the
preview) and the file's SHA-256, so that a dry run and then the import reuse one reading and
only re-hash the file to check that it has not changed in between.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from advisor.model.errors import Problem
from advisor.model.importing.coursera_export import CourseraExport, ExportRow
from advisor.model.importing.field_values import Problems
from advisor.model.importing.tabular_reader import Row

READ_EVERY = 5000  # rows between progress reports while reading


@dataclass(frozen=True)
class ParsedExport:
    path: Path
    kind: str
    header: tuple[str, ...]
    preview_rows: tuple[tuple[int, tuple[str, ...]], ...]
    total_rows: int
    parsed: tuple[ExportRow, ...]
    problems: tuple[Problem, ...]  # in file order

    def rows(self, problems: Problems) -> Iterator[ExportRow]:
        """What `CourseraExport.rows` gave when the file was read (the same problems too)."""
        for problem in self.problems:
            problems.add_found(problem)
        yield from self.parsed


class _Recording(Problems):
    """Problems that also keep every one of them, to hand them out again."""

    def __init__(self, file_name: str) -> None:
        super().__init__(file_name)
        self.all: list[Problem] = []

    def add_found(self, problem: Problem) -> None:
        super().add_found(problem)
        self.all.append(problem)


def read_export(
    path: Path, preview_limit: int, progress: Callable[[int, int, str], None] | None = None
) -> ParsedExport:
    """Read and parse the whole export once (a ValidationError if it is not one)."""
    preview: list[tuple[int, tuple[str, ...]]] = []
    count = 0

    def seen(row: Row) -> None:
        nonlocal count
        count += 1
        if len(preview) < preview_limit:
            preview.append((row.line, tuple(row.cells)))
        if progress is not None and count % READ_EVERY == 0:
            progress(count, 0, f"Reading: {count:,} rows")

    problems = _Recording(path.name)
    with CourseraExport(path) as export:
        header = tuple(export.header)
        parsed = tuple(export.rows(problems, seen))
        kind = export.kind
    return ParsedExport(path, kind, header, tuple(preview), count, parsed, tuple(problems.all))
