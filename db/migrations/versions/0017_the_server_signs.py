"""On a PostgreSQL server, the office's signing key is kept by the server and certificates are
signed by it (docs/architecture.md, "Signing certificates on a server"). Nothing changes in an
SQLite file.

- `officesecret`: the private half of the office's keys. Forced row-level security with the
  owner's policy only, and no privilege for any staff role: nobody but the owner (and so the
  signing functions, SECURITY DEFINER) reads a row.
- A certificate inserted by a member of the staff carries no signature; before the transaction
  commits, the server's zonedesk_sign_certificates() (PL/Python, installed by `zonedesk server
  init` as db/server/signing.py says) must have signed it, which it does only for what the
  issuing service would certify. A transaction that leaves one unsigned is refused at commit.
- 0013's certificate_fixed lets the owner write the signature (and the code in the printed
  content) of an unsigned certificate, once; nothing else changes.

| table | read | insert | update | delete |
| --- | --- | --- | --- | --- |
| officesecret | - | - | - | - |

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from alembic import op

from db.server.dialect import on_server
from db.server.roles import OWNER

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

SCOPES = {"officesecret": {}}  # no staff role has a policy or a privilege on it (0014's table)
# 0013's certificate_fixed, its columns but the two the signing writes
FIXED = ("serial", "zone_id", "year", "seq", "kind", "enterprise_id", "amount_fen", "period_from",
         "period_to", "award_id", "tenancy_id", "payload", "key_id", "issued_by", "issued_at",
         "batch")
REVOKED_KEPT = ("OLD.status = 'revoked' AND (NEW.status <> 'revoked'"
                " OR NEW.revoked_reason IS DISTINCT FROM OLD.revoked_reason"
                " OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by"
                " OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)")
SIGNED = ("(NEW.signature IS DISTINCT FROM OLD.signature OR NEW.content IS DISTINCT FROM OLD.content)")
FIXED_WORDS = "'an issued certificate cannot be changed: revoke it'"
UNSIGNED = "'on a server a certificate is signed by the server when it is issued'"
LEFT_UNSIGNED = ("certificate %s was left unsigned: the server signs a certificate when it is"
                 " issued")


def _fixed(condition: str) -> str:
    return (f"CREATE TRIGGER certificate_fixed BEFORE UPDATE ON certificate FOR EACH ROW"
            f" WHEN ({condition}) EXECUTE FUNCTION zonedesk_refuse({FIXED_WORDS})")


def upgrade() -> None:
    if not on_server():
        return
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in FIXED)
    for statement in (
            "CREATE TABLE officesecret (key_id VARCHAR PRIMARY KEY REFERENCES signingkey (key_id),"
            " private_key BYTEA NOT NULL)",
            "REVOKE ALL ON officesecret FROM PUBLIC",
            "ALTER TABLE officesecret ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE officesecret FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY owner_all ON officesecret FOR ALL TO {OWNER} USING (true)"
            " WITH CHECK (true)",
            "DROP TRIGGER certificate_fixed ON certificate",
            _fixed(f"{changed} OR NEW.print_count < OLD.print_count OR ({REVOKED_KEPT})"
                   f" OR ({SIGNED} AND NOT (OLD.signature = ''::bytea"
                   " AND NEW.signature <> ''::bytea AND zonedesk_unbound()))"),
            # a person's certificate is signed by the server, never brought signed
            "CREATE TRIGGER certificate_signed_by_server BEFORE INSERT ON certificate FOR EACH ROW"
            " WHEN (NEW.signature <> ''::bytea AND NOT zonedesk_unbound())"
            f" EXECUTE FUNCTION zonedesk_refuse({UNSIGNED})",
            "CREATE FUNCTION zonedesk_certificate_signed() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN IF NOT zonedesk_unbound() AND EXISTS (SELECT 1 FROM certificate c"
            " WHERE c.id = NEW.id AND c.signature = ''::bytea) THEN RAISE EXCEPTION USING"
            f" ERRCODE = 'integrity_constraint_violation', MESSAGE = format('{LEFT_UNSIGNED}',"
            " NEW.serial); END IF; RETURN NULL; END $$",
            "CREATE CONSTRAINT TRIGGER certificate_signed_at_commit AFTER INSERT ON certificate"
            " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
            " EXECUTE FUNCTION zonedesk_certificate_signed()"):
        op.execute(statement)


def downgrade() -> None:
    if not on_server():
        return
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in (*FIXED, "signature",
                                                                          "content"))
    for statement in (
            "DROP TRIGGER certificate_signed_at_commit ON certificate",
            "DROP FUNCTION zonedesk_certificate_signed()",
            "DROP TRIGGER certificate_signed_by_server ON certificate",
            "DROP TRIGGER certificate_fixed ON certificate",
            _fixed(f"{changed} OR NEW.print_count < OLD.print_count OR ({REVOKED_KEPT})"),
            "DROP TABLE officesecret"):
        op.execute(statement)
