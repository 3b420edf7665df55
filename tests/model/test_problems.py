"""Problems are data between the layers: where (line and column, or a path in a JSON file) and
why, so screens mark lines and select entries without reading the sentences back."""

import json
from pathlib import Path

import pytest

from advisor.model.errors import Problem, ValidationError, dotted_path


def test_a_problem_reads_as_the_cli_prints_it() -> None:
    assert str(Problem("not a date", 4, "column E (Completed)")) == (
        "line 4, column E (Completed): not a date."
    )
    assert str(Problem("must be an object.", path=("degrees", 0, "policies", 1))) == (
        "degrees[0].policies[1]: must be an object."
    )
    assert str(Problem("no 'Email' column.")) == "no 'Email' column."
    assert (
        dotted_path(("degrees", 2, "requirements", 0, "from")) == "degrees[2].requirements[0].from"
    )


def test_an_error_lists_its_first_problems_and_keeps_them_all() -> None:
    problems = [Problem(f"bad {n}", n, "column A") for n in range(2, 40)]
    error = ValidationError("roster.csv was not imported; nothing changed:", problems)
    assert error.headline == "roster.csv was not imported; nothing changed:"
    assert len(error.problems) == 38
    assert str(error).count("\n") == 11  # the headline, ten problems, "… and 28 more"
    assert str(error).endswith("… and 28 more")


def test_a_refused_roster_carries_each_cell_as_data(
    department, samples: Path, tmp_path: Path
) -> None:
    lines = (samples / "roster.csv").read_text().splitlines()
    lines[2] = lines[2].replace("BSCS", "BSXX")
    bad = tmp_path / "roster.csv"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValidationError) as refused:
        department.students.import_roster(bad)
    [problem] = refused.value.problems
    assert problem.line == 3 and problem.column.startswith("column G")
    assert refused.value.nothing_changed


def test_a_refused_policy_carries_each_path_as_data(
    department, samples: Path, tmp_path: Path
) -> None:
    policy = json.loads((samples / "policy.json").read_text())
    policy["degrees"][0]["policies"][0]["requirements"][1]["credits"] = 0
    bad = tmp_path / "policy.json"
    bad.write_text(json.dumps(policy))
    with pytest.raises(ValidationError) as refused:
        department.policy.import_file(bad)
    [problem] = refused.value.problems
    assert problem.path == ("degrees", 0, "policies", 0, "requirements", 1)
    assert "'credits'" in problem.message
    assert refused.value.nothing_changed
