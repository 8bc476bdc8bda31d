"""Settings the office shares, kept in the database itself: for now where the automatic backups
go (db/backup/folder.py). One row a setting; who changed it last and when, the audit trail says
the rest.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE officesetting ("
               " name VARCHAR NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),"
               " value VARCHAR NOT NULL CHECK (length(value) <= 4096),"
               " changed_by INTEGER REFERENCES staffaccount (id),"
               " changed_at VARCHAR NOT NULL)")


def downgrade() -> None:
    op.execute("DROP TABLE officesetting")
