"""Institution details: created on first save, validated, logo checked, signatories replaced."""

from __future__ import annotations

import pytest

from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.services.institution_service import SignatorySpec

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def save(services, **changes):  # type: ignore[no-untyped-def]
    details = dict(
        code="DIST",
        name="Demo Institute",
        address="12-B Canal Road, Lahore",
        letter_prefix="DIST/CERT",
        signatories=[SignatorySpec("Dr. Saima Anwar", "Chairperson")],
    )
    details.update(changes)
    return services.institution.update(**details)


def test_first_save_creates_and_second_replaces(services) -> None:
    assert services.institution.get() is None
    save(services)
    saved = save(
        services,
        name="Demo Institute of Science",
        signatories=[SignatorySpec("B", "Controller"), SignatorySpec("A", "Chair")],
    )
    again = services.institution.get()
    assert again == saved
    assert again.name == "Demo Institute of Science"
    assert [s.name for s in again.signatories] == ["B", "A"]


def test_every_problem_is_listed_and_nothing_is_saved(services) -> None:
    with pytest.raises(ValidationError) as caught:
        save(services, name=" ", letter_prefix="/bad prefix", signatories=[SignatorySpec("X", "")])
    assert len(caught.value.texts) == 3
    assert services.institution.get() is None


def test_logo_must_be_png_or_jpeg_and_is_kept_across_updates(services) -> None:
    with pytest.raises(NotFoundError):
        services.institution.set_logo(PNG)
    save(services)
    with pytest.raises(ValidationError, match="logo.gif is not a PNG or JPEG"):
        services.institution.set_logo(b"GIF89a....", file_name="logo.gif")
    services.institution.set_logo(PNG)
    assert save(services, address="New address").logo == PNG
    assert services.institution.clear_logo().has_logo is False
