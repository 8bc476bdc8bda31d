"""The staff list for administrators (and auditors, read-only)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database


@dataclass(frozen=True)
class StaffRow:
    id: int
    username: str
    display_name: str
    role: str
    zone_ids: tuple[int, ...]
    zone_codes: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    version: int


@checked
def staff_list(db: Database, *, actor: Actor) -> list[StaffRow]:
    with db.reading() as uow:
        authorise(uow.session, actor, Action.STAFF_READ)
        rows = uow.session.connection().execute(text(
            "SELECT s.id, s.username, s.display_name, s.role,"
            " group_concat(z.id), group_concat(z.code, ' '), s.active, s.failed_attempts,"
            " s.locked_until, s.version FROM staffaccount s"
            " LEFT JOIN staffzone sz ON sz.staff_id = s.id LEFT JOIN zone z ON z.id = sz.zone_id"
            " GROUP BY s.id ORDER BY s.username")).all()
        return [StaffRow(r[0], r[1], r[2], r[3],
                         tuple(sorted(int(z) for z in r[4].split(","))) if r[4] else (),
                         r[5] or "", bool(r[6]), r[7],
                         datetime.fromisoformat(r[8]) if r[8] else None, r[9]) for r in rows]
