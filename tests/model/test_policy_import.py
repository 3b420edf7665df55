import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.conftest import dump


def sample(samples: Path) -> dict:
    return json.loads((samples / "policy.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_sample_policy_round_trips(services: Services, samples: Path, tmp_path: Path) -> None:
    result = services.policy.import_file(samples / "policy.json")
    assert result.institution == "DIST"
    assert result.degrees_added == ("BSCS", "BBA") and result.policies_written == 3
    assert [(d.code, d.policy_years) for d in services.policy.degrees()] == [
        ("BBA", (2023,)),
        ("BSCS", (2023, 2025)),
    ]
    institution = services.policy.institution()
    assert institution is not None and institution.letter_prefix == "DIST/CERT"
    assert [s.name for s in institution.signatories] == ["Dr. Saima Anwar", "Mr. Khalid Mehmood"]
    out = tmp_path / "out.json"
    services.policy.export_file(out)
    exported, original = json.loads(out.read_text()), sample(samples)
    for data in (exported, original):  # exclusive groups come back in slug order
        for d in data["degrees"]:
            for p in d["policies"]:
                p["exclusive"] = [sorted(g) for g in p["exclusive"]]
    assert exported == original


def test_reimport_replaces_only_the_years_given(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    data = sample(samples)
    bscs = data["degrees"][0]
    bscs["policies"] = [bscs["policies"][1]]  # only 2025
    bscs["policies"][0]["credit_cap"] = 3
    bscs["policies"][0]["requirements"] = bscs["policies"][0]["requirements"][:1]
    data["degrees"] = [bscs]
    services.policy.import_file(write(tmp_path, data))
    services.policy.export_file(tmp_path / "out.json")
    out = json.loads((tmp_path / "out.json").read_text())
    policies = {p["catalog_year"]: p for p in out["degrees"][0]["policies"]}
    assert policies[2025]["credit_cap"] == 3 and len(policies[2025]["requirements"]) == 1
    assert policies[2023]["credit_cap"] == 9 and len(policies[2023]["requirements"]) == 3
    assert [d["code"] for d in out["degrees"]] == ["BSCS", "BBA"]


def broken(samples: Path, change) -> dict:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(sample(samples))
    change(data)
    return data


CASES = {
    "unknown program": (
        lambda d: d["degrees"][0]["policies"][0]["requirements"][0]["from"].append(
            "no-such-program"
        ),
        "degrees[0].policies[0].requirements[0].from: 'no-such-program' is not a program",
    ),
    "duplicate slot": (
        lambda d: d["degrees"][0]["policies"][0]["requirements"][1].update(id="CERT-CORE"),
        "degrees[0].policies[0].requirements[1]: the slot id 'CERT-CORE' is already used",
    ),
    # Exceptions name a slot in any case ('cert-core'): two ids equal but for case are one.
    "duplicate slot in other case": (
        lambda d: d["degrees"][0]["policies"][0]["requirements"][1].update(id="cert-core"),
        "degrees[0].policies[0].requirements[1]: the slot id 'cert-core' is already used by "
        "degrees[0].policies[0].requirements[0]",
    ),
    "choose too large": (
        lambda d: d["degrees"][1]["policies"][0]["requirements"][1].update(choose=3),
        "degrees[1].policies[0].requirements[1]: 'choose' is 3 but 'from' lists only 2",
    ),
    "zero credits": (
        lambda d: d["degrees"][0]["policies"][1]["requirements"][1].update(credits=0),
        "degrees[0].policies[1].requirements[1]: 'credits' must be a whole number from 1 to 60",
    ),
    "same year twice": (
        lambda d: d["degrees"][0]["policies"][1].update(catalog_year=2023),
        "degrees[0].policies[1]: catalog_year 2023 is already used by degrees[0].policies[0]",
    ),
    "bad min grade": (
        lambda d: d["degrees"][0]["policies"][0].update(min_grade=160),
        "degrees[0].policies[0]: 'min_grade' must be a number from 0 to 100",
    ),
    "bad kind": (
        lambda d: d["degrees"][0]["policies"][0]["requirements"][0].update(kind="core"),
        "'kind' must be mandatory or elective",
    ),
    "same degree twice": (
        lambda d: d["degrees"].append(copy.deepcopy(d["degrees"][1])),
        "degrees[2]: the degree code 'BBA' also appears at degrees[1]",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_policy_names_the_entry_and_changes_nothing(
    case: str, services: Services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    before = dump(services)
    change, message = CASES[case]
    with pytest.raises(ValidationError) as error:
        services.policy.import_file(write(tmp_path, broken(samples, change)))
    assert message in str(error.value)
    assert dump(services) == before


def test_broken_json_names_line_and_column(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    text = (samples / "policy.json").read_text().replace('"credit_cap": 6,', '"credit_cap": 6', 1)
    with pytest.raises(
        ValidationError, match=r"line \d+, column \d+: the policy file is not valid JSON"
    ):
        services.policy.import_file(write(tmp_path, text))


def test_every_problem_is_listed(services: Services, samples: Path, tmp_path: Path) -> None:
    def many(d: dict) -> None:
        d["degrees"][0]["policies"][0]["requirements"][0]["from"].append("nope")
        d["degrees"][1]["policies"][0]["credit_cap"] = -1

    with pytest.raises(ValidationError) as error:
        services.policy.import_file(write(tmp_path, broken(samples, many)))
    assert len(error.value.texts) == 2


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=json_values, where=st.sampled_from(["degrees", "institution", "policies", "requirements"])
)
def test_any_json_shape_is_imported_or_refused_cleanly(
    services: Services, samples: Path, tmp_path: Path, value: object, where: str
) -> None:
    data = sample(samples)
    if where == "degrees":
        data["degrees"] = value
    elif where == "institution":
        data["institution"] = value
    elif where == "policies":
        data["degrees"][0]["policies"] = value
    else:
        data["degrees"][1]["policies"][0]["requirements"][0] = value
    before = dump(services)
    try:
        services.policy.import_file(write(tmp_path, data))
    except ValidationError:
        assert dump(services) == before


def test_a_control_character_in_the_text_is_refused(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    # JSON can spell a NUL or an ESC (\u0000, \u001b); no name or title a person types holds one.
    services.policy.import_file(samples / "policy.json")
    before = dump(services)
    data = sample(samples)
    data["institution"]["name"] = "Demo\u0000Institute"
    data["degrees"][0]["title"] = "BS \u001b[31mCS"
    with pytest.raises(ValidationError) as error:
        services.policy.import_file(write(tmp_path, data))
    assert error.value.texts == [
        "institution.name: the text holds a NUL byte, which no typed text holds",
        "degrees[0].title: the text holds the control character U+001B, which no typed text holds",
    ]
    assert dump(services) == before


def test_a_key_written_twice_is_refused(services: Services, samples: Path, tmp_path: Path) -> None:
    # json keeps the last of two equal keys: a pasted second "degrees" hid the first silently.
    text = (samples / "policy.json").read_text(encoding="utf-8")
    text = text.replace('"degrees": [', '"degrees": [],\n  "degrees": [', 1)
    with pytest.raises(ValidationError) as error:
        services.policy.import_file(write(tmp_path, text))
    assert error.value.texts == ["degrees: written twice in one object; keep one of them"]
    assert services.policy.degrees() == []


def test_an_invisible_character_in_a_code_is_refused(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    # 'BSCS\u200b' was added as a second degree that prints exactly like BSCS.
    services.policy.import_file(samples / "policy.json")
    before = dump(services)
    data = sample(samples)
    data["degrees"][0]["code"] = "BSCS\u200b"
    data["degrees"][1]["policies"][0]["requirements"][0]["id"] = "\u200eCERT-CORE"
    with pytest.raises(ValidationError) as error:
        services.policy.import_file(write(tmp_path, data))
    assert error.value.texts == [
        "degrees[0]: 'code' holds an invisible character (U+200B).",
        "degrees[1].policies[0].requirements[0]: 'id' holds an invisible character (U+200E).",
    ]
    assert dump(services) == before
