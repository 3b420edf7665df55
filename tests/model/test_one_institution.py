"""A policy of another institution than the one set up is refused unless its replacement is
asked for: a second institution never appears quietly (the letters would go on naming the first)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.model.services.policy_service import InstitutionMismatch
from tests.test_import_cli import Cli


def other_institution(samples: Path, folder: Path) -> Path:
    data = json.loads((samples / "policy.json").read_text(encoding="utf-8"))
    data["institution"].update(
        code="GCU", name="Government College University", letter_prefix="GCU/CERT"
    )
    path = folder / "gcu-policy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_another_institutions_policy_is_refused_then_replaces_when_asked(
    services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    other = other_institution(samples, tmp_path)
    with pytest.raises(InstitutionMismatch) as refused:
        services.imports.dry_run(other)
    assert (refused.value.existing, refused.value.incoming) == ("DIST", "GCU")
    assert "--replace-institution" in str(refused.value)
    assert services.policy.institution().code == "DIST"  # nothing changed
    services.imports.import_file(other, replace_institution=True)
    assert services.policy.institution().code == "GCU"
    assert services.institution.get().letter_prefix == "GCU/CERT"
    exported = services.policy.current()
    assert exported["institution"]["code"] == "GCU"
    # one institution: importing the same file again is no mismatch
    services.policy.import_file(other)


def test_the_command_line_names_the_flag(
    tmp_path: Path, samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "x.db", capsys)
    cli.ok("init")
    cli.ok("policy", "import", str(samples / "policy.json"))
    other = other_institution(samples, tmp_path)
    err = cli.refused("policy", "import", str(other))
    assert err.count("\n") == 1 and "--replace-institution" in err and "GCU" in err
    out = cli.ok("policy", "import", str(other), "--replace-institution")
    assert "institution GCU" in out
