from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.cli.main import main
from advisor.model.errors import NotFoundError
from advisor.model.services import Services
from tests.conftest import location_of, seat_as
from tests.model.documents.conftest import TODAY
from tests.reports.pdf_reading import pdf_pages, pdf_text

START = date(2026, 2, 2)


def test_a_plan_printout_shows_the_plan_as_the_planner_made_it(
    certified: Services, qpdf_check
) -> None:
    certified.plans.create(
        "fa23-bcs-002",
        ["google-data-analytics", "meta-front-end-developer"],
        today=TODAY,
        hours_per_week=6,
        start=START,
    )
    seat_as(certified, "Dr. Saima Anwar", "advisor")
    detail = certified.plans.approve("fa23-bcs-002", today=TODAY)
    document = certified.documents.plan("fa23-bcs-002", today=TODAY)
    qpdf_check(document.pdf)
    text = pdf_text(document.pdf)
    assert document.file_name == "plan-fa23-bcs-002-v1.pdf"
    for fact in (
        "Certification plan",
        "Muhammad Ali",
        "Tariq Ali",
        "fa23-bcs-002",
        "35201-*******-1",  # an advisor prints the CNIC masked
        "version 1, approved by Dr. Saima Anwar",
        "2 February 2026",
        "6 hours a week",
        f"{detail.projected_credits} projected (cap {detail.credit_cap})",
        "Timeline",
        f"{len(detail.items)} courses",
        "Student",
        "Advisor",
        "Date:",
    ):
        assert fact in text, fact
    for target in detail.targets:
        assert target.title in text and f"{target.courses_done} of {target.courses_total}" in text
    for item in detail.items:
        assert item.course_title[:25] in text
    assert f"{detail.finish_date.day} {detail.finish_date:%B %Y}" in text
    for warning in detail.warnings:
        assert warning[:40] in text


def test_a_cohort_prints_every_approved_plan_and_only_those(
    certified: Services, qpdf_check
) -> None:
    with pytest.raises(NotFoundError, match="No student of BSCS has an approved plan"):
        certified.documents.cohort_plans("BSCS", today=TODAY, one_file=True)
    for roll in ("fa23-bcs-002", "fa23-bcs-003", "fa23-bcs-004"):
        certified.plans.create(roll, ["google-it-support"], today=TODAY, start=START)
    for roll in ("fa23-bcs-002", "fa23-bcs-004"):
        certified.plans.approve(roll, today=TODAY)
    (one,) = certified.documents.cohort_plans("BSCS", "Fall 2023", today=TODAY, one_file=True)
    qpdf_check(one.pdf)
    starts = [p for p in pdf_pages(one.pdf) if "Certification plan Printed" in p]
    assert [("Muhammad Ali" in p, "Hassan Raza" in p) for p in starts] == [
        (True, False),
        (False, True),
    ]
    assert "Fatima Zahra" not in pdf_text(one.pdf)  # a draft is not printed for the cohort
    assert "Advisor" in starts[0]  # "local" approvals print no name on the advisor's line
    separate = certified.documents.cohort_plans("BSCS", today=TODAY, one_file=False)
    assert [d.file_name for d in separate] == [
        "plan-fa23-bcs-002-v1.pdf",
        "plan-fa23-bcs-004-v1.pdf",
    ]


def test_plan_print_from_the_command_line(
    certified: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certified.plans.create("fa23-bcs-002", ["google-it-support"], today=TODAY, start=START)
    certified.plans.approve("fa23-bcs-002", today=TODAY)
    db = location_of(certified)
    assert main(["--db", db, "plan", "print", "fa23-bcs-002", "-o", str(tmp_path / "p.pdf")]) == 0
    assert "Muhammad Ali" in pdf_text((tmp_path / "p.pdf").read_bytes())
    assert main(["--db", db, "plan", "print", "--degree", "BSCS", "-o", str(tmp_path / "all")]) == 0
    assert [p.name for p in (tmp_path / "all").iterdir()] == ["plan-fa23-bcs-002-v1.pdf"]
    assert main(["--db", db, "plan", "print", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "either a roll number or --degree" in capsys.readouterr().err
    assert (
        main(["--db", db, "report", "progress", "fa23-bcs-001", "-o", str(tmp_path / "r.pdf")]) == 0
    )
    assert (
        main(["--db", db, "report", "cohort", "--degree", "BSCS", "-o", str(tmp_path / "c.pdf")])
        == 0
    )
    assert "Cohort certification summary" in pdf_text((tmp_path / "c.pdf").read_bytes())


def test_an_earlier_plan_version_prints_with_its_status(
    certified: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certified.plans.create("fa23-bcs-002", ["google-it-support"], today=TODAY, start=START)
    certified.plans.approve("fa23-bcs-002", today=TODAY)  # the next build starts version 2
    certified.plans.create(
        "fa23-bcs-002", ["google-it-support", "google-ux-design"], today=TODAY, start=START
    )
    first = certified.documents.plan("fa23-bcs-002", today=TODAY, version=1)
    assert first.file_name == "plan-fa23-bcs-002-v1.pdf"
    assert "superseded" in pdf_text(first.pdf)
    assert certified.documents.plan("fa23-bcs-002", today=TODAY).file_name.endswith("-v2.pdf")
    with pytest.raises(NotFoundError, match="no plan version 7"):
        certified.documents.plan("fa23-bcs-002", today=TODAY, version=7)
    db, out = location_of(certified), str(tmp_path / "v1.pdf")
    assert main(["--db", db, "plan", "print", "fa23-bcs-002", "--version", "1", "-o", out]) == 0
    assert "superseded" in pdf_text((tmp_path / "v1.pdf").read_bytes())
    assert main(["--db", db, "plan", "print", "--degree", "BSCS", "--version", "1", "-o", out]) == 1
    assert "--version prints one student's plan" in capsys.readouterr().err


@pytest.mark.parametrize("program", ["google-it-support", "ibm-data-science"])
def test_a_one_program_plan_prints_on_one_page(certified: Services, program: str) -> None:
    """Issue 12: a one-program plan spilled its signatures onto a second page. IBM Data
    Science has the catalog's most courses (12): it drops the timeline to stay on one page."""
    certified.plans.create("fa23-bcs-003", [program], today=TODAY, start=START)
    certified.plans.approve("fa23-bcs-003", today=TODAY)
    pages = pdf_pages(certified.documents.plan("fa23-bcs-003", today=TODAY).pdf)
    assert len(pages) == 1
    assert "We agree on this plan" in pages[0] and "Date: ______" in pages[0]
    assert ("Timeline" in pages[0]) == (program == "google-it-support")
