"""The layer rules of STYLE.md, read from the imports of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ADVISOR = Path(__file__).resolve().parent.parent / "advisor"

FORBIDDEN = {
    "model": ("PySide6", "shiboken6"),
    "reports": ("PySide6", "shiboken6", "sqlalchemy", "alembic", "advisor.model.schema"),
    "ui": ("sqlalchemy", "alembic", "advisor.model.schema", "advisor.model.database"),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def crossings(layer: str) -> list[str]:
    found = []
    for path in sorted((ADVISOR / layer).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(ADVISOR.parent)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_cross(layer: str) -> None:
    assert crossings(layer) == []


def test_the_checker_sees_a_crossing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QLabel\nimport sqlalchemy.orm\n")
    assert imported_modules(bad) == {"PySide6.QtWidgets", "sqlalchemy.orm"}
