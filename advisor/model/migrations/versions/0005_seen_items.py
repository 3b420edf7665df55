"""seen_items, seen_progress: programs and courses the imports name but the catalog lacks

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seen_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("slug", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("provider", sa.String(length=120), nullable=False),
        sa.Column("course_count", sa.Integer(), nullable=True),
        sa.Column("coursera_id", sa.String(length=40), nullable=False),
        sa.Column("courses", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seen_items")),
        sa.UniqueConstraint("kind", "key", name=op.f("uq_seen_items_kind")),
    )
    op.create_table(
        "seen_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("grade", sa.Float(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("certificate", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["seen_items.id"],
            name=op.f("fk_seen_progress_item_id_seen_items"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"],
            name=op.f("fk_seen_progress_student_id_students"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seen_progress")),
        sa.UniqueConstraint("item_id", "student_id", name=op.f("uq_seen_progress_item_id")),
    )
    op.create_index(
        op.f("ix_seen_progress_student_id"), "seen_progress", ["student_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_seen_progress_student_id"), table_name="seen_progress")
    op.drop_table("seen_progress")
    op.drop_table("seen_items")
