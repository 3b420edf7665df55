"""What the renderers read: plain frozen values, filled by the services, never ORM rows.

Every document takes its facts from one of these and returns PDF bytes, so a renderer can be
tested, benchmarked and reused (preview, batch, reprint) without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class Letterhead:
    """The institution as it heads every page: name, address, optional logo (PNG/JPEG bytes)."""

    name: str
    address: str
    logo: bytes | None = None
    signatories: tuple[Signatory, ...] = ()
    code: str = ""  # short institution code, drawn as a monogram when there is no logo


@dataclass(frozen=True)
class StudentFacts:
    """The student as a letter or report names them."""

    roll_no: str
    name: str
    father_name: str
    gender: str  # M | F | "" (unknown)
    cnic: str
    degree: str  # degree code
    degree_title: str
    intake: str  # "Fall 2023"

    @property
    def parentage(self) -> str:
        """'S/O Imran Khan' / 'D/O …' as Pakistani documents name a student; '' when unknown."""
        if not self.father_name:
            return ""
        relation = {"M": "S/O", "F": "D/O"}.get(self.gender.upper(), "child of")
        return f"{relation} {self.father_name}"


@dataclass(frozen=True)
class CourseCertificate:
    """One course certificate that a program's credit rests on (no program certificate)."""

    course: str  # course title
    code: str  # the Coursera verify code, "" when a person checked the course instead


@dataclass(frozen=True)
class LetterLine:
    """One counted certification on a credit-eligibility letter."""

    program: str  # program title
    provider: str
    completed_on: date | None
    certificate: str  # the program certificate's code; "" when credit rests on course codes
    slot: str  # requirement slot code, e.g. CERT-CORE
    slot_title: str
    credits: int
    courses: tuple[CourseCertificate, ...] = ()  # when there is no program certificate
    verified_how: str = ""  # "Coursera certificate record imported on 3 Feb 2026", …


@dataclass(frozen=True)
class LetterWording:
    """The fixed sentences of a letter, editable per institution (Settings). Placeholders in
    braces are filled from the letter's facts (see `letter_wording.PLACEHOLDERS`); **text**
    prints bold."""

    body: str
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class LetterData:
    """Everything a credit-eligibility letter prints, as registered."""

    reference: str  # DIST/CERT/2026/0001
    issued_on: date
    student: StudentFacts
    lines: tuple[LetterLine, ...]
    total_credits: int
    verification_code: str  # printed short form, e.g. 3F2A-9C1B-5D6E-7F80
    qr_payload: str  # the signed seal (SD1:…), also kept in the page as a hidden annotation
    policy_year: int | None = None
    duplicate: bool = False
    addressee: str = "The Controller of Examinations"
    key_fingerprint: str = ""  # the signing key, printed small in the footer when set
    department: str = ""  # "Department of Computer Science"; "" names no department
    signatories: tuple[Signatory, ...] = ()  # the degree's; () = the letterhead's
    wording: LetterWording | None = None  # None = the default wording
    supersedes: tuple[str, ...] = ()  # references of the letters this one replaces


@dataclass(frozen=True)
class PlanCourseRow:
    position: int
    course: str  # course title
    provider: str
    hours: float
    hours_estimated: bool
    weeks: int
    start: date
    end: date
    programs: tuple[str, ...]  # titles of the target programs this course counts toward


@dataclass(frozen=True)
class PlanTargetRow:
    program: str  # program title
    provider: str
    courses_done: int
    courses_total: int
    completion: date | None
    counts_for: str | None  # slot code
    credits: int


@dataclass(frozen=True)
class PlanPrintData:
    """One version of a student's plan, ready to print and sign."""

    student: StudentFacts
    semester: int
    version: int
    status: str  # draft | approved | superseded | completed
    printed_on: date
    start_date: date
    hours_per_week: float
    targets: tuple[PlanTargetRow, ...]
    courses: tuple[PlanCourseRow, ...]
    finish_date: date | None
    graduation_date: date
    warnings: tuple[str, ...]
    eligible_credits: int
    pending_credits: int
    projected_credits: int
    credit_cap: int
    approved_by: str | None = None
    advisor: str = ""  # the signed-in advisor who prints it (named when nobody approved yet)

    @property
    def advisor_name(self) -> str:
        """The advisor's signature line names who approved the plan, else who prints it."""
        return self.approved_by or self.advisor


@dataclass(frozen=True)
class ProgressProgramRow:
    program: str
    provider: str
    status: str  # completed | in_progress | not_started
    verified: bool
    courses_done: int
    courses_required: int
    completed_on: date | None
    counted_for: str | None
    credits: int
    credit_status: str | None  # eligible | pending | None
    reason: str


@dataclass(frozen=True)
class ProgressRequirementRow:
    slot: str
    title: str
    kind: str  # mandatory | elective
    credits: int
    status: str  # satisfied | pending | unsatisfied | waived
    satisfied_by: tuple[str, ...]  # program titles
    reason: str


@dataclass(frozen=True)
class ProgressReportData:
    """Where one student stands: requirements, programs, credits."""

    student: StudentFacts
    semester: int
    printed_on: date
    policy_year: int | None
    policy_note: str
    credit_cap: int
    eligible_credits: int
    pending_credits: int
    requirements: tuple[ProgressRequirementRow, ...]
    programs: tuple[ProgressProgramRow, ...]


@dataclass(frozen=True)
class CohortStudentRow:
    roll_no: str
    name: str
    completed: int  # programs completed
    in_progress: int
    not_started: int
    eligible_credits: int
    pending_credits: int
    letter: str  # reference of the student's valid letter, "" when none
    intake: str = ""  # "Fall 2025"
    credit_cap: int = 0  # the cap of the policy applied to this student


@dataclass(frozen=True)
class CohortProgramRow:
    """How the cohort does on one program the policy accepts."""

    program: str
    completed: int
    in_progress: int
    not_started: int


@dataclass(frozen=True)
class CohortSummaryData:
    """One degree and intake (or all intakes) at a glance."""

    degree: str
    degree_title: str
    intake: str  # "Fall 2023", or "all intakes"
    printed_on: date
    students: tuple[CohortStudentRow, ...]
    programs: tuple[CohortProgramRow, ...]

    @property
    def caps(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """Each credit cap with the intakes it applies to (intakes differ: Fall 2025's may be 6
        where Fall 2023's is 9), smallest cap first."""
        by_cap: dict[int, list[str]] = {}
        for st in self.students:
            intakes = by_cap.setdefault(st.credit_cap, [])
            if st.intake not in intakes:
                intakes.append(st.intake)
        return tuple((cap, tuple(by_cap[cap])) for cap in sorted(by_cap))

    @property
    def eligible_total(self) -> int:
        return sum(s.eligible_credits for s in self.students)

    @property
    def pending_total(self) -> int:
        return sum(s.pending_credits for s in self.students)
