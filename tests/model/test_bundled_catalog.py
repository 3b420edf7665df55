"""The bundled catalog against the research facts it was built from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.model.services import Services

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "resources" / "catalog" / "coursera-catalog.json"
FACTS = REPO.parent / "shared" / "data" / "catalog-facts.json"


@pytest.fixture(scope="module")
def facts() -> dict:
    if not FACTS.exists():
        pytest.skip("shared/data is not beside this checkout")
    return json.loads(FACTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle() -> dict:
    return json.loads(BUNDLE.read_text(encoding="utf-8"))


def test_bundle_is_what_the_builder_makes_from_the_facts(facts: dict, bundle: dict) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_catalog", REPO / "scripts" / "build_catalog.py"
    )
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder.build(facts) == bundle


def test_every_program_with_its_courses_in_order(facts: dict, services: Services) -> None:
    listing = services.catalog.list()
    programs = {p.slug: p for p in listing.programs}
    courses = {c.slug: c for c in listing.courses}
    assert set(programs) == {p["id"] for p in facts["programs"]}
    assert len(programs) == 14
    for p in facts["programs"]:
        ours = programs[p["id"]]
        assert (
            ours.title == p["title"] and ours.type == p["type"] and ours.provider == p["provider"]
        )
        assert [courses[s].title for s in ours.courses] == [c["title"] for c in p["courses"]]
        for slug, fact in zip(ours.courses, p["courses"], strict=True):
            assert courses[slug].hours == fact["hours"]
            assert courses[slug].hours_estimated == bool(fact.get("estimate"))
            if fact.get("slug"):
                assert slug == fact["slug"] or courses[slug].slug_derived
            else:
                assert courses[slug].slug_derived


def test_shared_courses_are_one_row(services: Services) -> None:
    programs = {p.slug: p for p in services.catalog.list().programs}
    shared = set(programs["ibm-data-science"].courses) & set(programs["ibm-data-analyst"].courses)
    assert len(shared) == 5
    methodology = [s for s in programs["ibm-data-science"].courses if "methodology" in s]
    assert methodology == ["ibm-data-science-methodology"]
    assert methodology[0] in programs["ibm-introduction-to-data-science"].courses


def test_derived_slugs_never_collide_with_real_ones(facts: dict, bundle: dict) -> None:
    real = {c["slug"] for p in facts["programs"] for c in p["courses"] if c.get("slug")}
    slugs = [c["slug"] for c in bundle["courses"]]
    assert len(slugs) == len(set(slugs))
    derived = {c["slug"] for c in bundle["courses"] if c["slug_derived"]}
    assert not derived & real
    by_slug = {c["slug"]: c for c in bundle["courses"]}
    assert by_slug["introduction-to-data-analytics"]["provider"] == "IBM"
    assert by_slug["meta-introduction-to-data-analytics"]["provider"] == "Meta"
    # the retired Stanford course keeps its own row; its old slug now belongs to MLS course 1
    assert by_slug["machine-learning"]["title"].startswith("Supervised Machine Learning")
    assert any(c["retired"] and c["slug_derived"] for c in bundle["courses"])


def test_standalone_courses_and_reference_values_are_kept(facts: dict, services: Services) -> None:
    courses = {c.slug for c in services.catalog.list().courses}
    assert {"introduction-psychology", "python", "what-is-datascience"} <= courses
    detail = services.catalog.program("google-it-support")
    assert detail.program.ace_credits == 12 and "ACE" in detail.ace_note and detail.source


def test_export_then_import_round_trips(services: Services, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    services.catalog.export_bundle(out)
    before = services.catalog.list()
    result = services.catalog.import_bundle(out)
    assert (result.courses_added, result.courses_updated, result.courses_removed) == (0, 0, 0)
    assert services.catalog.list() == before
