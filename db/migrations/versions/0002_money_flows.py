"""The money flows: policy rates, budgets, programme settings, award rates, closed periods,
subsidy entries and awards, frozen once approved.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from db.server.dialect import on_server, on_sqlite

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

S = sa.String
TS = sa.DateTime(timezone=True)
LIVE = "status IN ('draft', 'submitted', 'approved')"

ENTRY_COLUMNS = ("id", "enterprise_id", "zone_id", "category", "period", "quantity_x100",
                 "billed_fen", "subsidy_fen", "rate_bp", "bill_reference", "status", "reverses_id",
                 "reason", "entered_by", "entered_at", "decided_by", "decided_at", "decision_note",
                 "version")
AWARD_COLUMNS = ("id", "enterprise_id", "zone_id", "kind", "level", "recognised_on", "document_no",
                 "bank", "loan_fen", "term_months", "amount_fen", "status", "reverses_id", "reason",
                 "entered_by", "entered_at", "decided_by", "decided_at", "decision_note", "version")


def _link_only(table: str, columns: tuple[str, ...]) -> str:
    """True when an UPDATE only links an approved row to the approved reversal that cancels it
    (NULL -> the id of a row of the table that reverses this one), changing nothing else."""
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)
    return (f"(OLD.status = 'approved' AND OLD.reversed_by_id IS NULL"
            f" AND NEW.reversed_by_id IS NOT NULL AND {same} AND EXISTS (SELECT 1 FROM {table} r"
            f" WHERE r.id = NEW.reversed_by_id AND r.reverses_id = OLD.id AND r.status = 'approved'))")


def _period_check() -> str:
    """A month written 2026-11, in each engine's own words."""
    if on_server():
        return "period ~ '^[12][0-9][0-9][0-9]-[01][0-9]$'"
    return "period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'"


def _freeze(table: str, columns: tuple[str, ...], what: str) -> None:
    on_sqlite(f"CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}"
        f" WHEN OLD.status IN ('approved', 'rejected') AND NOT {_link_only(table, columns)} BEGIN"
        f" SELECT RAISE(ABORT, '{what} that were decided cannot be changed: reverse them'); END")
    on_sqlite(f"CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table}"
        f" WHEN OLD.status <> 'draft' BEGIN"
        f" SELECT RAISE(ABORT, 'only draft {what} can be deleted'); END")


