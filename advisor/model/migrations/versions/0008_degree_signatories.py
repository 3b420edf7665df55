"""signatories and department per degree (letters of a BBA student are signed by the BBA's
people; the institution's signatories remain the default)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("degrees") as batch:
        batch.add_column(sa.Column("department", sa.String(length=300), nullable=False, server_default=""))
    op.create_table(
        "degree_signatories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("degree_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["degree_id"], ["degrees.id"], name=op.f("fk_degree_signatories_degree_id_degrees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_degree_signatories")),
    )
    op.create_index(
        op.f("ix_degree_signatories_degree_id"), "degree_signatories", ["degree_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_degree_signatories_degree_id"), table_name="degree_signatories")
    op.drop_table("degree_signatories")
    with op.batch_alter_table("degrees") as batch:
        batch.drop_column("department")
