"""The first tables: reference data, enterprises, tenancies, staff, the audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from db.server.dialect import on_sqlite

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

S = sa.String
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "district",
        sa.Column("code", S(6), primary_key=True),
        sa.Column("name", S, nullable=False),
        sa.Column("name_en", S, nullable=False),
    )
    op.create_table(
        "sector",
        sa.Column("code", S, primary_key=True),
        sa.Column("name", S, nullable=False),
        sa.Column("name_en", S, nullable=False),
        sa.Column("key_sector", sa.Boolean, nullable=False),
    )
    op.create_table(
        "zone",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", S, nullable=False, unique=True),
        sa.Column("name", S, nullable=False),
        sa.Column("name_en", S, nullable=False),
        sa.Column("district_code", S, sa.ForeignKey("district.code"), nullable=False),
        sa.Column("service_centre", S, nullable=False),
        sa.Column("address", S, nullable=False),
        sa.Column("phone", S, nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "cluster",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", S, nullable=False, unique=True),
        sa.Column("name", S, nullable=False),
        sa.Column("sector_code", S, sa.ForeignKey("sector.code"), nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=True),
        sa.Column("provisional", sa.Boolean, nullable=False),
    )
    op.create_table(
        "enterprise",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uscc", S(18), nullable=False, unique=True),
        sa.Column("name", S, nullable=False),
        sa.Column("name_en", S, nullable=False),
        sa.Column("legal_representative", S, nullable=False),
        sa.Column("registered_capital_fen", sa.Integer, nullable=False),
        sa.Column("founded_on", sa.Date, nullable=True),
        sa.Column("sector_code", S, sa.ForeignKey("sector.code"), nullable=False),
        sa.Column("industry_code", S, nullable=False),
        sa.Column("employees", sa.Integer, nullable=False),
        sa.Column("annual_revenue_fen", sa.Integer, nullable=False),
        sa.Column("total_assets_fen", sa.Integer, nullable=True),
        sa.Column("core_tech", sa.Boolean, nullable=False),
        sa.Column("core_tech_note", S, nullable=False),
        sa.Column("giant_level", S, nullable=False),
        sa.Column("giant_recognised_on", sa.Date, nullable=True),
        sa.Column("contact_name", S, nullable=False),
        sa.Column("contact_phone", S, nullable=False),
        sa.Column("contact_email", S, nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=False),
        sa.Column("size_class", S, nullable=False),
        sa.Column("status", S, nullable=False),
        sa.Column("uscc_check", S, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("length(uscc) = 18", name="uscc_length"),
        sa.CheckConstraint("registered_capital_fen >= 0 AND annual_revenue_fen >= 0"
                           " AND employees >= 0 AND coalesce(total_assets_fen, 0) >= 0",
                           name="amounts_not_negative"),
        sa.CheckConstraint("giant_level IN ('none', 'municipal', 'national')", name="giant_level"),
        sa.CheckConstraint("status IN ('active', 'moved_out', 'deregistered')", name="status"),
        sa.CheckConstraint("uscc_check IN ('ok', 'unconfirmed', 'confirmed')", name="uscc_check"),
        sa.CheckConstraint("size_class IN ('large', 'medium', 'small', 'micro', 'unknown')",
                           name="size_class"),
    )
    op.create_index("ix_enterprise_zone_id", "enterprise", ["zone_id"])
    op.create_index("ix_enterprise_sector_code", "enterprise", ["sector_code"])
    op.create_table(
        "tenancy",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprise.id"), nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=False),
        sa.Column("unit", S, nullable=False),
        sa.Column("floor_area_dm2", sa.Integer, nullable=False),
        sa.Column("start_on", sa.Date, nullable=False),
        sa.Column("end_on", sa.Date, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("floor_area_dm2 > 0", name="floor_area_positive"),
        sa.CheckConstraint("end_on IS NULL OR end_on >= start_on", name="ends_after_start"),
    )
    op.create_index("ix_tenancy_enterprise_id", "tenancy", ["enterprise_id"])
    op.create_index("ix_tenancy_zone_id", "tenancy", ["zone_id"])
    # a firm has at most one open tenancy at a time
    op.create_index("ux_tenancy_one_open", "tenancy", ["enterprise_id"], unique=True,
                    sqlite_where=sa.text("end_on IS NULL"),
                    postgresql_where=sa.text("end_on IS NULL"))
    op.create_table(
        "staffaccount",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", S, nullable=False, unique=True),
        sa.Column("display_name", S, nullable=False),
        sa.Column("role", S, nullable=False),
        sa.Column("password_hash", S, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("role IN ('clerk', 'reviewer', 'admin', 'auditor')", name="role"),
    )
    op.create_table(
        "staffzone",
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staffaccount.id"), primary_key=True),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), primary_key=True),
    )
    op.create_table(
        "auditevent",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", S, nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=True),
        sa.Column("actor_name", S, nullable=False),
        sa.Column("action", S, nullable=False),
        sa.Column("entity_type", S, nullable=False),
        sa.Column("entity_id", S, nullable=False),
        sa.Column("before_json", S, nullable=False),
        sa.Column("after_json", S, nullable=False),
        sa.Column("prev_hash", S, nullable=False),
        sa.Column("hash", S, nullable=False),
    )
    op.create_index("ix_auditevent_entity", "auditevent", ["entity_type", "entity_id"])
    op.create_table(
        "audithead",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", S, nullable=False),
    )
    # The audit trail is append-only, whatever path reaches the table.
    on_sqlite("CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent BEGIN"
               " SELECT RAISE(ABORT, 'audit events cannot be changed'); END")
    on_sqlite("CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent BEGIN"
               " SELECT RAISE(ABORT, 'audit events cannot be deleted'); END")
    # Search: each Chinese character and each letter/digit of a USCC or phone number is one
    # token (written by db.search.tokens), so any substring is a phrase query, even one
    # character long. Kept in step with enterprise by the service layer and bulk loads.
    on_sqlite("CREATE VIRTUAL TABLE enterprise_search USING fts5("
               "name, code, contact, tokenize = 'unicode61 remove_diacritics 0')")


def downgrade() -> None:
    op.execute("DROP TABLE enterprise_search")
    for table in ("audithead", "auditevent", "staffzone", "staffaccount", "tenancy",
                  "enterprise", "cluster", "zone", "sector", "district"):
        op.drop_table(table)
