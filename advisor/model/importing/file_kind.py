"""Which of Sanad's files a clerk picked (roster, Coursera export, policy, catalog bundle), and
a first look at its rows. Pure over the file: no database.

Detection reads the JSON `format` or the table's header names, never the file name: a USB
stick's files are often renamed "export (3).csv".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.model.catalog_bundle import FORMAT as CATALOG_FORMAT
from advisor.model.errors import ValidationError
from advisor.model.importing.coursera_kinds import REPORT_LABELS, refuse_other_tab, report_kind
from advisor.model.importing.header_match import header_key
from advisor.model.importing.json_input import load_json_file
from advisor.model.importing.roster_import import ROSTER_ALIASES
from advisor.model.importing.tabular_reader import TableFile
from advisor.model.policy_file import FORMAT as POLICY_FORMAT

ROSTER = "roster"
COURSERA = "coursera"
POLICY = "policy"
CATALOG = "catalog"

KIND_LABELS = {
    ROSTER: "Student roster",
    COURSERA: "Coursera progress export",
    POLICY: "Credit policy (advisor-policy/1)",
    CATALOG: "Catalog bundle (advisor-catalog/1)",
}
PREVIEW_ROWS = 200


@dataclass(frozen=True)
class FilePreview:
    """The detected kind and the first rows as the file has them (line numbers as in the file)."""

    kind: str
    label: str
    detail: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    total_rows: int


TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")


def is_json(path: Path) -> bool:
    """A .json file, or a file of no known kind whose text starts with '{'. A file named as a
    table is read as one: a damaged .csv is told of its CSV problem, not a JSON one."""
    if path.suffix.lower() == ".json":
        return True
    if path.suffix.lower() in TABLE_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return start.startswith(b"{")


def preview_file(path: Path, limit: int = PREVIEW_ROWS) -> FilePreview:
    """Detect the kind and read the first `limit` rows; an unreadable or unknown file says why."""
    if not path.is_file():
        raise ValidationError(f"{path} is not a file.")
    if is_json(path):
        return _json_preview(path, load_json_file(path, "JSON file"))
    return _table_preview(path, limit)


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _json_preview(path: Path, data: Any) -> FilePreview:
    found = data.get("format") if isinstance(data, dict) else None
    rows: list[tuple[str, ...]]
    header: tuple[str, ...]
    if found == POLICY_FORMAT:
        rows = []
        # A preview of whatever the file holds: the import itself says what is wrong with it.
        for degree in _objects(data.get("degrees")):
            for policy in _objects(degree.get("policies")):
                for slot in _objects(policy.get("requirements")):
                    programs = slot.get("from")
                    rows.append(
                        (
                            str(degree.get("code", "")),
                            str(policy.get("catalog_year", "")),
                            str(slot.get("id", "")),
                            str(slot.get("title", "")),
                            str(slot.get("credits", "")),
                            ", ".join(map(str, programs if isinstance(programs, list) else [])),
                        )
                    )
        header = ("Degree", "Intake year", "Slot", "Title", "Credits", "Programs")
        detail = f"{len(_objects(data.get('degrees')))} degree(s), {len(rows)} requirement slot(s)"
        return _preview(POLICY, detail, header, rows)
    if found == CATALOG_FORMAT:
        rows = [
            (
                str(p.get("slug", "")),
                str(p.get("title", "")),
                str(p.get("provider", "")),
                str(_count(p.get("courses"))),
            )
            for p in _objects(data.get("programs"))
        ]
        header = ("Program", "Title", "Provider", "Courses")
        detail = (
            f"version {data.get('version', '?')}: {len(rows)} programs, "
            f"{_count(data.get('courses'))} courses"
        )
        return _preview(CATALOG, detail, header, rows)
    raise ValidationError(
        f"{path.name} is a JSON file but not a Sanad policy or catalog bundle: its 'format' is "
        f'{found!r}, expected "{POLICY_FORMAT}" or "{CATALOG_FORMAT}".'
    )


def _preview(
    kind: str, detail: str, header: tuple[str, ...], rows: list[tuple[str, ...]]
) -> FilePreview:
    numbered = tuple((0, row) for row in rows)  # entries of a JSON file have no line of their own
    return FilePreview(kind, KIND_LABELS[kind], detail, header, numbered, len(rows))


def _table_preview(path: Path, limit: int) -> FilePreview:
    with TableFile(path) as table:
        header = tuple(table.header)
        kind = table_kind(header)
        if kind is None:
            refuse_other_tab(path.name, table.header, table.header_line)
            raise ValidationError(
                f"{path.name}, line {table.header_line} (the header): Sanad cannot tell what this "
                "file is. A roster needs Roll No and Name columns; of Coursera's admin export, "
                "Sanad reads CourseActivity (or the Usage report), the Specialization report, "
                "LearningPathActivity and ProgramActivity."
            )
        report = report_kind(header) if kind == COURSERA else None
        label = REPORT_LABELS[report] if report else KIND_LABELS[kind]
        rows: list[tuple[int, tuple[str, ...]]] = []
        total = 0
        for row in table.rows():
            total += 1
            if len(rows) < limit:
                rows.append((row.line, tuple(row.cells)))
    detail = f"{total} row(s) under a header of {len(header)} column(s)"
    return FilePreview(kind, label, detail, header, tuple(rows), total)


def table_kind(header: tuple[str, ...]) -> str | None:
    if report_kind(header) is not None:
        return COURSERA
    keys = {header_key(h) for h in header}
    roster_keys = {
        field: {header_key(a) for a in aliases} for field, aliases in ROSTER_ALIASES.items()
    }
    if keys & roster_keys["roll_no"] and keys & roster_keys["name"]:
        return ROSTER
    return None
