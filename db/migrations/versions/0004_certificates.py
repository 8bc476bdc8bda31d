"""Certificates: what was issued, to whom, covering what, exactly as printed and signed; the
public keys whose signatures this office trusts.

A certificate's serial is its zone's code, the year and a sequence (Z07-2026-000123), unique, and
gapless per zone and year: the sequence is taken (max + 1) inside the write transaction that
inserts the certificate, and certificates are never deleted. What a certificate says (its
payload, signature, content, serial, firm, amount) never changes after issue; only its print
count grows and its status goes once from valid to revoked.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from db.server.dialect import on_sqlite

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

S = sa.String
TS = sa.DateTime(timezone=True)
FIXED = ("serial", "zone_id", "year", "seq", "kind", "enterprise_id", "amount_fen", "period_from",
         "period_to", "award_id", "tenancy_id", "payload", "signature", "key_id", "content",
         "issued_by", "issued_at")


def upgrade() -> None:
    op.create_table(
        "signingkey",
        sa.Column("key_id", S, primary_key=True),  # 16 hex digits of SHA-256(public key)
        sa.Column("public_key", sa.LargeBinary, nullable=False),  # 32 bytes, Ed25519 raw
        sa.Column("office", S, nullable=False),
        sa.Column("own", sa.Boolean, nullable=False),  # made by an installation on this file
        sa.Column("added_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=True),
        sa.Column("added_at", TS, nullable=False),
        sa.CheckConstraint("length(public_key) = 32", name="ed25519_raw"),
    )
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("serial", S, nullable=False, unique=True),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zone.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", S, nullable=False),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprise.id"), nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=True),
        sa.Column("period_from", S, nullable=False),
        sa.Column("period_to", S, nullable=False),
        sa.Column("award_id", sa.Integer, sa.ForeignKey("award.id"), nullable=True),
        sa.Column("tenancy_id", sa.Integer, sa.ForeignKey("tenancy.id"), nullable=True),
        sa.Column("payload", sa.LargeBinary, nullable=False),  # the exact signed bytes
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("key_id", S, sa.ForeignKey("signingkey.key_id"), nullable=False),
        sa.Column("content", S, nullable=False),  # PrintedCertificate as JSON: what was printed
        sa.Column("issued_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("status", S, nullable=False),
        sa.Column("revoked_reason", S, nullable=False),
        sa.Column("revoked_by", sa.Integer, sa.ForeignKey("staffaccount.id"), nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
        sa.Column("print_count", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("zone_id", "year", "seq", name="one_serial_a_sequence"),
        sa.CheckConstraint("kind IN ('tenancy', 'subsidy', 'little_giant', 'loan_guarantee')",
                           name="kind"),
        sa.CheckConstraint("status IN ('valid', 'revoked')", name="status"),
        sa.CheckConstraint("seq >= 1 AND print_count >= 1", name="counts"),
    )
    op.create_index("certificate_firm", "certificate", ["enterprise_id"])
    op.create_index("certificate_award", "certificate", ["award_id"])
    op.create_index("certificate_issued", "certificate", ["issued_at"])
    op.create_table(
        "certificatecover",  # the subsidy entries a confirmation covers
        sa.Column("certificate_id", sa.Integer, sa.ForeignKey("certificate.id"), primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("subsidyentry.id"), primary_key=True),
    )
    op.create_index("certificatecover_entry", "certificatecover", ["entry_id"])

    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FIXED)
    on_sqlite("CREATE TRIGGER certificate_fixed BEFORE UPDATE ON certificate"
        f" WHEN {changed} OR NEW.print_count < OLD.print_count"
        " OR (OLD.status = 'revoked' AND (NEW.status <> 'revoked'"
        " OR NEW.revoked_reason IS NOT OLD.revoked_reason OR NEW.revoked_by IS NOT OLD.revoked_by"
        " OR NEW.revoked_at IS NOT OLD.revoked_at)) BEGIN"
        " SELECT RAISE(ABORT, 'an issued certificate cannot be changed: revoke it'); END")
    on_sqlite("CREATE TRIGGER certificate_kept BEFORE DELETE ON certificate BEGIN"
        " SELECT RAISE(ABORT, 'certificates are never deleted: revoke it'); END")
    on_sqlite("CREATE TRIGGER certificatecover_fixed BEFORE UPDATE ON certificatecover BEGIN"
        " SELECT RAISE(ABORT, 'what a certificate covers cannot be changed'); END")
    on_sqlite("CREATE TRIGGER certificatecover_kept BEFORE DELETE ON certificatecover BEGIN"
        " SELECT RAISE(ABORT, 'what a certificate covers cannot be changed'); END")
    on_sqlite("CREATE TRIGGER signingkey_fixed BEFORE UPDATE OF key_id, public_key ON signingkey BEGIN"
        " SELECT RAISE(ABORT, 'a public key cannot be changed'); END")


def downgrade() -> None:
    for trigger in ("signingkey_fixed", "certificatecover_kept", "certificatecover_fixed",
                    "certificate_kept", "certificate_fixed"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.drop_table("certificatecover")
    op.drop_table("certificate")
    op.drop_table("signingkey")
