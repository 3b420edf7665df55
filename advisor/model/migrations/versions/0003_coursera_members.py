"""coursera_members: who joined the university's Coursera program (from ProgramActivity)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coursera_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("member_state", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("external_id", sa.String(length=120), nullable=False),
        sa.Column("program_name", sa.String(length=300), nullable=False),
        sa.Column("program_slug", sa.String(length=160), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("invited_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"],
            name=op.f("fk_coursera_members_student_id_students"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coursera_members")),
        sa.UniqueConstraint("student_id", name=op.f("uq_coursera_members_student_id")),
    )
    op.create_index(
        op.f("ix_coursera_members_email"), "coursera_members", ["email"], unique=False
    )
    op.create_index(
        op.f("ix_coursera_members_external_id"), "coursera_members", ["external_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_coursera_members_external_id"), table_name="coursera_members")
    op.drop_index(op.f("ix_coursera_members_email"), table_name="coursera_members")
    op.drop_table("coursera_members")
