"""catalog search index (SQLite FTS5; other databases search with LIKE)

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE catalog_search USING fts5("
        "kind UNINDEXED, slug UNINDEXED, title, provider, tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO catalog_search (kind, slug, title, provider) "
        "SELECT 'course', c.slug, c.title, p.name FROM courses c JOIN providers p ON p.id = c.provider_id "
        "UNION ALL "
        "SELECT 'program', g.slug, g.title, p.name FROM programs g JOIN providers p ON p.id = g.provider_id"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE catalog_search")
