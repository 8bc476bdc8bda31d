"""A certificate knows the batch it was issued in, so that a batch issued by mistake can be
revoked as a whole with one reason (db/services/certificates.py::revoke_batch).

`certificate.batch` is 32 hex digits, the same for every certificate of one issue (the issue
dialog's chunks share it); none for certificates issued before. Like everything an issued
certificate holds, it never changes: the trigger that keeps certificates fixed is made anew
with the column in its list.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from alembic import op

from db.server.dialect import hex_digits, on_sqlite

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# what an issued certificate keeps for ever (migration 0004's list, as it stands there)
FIXED = ("serial", "zone_id", "year", "seq", "kind", "enterprise_id", "amount_fen", "period_from",
         "period_to", "award_id", "tenancy_id", "payload", "signature", "key_id", "content",
         "issued_by", "issued_at")


def _fixed_trigger(columns: tuple[str, ...]) -> str:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
    return ("CREATE TRIGGER certificate_fixed BEFORE UPDATE ON certificate"
            f" WHEN {changed} OR NEW.print_count < OLD.print_count"
            " OR (OLD.status = 'revoked' AND (NEW.status <> 'revoked'"
            " OR NEW.revoked_reason IS NOT OLD.revoked_reason OR NEW.revoked_by IS NOT OLD.revoked_by"
            " OR NEW.revoked_at IS NOT OLD.revoked_at)) BEGIN"
            " SELECT RAISE(ABORT, 'an issued certificate cannot be changed: revoke it'); END")


def upgrade() -> None:
    op.execute("ALTER TABLE certificate ADD COLUMN batch VARCHAR"
               f" CHECK (batch IS NULL OR ({hex_digits('batch', 32)}))")
    op.execute("CREATE INDEX ix_certificate_batch ON certificate (batch) WHERE batch IS NOT NULL")
    on_sqlite("DROP TRIGGER certificate_fixed", _fixed_trigger((*FIXED, "batch")))


def downgrade() -> None:
    op.execute("DROP TRIGGER certificate_fixed")
    op.execute(_fixed_trigger(FIXED))
    op.execute("DROP INDEX ix_certificate_batch")
    op.execute("ALTER TABLE certificate DROP COLUMN batch")
