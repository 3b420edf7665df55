"""Every file told by its header, never its name: each Coursera report Sanad reads, the roster,
policy and catalog bundle; any other Coursera tab is named, with what Sanad reads instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.conftest import ACTIVITY, SPECIALIZATION, USAGE
from tests.model.coursera_files import (
    LEARNING_PATH_HEADER,
    PROGRAM_ACTIVITY_HEADER,
    quoted,
    write_export,
)


@pytest.mark.parametrize(
    ("name", "kind", "label"),
    [
        (USAGE, "coursera", "course activity"),
        (ACTIVITY, "coursera", "course activity"),
        (SPECIALIZATION, "coursera", "Specialization report"),
        ("roster.csv", "roster", "Student roster"),
        ("policy.json", "policy", "Credit policy"),
    ],
)
def test_sample_files(services: Services, samples: Path, tmp_path: Path, name, kind, label) -> None:
    renamed = tmp_path / ("export (3)" + Path(name).suffix)
    shutil.copy(samples / name, renamed)
    preview = services.imports.preview(renamed)
    assert (preview.kind, label in preview.label) == (kind, True)


@pytest.mark.parametrize(
    ("header", "label"),
    [(LEARNING_PATH_HEADER, "LearningPathActivity"), (PROGRAM_ACTIVITY_HEADER, "ProgramActivity")],
)
def test_the_2026_tabs(services: Services, tmp_path: Path, header, label) -> None:
    row = {header[0]: "Ayesha Khan", "Email": "ayesha.khan@dist.edu.pk"}
    preview = services.imports.preview(write_export(tmp_path / "renamed.csv", header, [row]))
    assert preview.kind == "coursera" and label in preview.label


def test_other_coursera_tabs_are_named(services: Services, tmp_path: Path) -> None:
    guided = tmp_path / "GuidedProjectActivity.csv"
    guided.write_text(
        "\ufeff"
        + quoted(["Name", "Email", "Guided Project Name", "Program Slug", "Program Name"])
        + "\r\n",
        encoding="utf-8",
    )
    for call in (services.imports.preview, services.progress.import_export):
        with pytest.raises(ValidationError) as caught:
            call(guided)
        message = str(caught.value)
        assert "this is Coursera's Guided Project activity report" in message
        assert "LearningPathActivity and ProgramActivity" in message
    odd = tmp_path / "Other.csv"
    odd.write_text(quoted(["Name", "Program Slug", "Contract(s)", "Learning Hours"]) + "\r\n")
    with pytest.raises(
        ValidationError, match="Coursera enterprise report of a kind Sanad does not read"
    ):
        services.imports.preview(odd)
