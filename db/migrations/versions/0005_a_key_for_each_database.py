"""A signing key for each database: the file gets an identity of its own, and its key is bound to
it.

Until now one key in the data folder signed for every database opened on the computer, so a
second database (`zonedesk --db new.sqlite`) signed certificates that the office's database
accepted. From here on:

- `databaseidentity` holds this file's random id (one row, never changed or deleted). The
  signing key file is named after it (db/certificates/signing.py), so each database has its
  own key.
- An own key records the database it was made for, and is retired (never deleted) when an
  administrator replaces it: its public key stays to verify what it signed. At most one own key
  is current.
- The key of the data folder that older versions shared among all databases is retired here:
  what it signed on this file still verifies, and the next certificate is signed with a key
  made for this database.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import secrets

import sqlalchemy as sa
from alembic import op

from db.clock import utc_now
from db.server.dialect import hex_digits, on_server, on_sqlite

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
# kept with the key as data (what the staff read in the list of keys)
SHARED_KEY_RETIRED = "升级时停用：此密钥曾由本机所有数据库共用"


def upgrade() -> None:
    op.create_table(
        "databaseidentity",
        sa.Column("one", sa.Integer, primary_key=True),
        sa.Column("database_id", sa.String, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("one = 1", name="one_row"),
        sa.CheckConstraint(hex_digits("database_id", 32), name="hex_id"),
    )
    now = sa.bindparam("now", utc_now(), type_=TS)
    op.get_bind().execute(
        sa.text("INSERT INTO databaseidentity (one, database_id, created_at) VALUES (1, :id, :now)")
        .bindparams(now, id=secrets.token_hex(16)))
    on_sqlite("CREATE TRIGGER databaseidentity_fixed BEFORE UPDATE ON databaseidentity BEGIN"
               " SELECT RAISE(ABORT, 'the identity of a database never changes'); END")
    on_sqlite("CREATE TRIGGER databaseidentity_kept BEFORE DELETE ON databaseidentity BEGIN"
               " SELECT RAISE(ABORT, 'the identity of a database never changes'); END")

    op.execute("ALTER TABLE signingkey ADD COLUMN database_id VARCHAR")
    op.execute("ALTER TABLE signingkey ADD COLUMN retired_at "
               + ("TIMESTAMP WITH TIME ZONE" if on_server() else "DATETIME"))
    op.execute("ALTER TABLE signingkey ADD COLUMN retired_by INTEGER REFERENCES staffaccount (id)")
    op.execute("ALTER TABLE signingkey ADD COLUMN retired_reason VARCHAR NOT NULL DEFAULT ''")
    op.get_bind().execute(
        sa.text("UPDATE signingkey SET retired_at = :now, retired_reason = :reason WHERE own")
        .bindparams(now, reason=SHARED_KEY_RETIRED))
    op.execute("CREATE UNIQUE INDEX signingkey_one_current ON signingkey (own)"
               " WHERE own AND retired_at IS NULL")
    on_sqlite("CREATE TRIGGER signingkey_retired_once BEFORE UPDATE ON signingkey"
        " WHEN NEW.own IS NOT OLD.own OR NEW.database_id IS NOT OLD.database_id"
        " OR (NEW.retired_at IS NOT NULL AND NOT NEW.own)"
        " OR (OLD.retired_at IS NOT NULL AND (NEW.retired_at IS NOT OLD.retired_at"
        " OR NEW.retired_by IS NOT OLD.retired_by OR NEW.retired_reason IS NOT OLD.retired_reason))"
        " BEGIN SELECT RAISE(ABORT, 'a key of this database is retired once, never revived'); END")
    on_sqlite("CREATE TRIGGER signingkey_own_kept BEFORE DELETE ON signingkey WHEN OLD.own BEGIN"
               " SELECT RAISE(ABORT, 'the keys of this database are retired, never deleted'); END")


def downgrade() -> None:
    for trigger in ("signingkey_own_kept", "signingkey_retired_once", "databaseidentity_kept",
                    "databaseidentity_fixed"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP INDEX signingkey_one_current")
    # not a batch (a copy of the table): certificates refer to the keys
    for column in ("retired_reason", "retired_by", "retired_at", "database_id"):
        op.execute(f"ALTER TABLE signingkey DROP COLUMN {column}")
    op.drop_table("databaseidentity")
