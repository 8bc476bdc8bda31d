"""Unknown user names lock like known ones.

Ten wrong passwords lock an account for 30 minutes. Until now a name that does not exist never
locked, so "locked until …" told that a name existed, and answering a locked name's wrong
passwords as an unknown name's let anyone go on guessing during the lock, learning the right
password from the answer "locked". From here on every name typed at log-in is counted alike:
`unknownname` holds the failures of names that are no account, under a keyed digest of the
name (never the name itself: a password typed into the name field must not be stored).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from db.server.dialect import hex_digits

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "unknownname",
        sa.Column("name_digest", sa.String, primary_key=True),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("last_failed_at", TS, nullable=False),
        sa.CheckConstraint(hex_digits("name_digest", 64),
                           name="hex_digest"),
        sa.CheckConstraint("failed_attempts >= 0", name="attempts_counted"),
    )
    op.create_index("unknownname_last_failed", "unknownname", ["last_failed_at"])


def downgrade() -> None:
    op.drop_index("unknownname_last_failed", "unknownname")
    op.drop_table("unknownname")
