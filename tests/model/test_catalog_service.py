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
