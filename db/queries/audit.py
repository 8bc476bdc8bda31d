"""Reading the audit trail: one record's history, shown to those who may see the record."""

import json
from dataclasses import dataclass

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.queries.enterprises import readable_enterprise
from db.services.validation import not_negative


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str  # UTC ISO
    actor_name: str
    action: str
    entity_type: str
    entity_id: str
    before: dict | None
    after: dict | None

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after)
                      if before.get(k) != after.get(k) and k != "version")


@checked
def enterprise_history(db: Database, *, actor: Actor, enterprise_id: int) -> list[AuditRow]:
    """Every event about the firm and its tenancies, newest first. Whoever may read the firm
    may read its history."""
    with db.reading() as uow:
        session = uow.session
        readable_enterprise(session, actor, enterprise_id)
        rows = session.connection().execute(text(
            "SELECT seq, at, actor_name, action, entity_type, entity_id, before_json, after_json"
            " FROM auditevent WHERE (entity_type = 'enterprise' AND entity_id = :id)"
            " OR (entity_type = 'tenancy' AND entity_id IN"
            "     (SELECT CAST(id AS TEXT) FROM tenancy WHERE enterprise_id = :eid))"
            " ORDER BY seq DESC"), {"id": str(enterprise_id), "eid": enterprise_id}).all()
        return [AuditRow(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), json.loads(r[7]))
                for r in rows]


@checked
def recent_events(db: Database, *, actor: Actor, limit: int = 500) -> list[AuditRow]:
    not_negative(limit, "limit")
    with db.reading() as uow:
        authorise(uow.session, actor, Action.AUDIT_READ)
        rows = uow.session.connection().execute(text(
            "SELECT seq, at, actor_name, action, entity_type, entity_id, before_json, after_json"
            " FROM auditevent ORDER BY seq DESC LIMIT :limit"), {"limit": limit}).all()
        return [AuditRow(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), json.loads(r[7]))
                for r in rows]
