"""signed letters: institution keys, trusted keys, seals, imported revocations; an append-only
register (triggers refuse UPDATE and DELETE; a letter's standing comes from its events)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# table -> what its triggers refuse
APPEND_ONLY = ("letters", "letter_lines", "letter_events", "letter_seals")


def _audited() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "letter_seals",
        sa.Column("letter_id", sa.Integer(), sa.ForeignKey("letters.id", name="fk_letter_seals_letter_id_letters"), primary_key=True),
        sa.Column("key_id", sa.String(16), nullable=False, index=True),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "signing_keys",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("institution_code", sa.String(40), nullable=False),
        sa.Column("institution_name", sa.String(300), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=False),
        sa.Column("encrypted_private_key", sa.LargeBinary(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        *_audited(),
    )
    op.create_table(
        "trusted_keys",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("institution_code", sa.String(40), nullable=False, index=True),
        sa.Column("institution_name", sa.String(300), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        *_audited(),
    )
    op.create_table(
        "imported_revocations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("institution_code", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(16), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("institution_code", "reference", name="uq_imported_revocations_institution_code"),
    )
    # A letter's standing now comes from its events; the duplicate count was kept in step with
    # 'duplicate' events, and every revocation has its 'revoked' event.
    op.drop_column("letters", "status")
    op.drop_column("letters", "duplicate_count")
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            _refuse(dialect, table, action, f"the letter register is append-only: {table} cannot be changed")
    _refuse(dialect, "letter_series", "DELETE", "a letter series cannot be deleted")
    _refuse(dialect, "letter_series", "UPDATE", "a letter series never goes back",
            when="NEW.last_serial < OLD.last_serial")
    _refuse(dialect, "signing_keys", "DELETE", "an institution key is kept for verification")
    _refuse(dialect, "signing_keys", "UPDATE", "an institution key cannot be changed, only retired",
            when="NEW.public_key <> OLD.public_key OR NEW.key_id <> OLD.key_id")


def _refuse(dialect: str, table: str, action: str, message: str, when: str | None = None) -> None:
    name = f"{table}_refuse_{action.lower()}"
    if dialect == "sqlite":
        condition = f" WHEN {when}" if when else ""
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {action} ON {table} FOR EACH ROW{condition} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        condition = f" WHEN ({when})" if when else ""
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {action} ON {table} FOR EACH ROW{condition} "
            f"EXECUTE FUNCTION {name}()"
        )


def downgrade() -> None:
    raise NotImplementedError("Sanad databases are never downgraded; restore a backup instead.")
