"""advisor/reports renders plain data: it never imports Qt, SQLAlchemy or the model layer."""

from __future__ import annotations

import ast
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[2] / "advisor" / "reports"
FORBIDDEN = ("PySide6", "sqlalchemy", "advisor.model", "advisor.ui")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_reports_import_neither_qt_nor_the_database() -> None:
    files = sorted(REPORTS.rglob("*.py"))
    assert len(files) > 5
    crossings = [f"{f.name}: {name}" for f in files for name in _imports(f)
                 if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)]
    assert crossings == []
