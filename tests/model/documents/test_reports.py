from __future__ import annotations

import pytest

from advisor.model.errors import NotFoundError
from advisor.model.services import Services
from tests.model.documents.conftest import TODAY
from tests.reports.pdf_reading import pdf_text


def test_a_progress_report_shows_the_audit(certified: Services, qpdf_check) -> None:
    audit = certified.audit.audit_student("fa23-bcs-001", today=TODAY)
    document = certified.documents.progress_report("fa23-bcs-001", today=TODAY)
    qpdf_check(document.pdf)
    text = pdf_text(document.pdf)
    assert document.file_name == "progress-fa23-bcs-001.pdf"
    assert f"{audit.eligible_credits} credit hours" in text
    assert f"{audit.pending_credits} credit hours (cap {audit.credit_cap})" in text
    for r in audit.requirements:
        assert r.id in text and r.title in text
    for p in audit.programs:
        assert p.title.split()[0] in text
        if p.status == "completed":
            assert f"{p.courses_done} of {p.courses_required}" in text
    with pytest.raises(NotFoundError):
        certified.documents.progress_report("nobody", today=TODAY)


def test_a_cohort_summary_adds_up_to_the_audits(certified: Services, qpdf_check) -> None:
    certified.letters.issue("fa23-bcs-001", today=TODAY)
    audits = certified.audit.audit_cohort("BSCS", "Fall 2023", today=TODAY)
    document = certified.documents.cohort_summary("bscs", "Fall 2023", today=TODAY)
    qpdf_check(document.pdf)
    text = pdf_text(document.pdf)
    eligible = sum(a.eligible_credits for a in audits)
    pending = sum(a.pending_credits for a in audits)
    assert eligible == 6 and pending == 6
    assert (
        f"{eligible} credit hours in all" in text
        and f"{pending} credit hours awaiting verification" in text
    )
    assert f"{len(audits)} students" in text and "1 student(s) hold a valid letter" in text
    for a in audits:
        assert a.roll_no in text
    assert "BS Computer Science (BSCS)" in text and "Fall 2023" in text
    assert "Google IT Support" in text and "completed (students)" in text
    with pytest.raises(NotFoundError, match="no degree 'BSXX'"):
        certified.documents.cohort_summary("BSXX", today=TODAY)
