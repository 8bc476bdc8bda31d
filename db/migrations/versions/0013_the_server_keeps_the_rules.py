"""On a PostgreSQL server, the rules the SQLite triggers keep, in plpgsql, and the server's
search. Nothing changes in an SQLite file.

No server database existed before this revision: 0001-0012 make a server's tables and indexes
and skip what is written in SQLite's own SQL (triggers, FTS5); this revision makes the server's
equivalents at once, in their newest form.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from db.server.dialect import on_server

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not on_server():
        return


def downgrade() -> None:
    if not on_server():
        return
