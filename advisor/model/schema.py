"""The whole store as SQLAlchemy 2 typed models. Changes go through Alembic migrations only."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Audited:
    """Who made a row and when: `created_by` is filled from the signed-in account of the
    transaction (attribution.py); "sanad" marks what Sanad wrote itself."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(80), default="sanad")


# --- settings -------------------------------------------------------------------------------


class Setting(Base):
    """Key/value store for machine-made secrets and preferences (the letter HMAC key, …)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- catalog --------------------------------------------------------------------------------


class CatalogInfo(Base):
    """One row: which catalog bundle is loaded."""

    __tablename__ = "catalog_info"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(Text, default="")
    bundle_date: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Provider(Base):
    __tablename__ = "providers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)


class Course(Base):
    __tablename__ = "courses"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    slug_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    # Coursera's internal id (lgy789C8Ee6SjxKHxThXWw): kept when a slug changes; case matters
    coursera_id: Mapped[str | None] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    hours: Mapped[float] = mapped_column(Float)
    hours_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    estimate_reason: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str | None] = mapped_column(String(40))
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")

    provider: Mapped[Provider] = relationship()


class Program(Base):
    __tablename__ = "programs"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[str] = mapped_column(String(40))  # Professional Certificate | Specialization
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    level: Mapped[str | None] = mapped_column(String(40))
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    duration_months: Mapped[float | None] = mapped_column(Float)
    duration_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    ace_credits: Mapped[int | None] = mapped_column(Integer)
    ace_note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[str] = mapped_column(String(80), default="")

    provider: Mapped[Provider] = relationship()
    memberships: Mapped[list[ProgramCourse]] = relationship(
        back_populates="program", order_by="ProgramCourse.position", cascade="all, delete-orphan"
    )
    elective_groups: Mapped[list[ElectiveGroup]] = relationship(
        back_populates="program", order_by="ElectiveGroup.position", cascade="all, delete-orphan"
    )


class ElectiveGroup(Base):
    """'Choose k of' a set of a program's courses; courses outside any group are required."""

    __tablename__ = "elective_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    choose: Mapped[int] = mapped_column(Integer)

    program: Mapped[Program] = relationship(back_populates="elective_groups")


class ProgramCourse(Base):
    __tablename__ = "program_courses"
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)
    elective_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("elective_groups.id", ondelete="SET NULL")
    )

    program: Mapped[Program] = relationship(back_populates="memberships")
    course: Mapped[Course] = relationship()


# --- institution, degrees, policy ------------------------------------------------------------


class Institution(Audited, Base):
    __tablename__ = "institution"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    letter_prefix: Mapped[str] = mapped_column(String(60))

    signatories: Mapped[list[Signatory]] = relationship(
        order_by="Signatory.position", cascade="all, delete-orphan"
    )


class Signatory(Base):
    __tablename__ = "signatories"
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))


class Degree(Audited, Base):
    __tablename__ = "degrees"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    total_credits: Mapped[int] = mapped_column(Integer)
    # The department its letters name ("Department of Business Administration"); "" = none.
    department: Mapped[str] = mapped_column(String(300), default="")

    policies: Mapped[list[CreditPolicy]] = relationship(
        order_by="CreditPolicy.catalog_year", cascade="all, delete-orphan", back_populates="degree"
    )
    # Who signs the degree's letters; none = the institution's signatories.
    signatories: Mapped[list[DegreeSignatory]] = relationship(
        order_by="DegreeSignatory.position", cascade="all, delete-orphan"
    )


