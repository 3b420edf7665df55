"""What every printed document takes from the database: the letterhead and the student."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.errors import ValidationError
from advisor.model.roles import mask_cnic
from advisor.model.schema import Institution, Student
from advisor.model.services.institution_service import saved_wording
from advisor.reports.documents import LetterData, Letterhead, Signatory, StudentFacts

NO_INSTITUTION = (
    "There is no institution to print on the letterhead: import a policy file with an "
    "institution block (policy import FILE) or fill in the institution in Settings."
)


def letterhead_of(session: Session) -> tuple[Letterhead, str]:
    """The institution's letterhead and letter prefix, or a refusal that says how to set them."""
    row = session.scalars(
        select(Institution).options(selectinload(Institution.signatories)).order_by(Institution.id)
    ).first()
    if row is None:
        raise ValidationError(NO_INSTITUTION)
    head = Letterhead(
        row.name,
        row.address,
        row.logo,
        tuple(Signatory(s.name, s.title) for s in row.signatories),
        row.code,
    )
    return head, row.letter_prefix


def student_facts(student: Student, *, mask: bool = False) -> StudentFacts:
    """`mask`: the CNIC as `35202-*******-2`, for a role that does not need it."""
    return StudentFacts(
        student.roll_no,
        student.name,
        student.father_name or "",
        student.gender or "",
        mask_cnic(student.cnic or "") if mask else student.cnic or "",
        student.degree.code,
        student.degree.title,
        f"{student.intake_term} {student.intake_year}",
    )


def signed_by_degree(head: Letterhead, student: Student) -> Letterhead:
    """The letterhead a student's letter is sealed with: the degree's signatories when it has
    any (a BBA letter is not signed by Computer Science), else the institution's."""
    own = tuple(Signatory(s.name, s.title) for s in student.degree.signatories)
    return replace(head, signatories=own) if own else head


def with_letter_people(session: Session, student: Student, letter: LetterData) -> LetterData:
    """The letter with the degree's department and the institution's wording (the signatories
    are sealed in its letterhead: `signed_by_degree`)."""
    return replace(letter, department=student.degree.department, wording=saved_wording(session))
