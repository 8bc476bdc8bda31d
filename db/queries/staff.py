"""The staff list for administrators (and auditors, read-only)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.server.dialect import is_server


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
        connection = uow.session.connection()
        # each zone's code once, in zone order (as SQLite's join reads staffzone's key)
        # and user names by their characters, as SQLite's BINARY (whatever the server's locale)
        zones, names = (("string_agg(z.id::text, ',' ORDER BY z.id), string_agg(z.code, ' ' ORDER"
                         ' BY z.id)', 's.username COLLATE "C"') if is_server(connection) else
                        ("group_concat(z.id), group_concat(z.code, ' ')", "s.username"))
        rows = connection.execute(text(
            f"SELECT s.id, s.username, s.display_name, s.role, {zones}, s.active, s.failed_attempts,"
            " s.locked_until, s.version FROM staffaccount s"
            " LEFT JOIN staffzone sz ON sz.staff_id = s.id LEFT JOIN zone z ON z.id = sz.zone_id"
            f" GROUP BY s.id ORDER BY {names}")).all()
        return [StaffRow(r[0], r[1], r[2], r[3],
                         tuple(sorted(int(z) for z in r[4].split(","))) if r[4] else (),
                         r[5] or "", bool(r[6]), r[7], _moment(r[8]), r[9]) for r in rows]


def _moment(value: object) -> datetime | None:
    """A stored moment as the file's text reads (naive, UTC): a server's timestamptz alike."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    return datetime.fromisoformat(str(value))
