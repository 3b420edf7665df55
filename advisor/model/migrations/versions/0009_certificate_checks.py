"""certificate_checks: a person's check of a course or program certificate (code, date, note)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=300), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_certificate_checks_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name=op.f("fk_certificate_checks_course_id_courses")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_certificate_checks_program_id_programs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_checks")),
    )
    op.create_index(
        op.f("ix_certificate_checks_student_id"), "certificate_checks", ["student_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_certificate_checks_student_id"), table_name="certificate_checks")
    op.drop_table("certificate_checks")
