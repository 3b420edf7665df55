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


def _engine_crossings() -> list[str]:
    """The rules engine reads plain data only: no SQLAlchemy, no schema, no store."""
    banned = (
        "sqlalchemy",
        "alembic",
        "advisor.model.schema",
        "advisor.model.database",
        "advisor.model.store",
        "advisor.model.services",
    )
    return [
        f"{path.relative_to(ADVISOR.parent)} imports {name}"
        for path in sorted((ADVISOR / "model" / "audit").rglob("*.py"))
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in banned)
    ]


def test_the_audit_engine_does_not_touch_the_database() -> None:
    assert _engine_crossings() == []


def leaning_services(services: Path) -> list[str]:
    """A service imports from another service only classes (the service, its result types):
    a shared query is a function, and shared queries live in advisor.model.store."""
    found = []
    for path in sorted(services.glob("*_service.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.ImportFrom) and node.module):
                continue
            other = node.module.rsplit(".", 1)[-1]
            if not other.endswith("_service") or other == path.stem:
                continue
            found += [
                f"{path.name} takes {alias.name} from {other}"
                for alias in node.names
                if not alias.name[:1].isupper()
            ]
    return found


def test_services_do_not_lean_on_each_other() -> None:
    assert leaning_services(ADVISOR / "model" / "services") == []


def test_the_checker_sees_a_service_leaning_on_another(tmp_path: Path) -> None:
    (tmp_path / "plan_service.py").write_text(
        "from advisor.model.services.audit_service import AuditService, require_student_id\n"
    )
    assert leaning_services(tmp_path) == [
        "plan_service.py takes require_student_id from audit_service"
    ]
