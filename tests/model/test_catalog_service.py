from advisor.model.services import Services


def test_search_finds_python_for_everybody(services: Services) -> None:
    listing = services.catalog.list("python")
    assert "python-for-everybody" in {p.slug for p in listing.programs}
    assert "python-data" in {c.slug for c in listing.courses}


def test_search_is_prefix_and_all_words(services: Services) -> None:
    listing = services.catalog.list("data visual pyth")
    assert {c.slug for c in listing.courses} == {
        "python-for-data-visualization",
        "python-data-visualization",
    }
    assert services.catalog.list("zzzz-nothing").courses == ()


def test_slots_accepting_a_program_follow_the_policy(services: Services, samples) -> None:
    assert services.catalog.slots_accepting("google-it-support") == []
    services.policy.import_file(samples / "policy.json")
    accepting = services.catalog.slots_accepting("google-it-support")
    assert ("BSCS", 2023, "CERT-CORE", "mandatory", 3) in {
        (a.degree, a.catalog_year, a.slot, a.kind, a.credits) for a in accepting
    }
    assert services.catalog.slots_accepting("no-such-program") == []


def test_search_as_you_type_limits_rows_and_counts_all(services: Services) -> None:
    everything = services.catalog.search("")
    summary = services.catalog.summary()
    assert (everything.program_total, everything.course_total) == (
        summary.programs,
        summary.courses,
    )
    few = services.catalog.search("", limit=5)
    assert len(few.programs) == 5 and len(few.courses) == 5
    assert few.course_total == summary.courses
    python = services.catalog.search("pyth")
    assert "python-for-everybody" in {p.slug for p in python.programs}
    hit = next(p for p in python.programs if p.slug == "python-for-everybody")
    detail = services.catalog.program("python-for-everybody").program
    assert (hit.course_count, hit.total_hours) == (len(detail.courses), detail.total_hours)
    listing = services.catalog.list("data visual pyth")
    found = services.catalog.search("data visual pyth")
    assert {c.slug for c in found.courses} == {c.slug for c in listing.courses}
    assert services.catalog.search("zzzz-nothing").course_total == 0
