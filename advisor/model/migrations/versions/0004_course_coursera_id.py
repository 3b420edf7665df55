"""courses.coursera_id: Coursera's internal course id, learned from exports and carried by bundles

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("courses") as batch:
        batch.add_column(sa.Column("coursera_id", sa.String(length=40), nullable=True))
        batch.create_index(batch.f("ix_courses_coursera_id"), ["coursera_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("courses") as batch:
        batch.drop_index(batch.f("ix_courses_coursera_id"))
        batch.drop_column("coursera_id")
