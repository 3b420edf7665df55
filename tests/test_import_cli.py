"""The import commands as a clerk runs them: exit codes, one `error:` line, JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import advisor, assert_one_line_error

USAGE = "coursera-usage-report.csv"


@pytest.fixture
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def test_department_import_commands(tmp_path: Path, home: Path, samples: Path) -> None:
    db = str(tmp_path / "x.db")
    assert advisor("--db", db, "init", home=home).returncode == 0
    steps = [
        ("policy", "import", str(samples / "policy.json")),
        ("students", "import", str(samples / "roster.csv")),
        ("progress", "import", str(samples / USAGE), "--dry-run"),
        ("progress", "import", str(samples / USAGE)),
        ("progress", "import", str(samples / "coursera-specialization-report.csv")),
    ]
    outputs = []
    for step in steps:
        run = advisor("--db", db, *step, home=home)
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout)
    assert "10 added" in outputs[1]
    assert "Dry run: nothing was written" in outputs[2] and "86 new" in outputs[3]
    shown = advisor("--db", db, "students", "show", "fa23-bba-002", "--json", home=home)
    data = json.loads(shown.stdout)
    assert data["roll_no"] == "fa23-bba-002" and data["degree"] == "BBA"
    assert data["courses"] == []  # her course rows are in the CourseActivity file
    first = json.loads(
        advisor("--db", db, "students", "show", "fa23-bcs-001", "--json", home=home).stdout
    )
    assert len(first["courses"]) == 10
    assert set(first["courses"][0]) == {
        "slug",
        "status",
        "progress",
        "grade",
        "completed_on",
        "certificate",
    }
    assert data["program_certificates"] == [{
        "slug": "meta-social-media-marketing", "completed_on": "2024-08-20",
        "certificate": "https://coursera.org/verify/professional-cert/7QX2M9PLK4RT",
    }]  # fmt: skip

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Email,Course Slug,Completed\nm.ali@dist.edu.pk,python,Maybe\n", encoding="utf-8"
    )
    refused = advisor("--db", db, "progress", "import", str(bad), home=home)
    assert_one_line_error(refused)
    assert "line 2, column C (Completed): 'Maybe' is not Yes or No." in refused.stderr
    assert_one_line_error(
        advisor("--db", db, "students", "import", str(tmp_path / "none.csv"), home=home)
    )
    assert_one_line_error(advisor("--db", db, "students", "show", "zz-999", home=home))
    assert_one_line_error(advisor("--db", db, "progress", "import", home=home), code=2)
    exported = advisor("--db", db, "policy", "export", str(tmp_path / "p.json"), home=home)
    assert exported.returncode == 0 and json.loads((tmp_path / "p.json").read_text())["degrees"]


def test_backup_and_restore_commands(tmp_path: Path, home: Path, samples: Path) -> None:
    db = str(tmp_path / "x.db")
    assert advisor("--db", db, "init", home=home).returncode == 0
    assert (
        advisor("--db", db, "policy", "import", str(samples / "policy.json"), home=home).returncode
        == 0
    )
    saved = advisor("--db", db, "backup", "-o", str(tmp_path / "b.db"), home=home)
    assert saved.returncode == 0 and "Backup written" in saved.stdout
    assert (
        advisor("--db", db, "students", "import", str(samples / "roster.csv"), home=home).returncode
        == 0
    )
    restored = advisor("--db", db, "restore", str(tmp_path / "b.db"), home=home)
    assert restored.returncode == 0, restored.stderr
    assert "was saved to" in restored.stdout
    listed = advisor("--db", db, "students", "list", "--json", home=home)
    assert json.loads(listed.stdout) == []
    assert_one_line_error(advisor("--db", db, "restore", str(samples / "roster.csv"), home=home))
    assert_one_line_error(advisor("--db", db, "backup", home=home), code=2)


def test_init_demo_twice(tmp_path: Path, home: Path) -> None:
    db = str(tmp_path / "demo.db")
    first = advisor("--db", db, "init", "--demo", home=home)
    assert first.returncode == 0, first.stderr
    assert "Demo department loaded" in first.stdout
    second = advisor("--db", db, "init", "--demo", home=home)
    assert second.returncode == 0 and "already loaded; nothing changed" in second.stdout
    listed = json.loads(advisor("--db", db, "students", "list", "--json", home=home).stdout)
    assert len(listed) == 10 and {"roll_no", "name", "degree", "intake"} <= set(listed[0])
