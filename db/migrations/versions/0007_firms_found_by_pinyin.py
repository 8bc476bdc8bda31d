"""Firms are found by pinyin: the search index gains the initials and the whole reading of
each name (db.search.pinyin), and each firm its `spelled` ("shdf shanghaidongfang"), which a
search within a zone compares with instr() as it does the name; both filled for the firms of
files made before.

An FTS5 table takes no new column, so the index is made anew and filled from `enterprise`,
the source it mirrors (a few seconds at 150,000 firms).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

from db.server.dialect import on_server, on_sqlite

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"
_BATCH = 5_000


def _rebuild(columns: tuple[str, ...]) -> None:
    from db.search import document, spelled  # what the services write

    if on_server():  # the server's search is made by 0013, on the new column too
        return
    op.execute("DROP TABLE enterprise_search")
    on_sqlite(f"CREATE VIRTUAL TABLE enterprise_search USING fts5({', '.join(columns)}, {_TOKENIZE})")
    connection = op.get_bind()
    insert = text(f"INSERT INTO enterprise_search (rowid, {', '.join(columns)})"
                  f" VALUES (:id, {', '.join(':' + c for c in columns)})")
    firms = connection.execute(text(
        "SELECT id, name, name_en, uscc, contact_name, contact_phone FROM enterprise ORDER BY id")).all()
    for start in range(0, len(firms), _BATCH):
        rows = []
        for firm in firms[start:start + _BATCH]:
            row = document(*firm[1:])
            rows.append({"id": firm[0], **{c: row[c] for c in columns}})
        connection.execute(insert, rows)
        if "pinyin" in columns:
            connection.execute(text("UPDATE enterprise SET spelled = :spelled WHERE id = :id"),
                               [{"id": firm[0], "spelled": spelled(firm[1])} for firm in firms[start:start + _BATCH]])


def upgrade() -> None:
    op.add_column("enterprise", sa.Column("spelled", sa.String, nullable=False, server_default=""))
    _rebuild(("name", "code", "contact", "initials", "pinyin"))


def downgrade() -> None:
    _rebuild(("name", "code", "contact"))
    op.drop_column("enterprise", "spelled")
