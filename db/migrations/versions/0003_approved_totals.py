"""Approved totals: the approved subsidy money per zone, month and category, kept by triggers.

Approved entries are frozen (0002), so a sum kept when an entry becomes approved (or is
inserted approved, as bulk loads do) stays exact: the overview and the budget checks read at
most 55 zones × 12 months × 4 categories rows instead of millions of entries. Reversals are
approved entries with negative amounts and so net out here too.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from db.server.dialect import on_sqlite

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ADD = ("INSERT INTO approvedtotal (zone_id, period, category, amount_fen, entries)"
        " VALUES (NEW.zone_id, NEW.period, NEW.category, NEW.subsidy_fen, 1)"
        " ON CONFLICT (zone_id, period, category) DO UPDATE SET"
        " amount_fen = amount_fen + excluded.amount_fen, entries = entries + 1;")


def upgrade() -> None:
    op.create_table(
        "approvedtotal",
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("category", sa.String, primary_key=True),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False),
    )
    on_sqlite("CREATE TRIGGER approvedtotal_on_insert AFTER INSERT ON subsidyentry"
               f" WHEN NEW.status = 'approved' BEGIN {_ADD} END")
    on_sqlite("CREATE TRIGGER approvedtotal_on_approve AFTER UPDATE OF status ON subsidyentry"
               f" WHEN NEW.status = 'approved' AND OLD.status <> 'approved' BEGIN {_ADD} END")
    # nobody writes the totals but the triggers above
    op.execute("INSERT INTO approvedtotal (zone_id, period, category, amount_fen, entries)"
               " SELECT zone_id, period, category, sum(subsidy_fen), count(*) FROM subsidyentry"
               " WHERE status = 'approved' GROUP BY zone_id, period, category")


def downgrade() -> None:
    op.execute("DROP TRIGGER approvedtotal_on_approve")
    op.execute("DROP TRIGGER approvedtotal_on_insert")
    op.drop_table("approvedtotal")
