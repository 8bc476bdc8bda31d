"""Firms are found and counted by stretches of their text: `enterprise_grams`, every stretch of
up to db.search.GRAM (8) characters of a firm's searched text (name, USCC, contact, pinyin
initials and reading; letters and digits run together as in the index's phrases), once per firm,
without positions (detail=none), with prefix indexes of 1..7 characters. Counting a city-wide
search for a USCC or pinyin fragment read the position lists of each typed character (each in
nearly every firm): 40-110 ms at 150,000 firms; a word of up to 8 characters is now one list of
firms (db/search.py explains the query). Contentless: a firm's row is forgotten by giving its
old text, which enterprise_search keeps.

Filled from enterprise_search, the index it extends.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from alembic import op

from db.server.dialect import on_server

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# as db.search.GRAMS_TABLE at this revision (a migration does not follow later code)
_TABLE = ("CREATE VIRTUAL TABLE enterprise_grams USING fts5(grams, content='', detail=none,"
          " prefix='1 2 3 4 5 6 7', tokenize='unicode61 remove_diacritics 0')")


def upgrade() -> None:
    from db.search import fill_grams  # the rows the services write

    if on_server():  # the server's search is made by 0013
        return
    op.execute(_TABLE)
    fill_grams(op.get_bind().connection.dbapi_connection)


def downgrade() -> None:
    op.execute("DROP TABLE enterprise_grams")
