"""accounts, the hash-chained change log, signatures over its head

Revision ID: 0007
Revises: 0006

A 0.1 database holding data gets its administrator here (`admin`, no password until the first
sign-in sets one); what 0.1 recorded as "local" is attributed to that account, and the log
starts with an "upgraded" event.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ADMIN = "admin"
APPEND_ONLY = ("change_log", "change_log_signatures")
# (table, column) pairs where 0.1 wrote "local" for whoever was at the keyboard.
LOCAL_COLUMNS = [
    (t, "created_by")
    for t in ("institution", "degrees", "credit_policies", "students", "advising_notes",
              "imports", "exceptions", "plans", "letters")
] + [("exceptions", "approved_by"), ("exceptions", "removed_by"), ("plans", "approved_by"),
     ("course_progress", "verified_by"), ("letter_events", "by")]
DATA_TABLES = ("institution", "degrees", "students", "letters", "plans", "imports")


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=80), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_sign_in", sa.DateTime(), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("retry_after", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("user_name", name=op.f("uq_accounts_user_name")),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("record", sa.String(length=300), nullable=False),
        sa.Column("roll_no", sa.String(length=60), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_change_log_hash")),
    )
    op.create_index(op.f("ix_change_log_actor"), "change_log", ["actor"])
    op.create_index(op.f("ix_change_log_action"), "change_log", ["action"])
    op.create_index(op.f("ix_change_log_roll_no"), "change_log", ["roll_no"])
    op.create_table(
        "change_log_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["change_log.id"],
                                name=op.f("fk_change_log_signatures_event_id_change_log")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log_signatures")),
    )
    op.create_index(
        op.f("ix_change_log_signatures_event_id"), "change_log_signatures", ["event_id"]
    )
    _append_only()
    if _holds_data():
        _adopt_local_records()


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION sanad_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION '% is append-only: events are never changed or deleted', "
            "TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION sanad_append_only()"
            )
        return
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN "
                f"SELECT RAISE(ABORT, '{table} is append-only: events are never changed or "
                "deleted'); END"
            )


def _holds_data() -> bool:
    bind = op.get_bind()
    return any(bind.execute(sa.text(f"SELECT 1 FROM {t} LIMIT 1")).first() for t in DATA_TABLES)


def _adopt_local_records() -> None:
    from advisor.model.change_log import GENESIS, SYSTEM, event_hash

    bind = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)
    bind.execute(
        sa.text(
            "INSERT INTO accounts (user_name, full_name, role, password_hash, enabled, "
            "failed_attempts, created_at) VALUES (:n, 'Administrator', 'administrator', NULL, "
            ":yes, 0, :now)"
        ).bindparams(sa.bindparam("now", type_=sa.DateTime), sa.bindparam("yes", type_=sa.Boolean)),
        {"n": ADMIN, "now": now, "yes": True},
    )
    adopted = 0
    with _triggers_lifted("letters", "letter_events"):  # the register refuses edits (0006)
        for table, column in LOCAL_COLUMNS:
            result = bind.execute(
                sa.text(f"UPDATE {table} SET {column} = :admin WHERE {column} = 'local'"),
                {"admin": ADMIN},
            )
            adopted += max(result.rowcount or 0, 0)
    summary = (
        f"upgraded from Sanad 0.1; administrator '{ADMIN}' created (sets a password at the first "
        f"sign-in); {adopted} records made by 'local' attributed to '{ADMIN}'"
    )
    fields = (1, now, SYSTEM, "upgraded", "database", None, summary, "", GENESIS)
    bind.execute(
        sa.text(
            "INSERT INTO change_log (id, at, actor, action, record, roll_no, summary, reason, "
            "prev_hash, hash) VALUES (1, :at, :actor, 'upgraded', 'database', NULL, :summary, "
            "'', :prev, :hash)"
        ).bindparams(sa.bindparam("at", type_=sa.DateTime)),
        {"at": now, "actor": SYSTEM, "summary": summary, "prev": GENESIS,
         "hash": event_hash(*fields)},
    )


class _triggers_lifted:
    """SQLite only: set a table's triggers aside for one statement batch, then put them back
    exactly as they were (their SQL is read from sqlite_master)."""

    def __init__(self, *tables: str) -> None:
        self.tables = tables
        self.saved: list[tuple[str, str]] = []

    def __enter__(self) -> None:
        bind = op.get_bind()
        if bind.dialect.name != "sqlite":
            return
        for table in self.tables:
            self.saved += list(bind.execute(sa.text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"
            ), {"t": table}).all())
        for name, _sql in self.saved:
            bind.execute(sa.text(f'DROP TRIGGER "{name}"'))

    def __exit__(self, *_exc: object) -> None:
        bind = op.get_bind()
        for _name, sql in self.saved:
            bind.execute(sa.text(sql))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP FUNCTION sanad_append_only()")
    op.drop_table("change_log_signatures")
    op.drop_table("change_log")
    op.drop_table("accounts")