class DegreeSignatory(Base):
    __tablename__ = "degree_signatories"
    id: Mapped[int] = mapped_column(primary_key=True)
    degree_id: Mapped[int] = mapped_column(ForeignKey("degrees.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))


class CreditPolicy(Audited, Base):
    __tablename__ = "credit_policies"
    __table_args__ = (UniqueConstraint("degree_id", "catalog_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    degree_id: Mapped[int] = mapped_column(ForeignKey("degrees.id", ondelete="CASCADE"), index=True)
    catalog_year: Mapped[int] = mapped_column(Integer)
    credit_cap: Mapped[int] = mapped_column(Integer)
    min_grade: Mapped[float | None] = mapped_column(Float)

    degree: Mapped[Degree] = relationship(back_populates="policies")
    slots: Mapped[list[RequirementSlot]] = relationship(
        order_by="RequirementSlot.position", cascade="all, delete-orphan"
    )
    exclusive_groups: Mapped[list[ExclusiveGroup]] = relationship(
        order_by="ExclusiveGroup.position", cascade="all, delete-orphan"
    )


class RequirementSlot(Base):
    __tablename__ = "requirement_slots"
    __table_args__ = (UniqueConstraint("policy_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("credit_policies.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(60))  # the slot id shown to people: CERT-CORE
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # mandatory | elective
    credits: Mapped[int] = mapped_column(Integer)
    choose: Mapped[int] = mapped_column(Integer, default=1)
    due_semester: Mapped[int | None] = mapped_column(Integer)

    options: Mapped[list[SlotProgram]] = relationship(
        order_by="SlotProgram.position", cascade="all, delete-orphan"
    )


class SlotProgram(Base):
    __tablename__ = "slot_programs"
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("requirement_slots.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)

    program: Mapped[Program] = relationship()


class ExclusiveGroup(Base):
    """At most one program of the group earns credit."""

    __tablename__ = "exclusive_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("credit_policies.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    members: Mapped[list[ExclusiveGroupProgram]] = relationship(cascade="all, delete-orphan")


class ExclusiveGroupProgram(Base):
    __tablename__ = "exclusive_group_programs"
    group_id: Mapped[int] = mapped_column(
        ForeignKey("exclusive_groups.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), primary_key=True)

    program: Mapped[Program] = relationship()


# --- students and progress -------------------------------------------------------------------


class Student(Audited, Base):
    __tablename__ = "students"
    id: Mapped[int] = mapped_column(primary_key=True)
    roll_no: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    father_name: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[str] = mapped_column(String(1), default="")  # M | F | "" (unknown)
    cnic: Mapped[str] = mapped_column(String(15), default="")
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    degree_id: Mapped[int] = mapped_column(ForeignKey("degrees.id"), index=True)
    intake_term: Mapped[str] = mapped_column(String(10))  # Spring | Summer | Fall
    intake_year: Mapped[int] = mapped_column(Integer, index=True)
    semester: Mapped[int] = mapped_column(Integer, default=1)
    advisor_notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    degree: Mapped[Degree] = relationship()


class AdvisingNote(Audited, Base):
    __tablename__ = "advising_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    written_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class CourseProgress(Base):
    __tablename__ = "course_progress"
    __table_args__ = (UniqueConstraint("student_id", "course_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # enrolled | in_progress | completed
    progress: Mapped[float] = mapped_column(Float, default=0.0)  # 0–100
    grade: Mapped[float | None] = mapped_column(Float)  # 0–100
    completed_on: Mapped[date | None] = mapped_column(Date)
    certificate: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(300), default="")  # import file name or "manual"
    verified_by: Mapped[str | None] = mapped_column(String(80))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ProgramCertificate(Base):
    __tablename__ = "program_certificates"
    __table_args__ = (UniqueConstraint("student_id", "program_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    certificate: Mapped[str] = mapped_column(String(300), default="")
    completed_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CertificateCheck(Audited, Base):
    """A person's check of a certificate (a course's or a program's): the code they saw, on
    which date, with a note. The check's effect lives where the audit reads certificates (the
    course's or program's certificate and `verified_by`); this row is the record of who checked
    what, kept when the item is checked again."""

    __tablename__ = "certificate_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"))
    code: Mapped[str] = mapped_column(String(300))  # the certificate code (a URL reduced)
    reference: Mapped[str] = mapped_column(String(300), default="")  # as typed or pasted
    checked_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class CourseraMember(Base):
    """A roster student's membership of the university's Coursera program, from ProgramActivity:
    joined, invited or removed (a student with no row never appeared: missing). The email and
    External ID Coursera knows them by are learned here and used to match later exports."""

    __tablename__ = "coursera_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), unique=True
    )
    state: Mapped[str] = mapped_column(String(20))  # joined | invited | removed
    member_state: Mapped[str] = mapped_column(String(80), default="")  # as Coursera wrote it
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    external_id: Mapped[str] = mapped_column(String(120), default="", index=True)
    program_name: Mapped[str] = mapped_column(String(300), default="")
    program_slug: Mapped[str] = mapped_column(String(160), default="")
    joined_on: Mapped[date | None] = mapped_column(Date)
    invited_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SeenItem(Base):
    """A program or course that imported files name but the catalog does not: what the files say
    of it, until an administrator adopts it into the catalog (then the row goes)."""

    __tablename__ = "seen_items"
    __table_args__ = (UniqueConstraint("kind", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # program | course
    key: Mapped[str] = mapped_column(String(300))  # slug (pathway suffix cut), Course ID or title
    slug: Mapped[str] = mapped_column(String(300), default="")  # as the file wrote it
    title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(120), default="")
    course_count: Mapped[int | None] = mapped_column(Integer)
    coursera_id: Mapped[str] = mapped_column(String(40), default="")
    courses: Mapped[str] = mapped_column(Text, default="[]")  # JSON: keys of seen courses, in order
    source: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SeenProgress(Base):
    """A student's progress on a seen item, kept so it counts the moment the item is adopted."""

    __tablename__ = "seen_progress"
    __table_args__ = (UniqueConstraint("item_id", "student_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("seen_items.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))  # enrolled | in_progress | completed
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    grade: Mapped[float | None] = mapped_column(Float)
    completed_on: Mapped[date | None] = mapped_column(Date)
    certificate: Mapped[str] = mapped_column(String(300), default="")


class ImportRecord(Audited, Base):
    """Each file imported: kind, name, checksum and counts."""

    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")


class StudentException(Audited, Base):
    """An advisor's exception; kept when the student changes degree (slots are named by code)."""

    __tablename__ = "exceptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # substitute | waive | course_complete
    slot_code: Mapped[str | None] = mapped_column(String(60))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    evidence: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(80))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_by: Mapped[str | None] = mapped_column(String(80))


# --- plans ------------------------------------------------------------------------------------


class Plan(Audited, Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("student_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # draft | approved | superseded | completed
    start_date: Mapped[date] = mapped_column(Date)
    hours_per_week: Mapped[float] = mapped_column(Float)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(80))

    targets: Mapped[list[PlanTarget]] = relationship(
        order_by="PlanTarget.position", cascade="all, delete-orphan"
    )
    items: Mapped[list[PlanItem]] = relationship(
        order_by="PlanItem.position", cascade="all, delete-orphan"
    )


class PlanTarget(Base):
    __tablename__ = "plan_targets"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)

    program: Mapped[Program] = relationship()


class PlanItem(Base):
    __tablename__ = "plan_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    planned_start: Mapped[date] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)

    course: Mapped[Course] = relationship()


# --- letters and their register --------------------------------------------------------------


class LetterSeries(Base):
    """The last serial used per reference prefix and year: numbering without gaps."""

    __tablename__ = "letter_series"
    prefix: Mapped[str] = mapped_column(String(60), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class Letter(Audited, Base):
    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("prefix", "year", "serial"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    prefix: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    credits: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON of what the letter certifies
    verification_code: Mapped[str] = mapped_column(String(64), unique=True)
    # No status column: the register is append-only (triggers refuse UPDATE and DELETE), so a
    # letter's standing — revoked, duplicates printed — is read from its events.

    lines: Mapped[list[LetterLine]] = relationship(
        order_by="LetterLine.position", cascade="all, delete-orphan"
    )
    seal: Mapped[LetterSeal | None] = relationship(uselist=False)


class LetterLine(Base):
    __tablename__ = "letter_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    program_slug: Mapped[str] = mapped_column(String(160))
    program_title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(120))
    completed_on: Mapped[date | None] = mapped_column(Date)
    certificate: Mapped[str] = mapped_column(String(300), default="")
    slot_code: Mapped[str] = mapped_column(String(60))
    slot_title: Mapped[str] = mapped_column(String(300), default="")
    credits: Mapped[int] = mapped_column(Integer)


class LetterEvent(Base):
    """Append-only register: issued, duplicate printed, revoked — who, when, why."""

    __tablename__ = "letter_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # issued | duplicate | revoked
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(80), default="sanad")
    note: Mapped[str] = mapped_column(Text, default="")


class LetterSeal(Base):
    """The letter's content signed by the institution key, as its QR code carries it. A letter
    numbered before the key existed gets one when the key is made (an endorsement)."""

    __tablename__ = "letter_seals"
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    sealed: Mapped[str] = mapped_column(Text)
    sealed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# --- the institution's signing keys and the keys it trusts -----------------------------------


class SigningKey(Audited, Base):
    """One of this institution's key pairs. The private key is only ever stored encrypted under
    the Controller's passphrase (PKCS#8, scrypt), or not at all when it lives in a key file."""

    __tablename__ = "signing_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    institution_code: Mapped[str] = mapped_column(String(40))
    institution_name: Mapped[str] = mapped_column(String(300))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # SubjectPublicKeyInfo, DER
    certificate: Mapped[bytes] = mapped_column(LargeBinary)  # self-issued X.509, DER
    encrypted_private_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class TrustedKey(Audited, Base):
    """Another institution's public key, imported from its key file or an HEC bundle."""

    __tablename__ = "trusted_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    institution_code: Mapped[str] = mapped_column(String(40), index=True)
    institution_name: Mapped[str] = mapped_column(String(300))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)


class ImportedRevocation(Base):
    """A letter another institution (or this one, on another PC) revoked, from a signed list."""

    __tablename__ = "imported_revocations"
    __table_args__ = (UniqueConstraint("institution_code", "reference"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_code: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(100))
    revoked_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    signed_by: Mapped[str] = mapped_column(String(16))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# --- people and the record ------------------------------------------------------------------


class Account(Base):
    """A person who signs in. The password is kept only as a scrypt hash (see passwords.py);
    an account made by the upgrade of a 0.1 database has none until its first sign-in."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(
        String(20)
    )  # viewer | advisor | office | controller | administrator
    password_hash: Mapped[str | None] = mapped_column(String(300))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    retry_after: Mapped[datetime | None] = mapped_column(DateTime)  # the delay or the lock
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ChangeEvent(Base):
    """One write, appended: who, what, which record, before -> after, why. Each event's hash
    covers its fields and the previous event's hash; triggers refuse UPDATE and DELETE."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    record: Mapped[str] = mapped_column(String(300), default="")
    roll_no: Mapped[str | None] = mapped_column(String(60), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class HeadSignature(Base):
    """The institution key's signature over the chain head at the moment it signed a letter:
    history before it cannot be rewritten, even with every later hash recomputed."""

    __tablename__ = "change_log_signatures"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("change_log.id"), index=True)
    head_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # PEM, SubjectPublicKeyInfo
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")  # e.g. the letter's reference