def upgrade() -> None:
    op.create_table(
        "policyrate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("category", S, nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("rate_bp", sa.Integer, nullable=False),
        sa.Column("yearly_cap_fen", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("category", "valid_from", name="one_rate_a_day"),
        sa.CheckConstraint("category IN ('land', 'electricity', 'water', 'internet')", name="category"),
        sa.CheckConstraint("rate_bp BETWEEN 0 AND 10000", name="rate_share"),
        sa.CheckConstraint("yearly_cap_fen >= 0", name="cap_not_negative"),
    )
    op.create_table(
        "budget",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("category", S, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("zone_id", "year", "category", name="one_budget"),
        sa.CheckConstraint("category IN ('land', 'electricity', 'water', 'internet', 'little_giant')",
                           name="category"),
        sa.CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
    )
    op.create_table(
        "programmesetting",
        sa.Column("key", S, primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "awardrate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("level", S, nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("level", "valid_from", name="one_award_rate_a_day"),
        sa.CheckConstraint("level IN ('municipal', 'national')", name="level"),
        sa.CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
    )
    op.create_table(
        "closedperiod",
        sa.Column("period", S(7), primary_key=True),
        sa.Column("closed_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=False),
        sa.Column("closed_at", TS, nullable=False),
    )
    op.create_table(
        "subsidyentry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprise.id"), nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=False),
        sa.Column("category", S, nullable=False),
        sa.Column("period", S(7), nullable=False),
        sa.Column("quantity_x100", sa.Integer, nullable=False),
        sa.Column("billed_fen", sa.Integer, nullable=False),
        sa.Column("subsidy_fen", sa.Integer, nullable=False),
        sa.Column("rate_bp", sa.Integer, nullable=False),
        sa.Column("bill_reference", S, nullable=False),
        sa.Column("status", S, nullable=False),
        sa.Column("reverses_id", sa.Integer, sa.ForeignKey("subsidyentry.id"), nullable=True),
        sa.Column("reversed_by_id", sa.Integer, sa.ForeignKey("subsidyentry.id"), nullable=True),
        sa.Column("reason", S, nullable=False),
        sa.Column("entered_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=False),
        sa.Column("entered_at", TS, nullable=False),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=True),
        sa.Column("decided_at", TS, nullable=True),
        sa.Column("decision_note", S, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("category IN ('land', 'electricity', 'water', 'internet')", name="category"),
        sa.CheckConstraint("status IN ('draft', 'submitted', 'approved', 'rejected')", name="status"),
        sa.CheckConstraint(_period_check(), name="period"),
        sa.CheckConstraint("(reverses_id IS NULL AND billed_fen >= 0 AND subsidy_fen >= 0"
                           " AND quantity_x100 >= 0) OR (reverses_id IS NOT NULL AND billed_fen <= 0"
                           " AND subsidy_fen <= 0 AND quantity_x100 <= 0)", name="sign"),
        sa.CheckConstraint("subsidy_fen * (CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END)"
                           " <= billed_fen * (CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END)",
                           name="subsidy_within_bill"),
    )
    op.create_index("ix_subsidyentry_zone_period", "subsidyentry", ["zone_id", "period"])
    op.create_index("ix_subsidyentry_status_zone", "subsidyentry", ["status", "zone_id"])
    op.create_index("ix_subsidyentry_firm", "subsidyentry", ["enterprise_id", "category", "period"])
    # one live entry per firm, zone, category and month, unless rejected or reversed
    op.create_index("ux_subsidyentry_live", "subsidyentry",
                    ["enterprise_id", "zone_id", "category", "period"], unique=True,
                    sqlite_where=sa.text(f"reverses_id IS NULL AND reversed_by_id IS NULL AND {LIVE}"),
                    postgresql_where=sa.text(f"reverses_id IS NULL AND reversed_by_id IS NULL AND {LIVE}"))
    op.create_index("ux_subsidyentry_one_reversal", "subsidyentry", ["reverses_id"], unique=True,
                    sqlite_where=sa.text(f"reverses_id IS NOT NULL AND {LIVE}"),
                    postgresql_where=sa.text(f"reverses_id IS NOT NULL AND {LIVE}"))
    op.create_table(
        "award",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprise.id"), nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=False),
        sa.Column("kind", S, nullable=False),
        sa.Column("level", S, nullable=False),
        sa.Column("recognised_on", sa.Date, nullable=True),
        sa.Column("document_no", S, nullable=False),
        sa.Column("bank", S, nullable=False),
        sa.Column("loan_fen", sa.Integer, nullable=False),
        sa.Column("term_months", sa.Integer, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("status", S, nullable=False),
        sa.Column("reverses_id", sa.Integer, sa.ForeignKey("award.id"), nullable=True),
        sa.Column("reversed_by_id", sa.Integer, sa.ForeignKey("award.id"), nullable=True),
        sa.Column("reason", S, nullable=False),
        sa.Column("entered_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=False),
        sa.Column("entered_at", TS, nullable=False),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=True),
        sa.Column("decided_at", TS, nullable=True),
        sa.Column("decision_note", S, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("kind IN ('little_giant', 'loan_guarantee')", name="kind"),
        sa.CheckConstraint("status IN ('draft', 'submitted', 'approved', 'rejected')", name="status"),
        sa.CheckConstraint("kind <> 'little_giant' OR level IN ('municipal', 'national')", name="level"),
        sa.CheckConstraint("(reverses_id IS NULL AND amount_fen >= 0 AND loan_fen >= 0)"
                           " OR (reverses_id IS NOT NULL AND amount_fen <= 0 AND loan_fen <= 0)",
                           name="sign"),
        sa.CheckConstraint("kind <> 'loan_guarantee' OR abs(amount_fen) <= abs(loan_fen)",
                           name="guarantee_within_loan"),
    )
    op.create_index("ix_award_firm", "award", ["enterprise_id", "kind"])
    op.create_index("ix_award_status_zone", "award", ["status", "zone_id"])
    # a little-giant award once per firm and level (unless rejected or reversed)
    op.create_index("ux_award_little_giant", "award", ["enterprise_id", "level"], unique=True,
                    sqlite_where=sa.text("kind = 'little_giant' AND reverses_id IS NULL"
                                         f" AND reversed_by_id IS NULL AND {LIVE}"),
                    postgresql_where=sa.text("kind = 'little_giant' AND reverses_id IS NULL"
                                         f" AND reversed_by_id IS NULL AND {LIVE}"))
    op.create_index("ux_award_one_reversal", "award", ["reverses_id"], unique=True,
                    sqlite_where=sa.text(f"reverses_id IS NOT NULL AND {LIVE}"),
                    postgresql_where=sa.text(f"reverses_id IS NOT NULL AND {LIVE}"))
    _freeze("subsidyentry", ENTRY_COLUMNS, "subsidy entries")
    _freeze("award", AWARD_COLUMNS, "awards")
    # a closed month accepts no new or changed entry (the link to a reversal posted elsewhere aside)
    on_sqlite("CREATE TRIGGER subsidyentry_closed_insert BEFORE INSERT ON subsidyentry"
               " WHEN EXISTS (SELECT 1 FROM closedperiod WHERE period = NEW.period) BEGIN"
               " SELECT RAISE(ABORT, 'this month is closed'); END")
    on_sqlite("CREATE TRIGGER subsidyentry_closed_update BEFORE UPDATE ON subsidyentry"
               " WHEN EXISTS (SELECT 1 FROM closedperiod WHERE period IN (OLD.period, NEW.period))"
               f" AND NOT {_link_only('subsidyentry', ENTRY_COLUMNS)} BEGIN"
               " SELECT RAISE(ABORT, 'this month is closed'); END")
    on_sqlite("CREATE TRIGGER subsidyentry_closed_delete BEFORE DELETE ON subsidyentry"
               " WHEN EXISTS (SELECT 1 FROM closedperiod WHERE period = OLD.period) BEGIN"
               " SELECT RAISE(ABORT, 'this month is closed'); END")
    # the programme's published limits (Dec 2024 package); administrators edit them
    op.execute("INSERT INTO programmesetting (key, value, version) VALUES"
               " ('budget_cap_fen', 1500000000000, 1),"  # 15,000,000,000 yuan
               " ('loan_quota_fen', 40000000000000, 1),"  # 400,000,000,000 yuan
               " ('guarantee_cap_per_firm_fen', 3000000000, 1)")  # 30,000,000 yuan
    op.execute("INSERT INTO awardrate (level, valid_from, amount_fen, version) VALUES"
               " ('municipal', '2024-12-01', 10000000, 1),"  # 100,000 yuan
               " ('national', '2024-12-01', 30000000, 1)")  # 300,000 yuan


def downgrade() -> None:
    for table in ("award", "subsidyentry", "closedperiod", "awardrate", "programmesetting",
                  "budget", "policyrate"):
        op.drop_table(table)
