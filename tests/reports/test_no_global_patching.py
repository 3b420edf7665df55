"""Rendering touches no process-wide state (issue 15 item 5): no ReportLab module global is
assigned, even for a moment; ReportLab's settings stay its defaults; what shared blocks remember
lives in one build; two builds at once in two threads each print what they print alone."""

from __future__ import annotations

import sys
import threading
import types
from dataclasses import replace
from typing import Any

import pytest
from reportlab import rl_config, rl_settings

from advisor.reports.letter_renderer import render_letters
from tests.reports.pdf_reading import pdf_pages
from tests.reports.sample_documents import HEAD, letter
from tests.reports.test_letter_renderer import _green_png


class _Watched(types.ModuleType):
    """A module whose attribute assignments are written down (the test's own instrument)."""

    assigned: list[str]

    def __setattr__(self, name: str, value: Any) -> None:
        if name != "assigned":
            self.assigned.append(f"{self.__name__}.{name}")
        super().__setattr__(name, value)


@pytest.fixture
def watched_reportlab() -> Any:
    modules = [
        m
        for name, m in list(sys.modules.items())
        if (name == "reportlab" or name.startswith("reportlab.")) and m is not None
    ]
    assigned: list[str] = []
    for module in modules:
        module.__class__ = _Watched
        object.__setattr__(module, "assigned", assigned)
    try:
        yield assigned
    finally:
        for module in modules:
            module.__class__ = types.ModuleType


def test_a_batch_never_assigns_a_reportlab_global_not_even_for_a_moment(
    watched_reportlab: list[str],
) -> None:
    render_letters([letter(i) for i in range(1, 4)], replace(HEAD, logo=_green_png()))
    assert watched_reportlab == []  # a swap put back afterwards is caught as well


def test_the_watch_sees_a_swap_put_back(watched_reportlab: list[str]) -> None:
    from reportlab.graphics.barcode import qrencoder

    original = qrencoder.QRUtil
    qrencoder.QRUtil = object  # what QR drawing once did
    qrencoder.QRUtil = original
    assert watched_reportlab == ["reportlab.graphics.barcode.qrencoder.QRUtil"] * 2


def test_reportlab_settings_stay_its_defaults() -> None:
    import advisor.reports.page_templates  # noqa: F401  (its import used to change one)

    assert rl_config.useA85 == rl_settings.useA85


def test_streams_stay_binary_without_a_global_setting() -> None:
    data = render_letters([letter(1), letter(2)], replace(HEAD, logo=_green_png()))
    assert b"/ASCII85Decode" not in data and b"/FlateDecode" in data


def test_two_builds_at_once_print_what_each_prints_alone() -> None:
    jobs = {
        n: [letter(n), letter(n + 10, student=replace(letter(1).student, name=f"Student {n}"))]
        for n in range(1, 5)
    }
    alone = {n: pdf_pages(render_letters(documents, HEAD)) for n, documents in jobs.items()}
    together: dict[int, list[str]] = {}
    start = threading.Barrier(len(jobs))

    def build(n: int) -> None:
        start.wait()
        together[n] = pdf_pages(render_letters(jobs[n], HEAD))

    threads = [threading.Thread(target=build, args=(n,)) for n in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone
