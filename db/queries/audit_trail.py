"""The audit pane's list: every event of the trail, newest first, filtered by person, action,
firm, zone and Shanghai days, paged by key (the sequence number) and counted in SQL.

Fast at millions of events (migration 0010): each filter has its index, and the plan starts from
the one most likely to be narrow: a firm's events from `auditsubject` (the firm each event
names), a zone's from `auditzone` (each zone it names, before or after the change), a person's
or an action's from their index on (actor_id, seq) and (action, seq), the rest by the sequence itself. The other filters are then only checked (their
terms written `+column` so that SQLite does not start from them instead). Days become a range of
sequence numbers first: the least and greatest of the events written on those days, read from
the index on `at` alone (exact even if the computer's clock was ever set back), remembered
until the next event is written, so that the next page and the count do not read it again.

Only administrators and auditors read the trail (Action.AUDIT_READ), all of it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit_words import FieldChange, changes
from db.clock import SHANGHAI, stored_moment, to_shanghai
from db.engine import Database
from db.engine_words import SQLITE, EngineWords, words
from db.errors import Interrupted
from db.queries.overview import interruptible
from db.server.dialect import is_server
from db.services.validation import not_negative

PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None  # who did it (a staff account)
    action: str | None = None  # what was done (an action code: "enterprise.edit")
    enterprise_id: int | None = None  # about this firm (itself, its tenancies, entries, awards, certificates)
    zone_id: int | None = None  # about a firm in this zone, or the zone itself
    date_from: date | None = None  # Shanghai days, both included
    date_to: date | None = None


@dataclass(frozen=True)
class TrailRow:
    seq: int
    at: datetime  # Shanghai time
    username: str  # as the event recorded it ("system", "demo" for the program's own)
    display_name: str  # the account's name today ("" for the program's own)
    action: str
    entity_type: str
    entity_id: str
    firm_id: int | None
    firm_name: str  # "" unless the event is about a firm
    zone_name: str  # the zone the firm was in, or the zone itself
    account_name: str  # the account an event about an account is about
    changes: tuple[FieldChange, ...]

    @property
    def id(self) -> int:  # what the list selects rows by
        return self.seq

    @property
    def who(self) -> str:
        return f"{self.display_name} ({self.username})" if self.display_name else self.username



def _days(column: str, flt: AuditFilter) -> tuple[list[str], dict[str, str]]:
    """The filter's Shanghai days as a range of `column` (UTC ISO text, as `at` is stored)."""
    clauses, values = [], {}
    if flt.date_from is not None:
        clauses.append(f"{column} >= :from_at")
        values["from_at"] = _moment(flt.date_from)
    if flt.date_to is not None:
        clauses.append(f"{column} < :to_at")
        values["to_at"] = _day_after(flt.date_to)
    return clauses, values

def _moment(day: date) -> str:
    """The first instant of a Shanghai day, as the trail stores moments (UTC ISO text); beyond
    the calendar's ends, text that sorts before or after every moment."""
    try:
        start = datetime.combine(day, time(0), tzinfo=SHANGHAI).astimezone(UTC)
    except OverflowError:
        return "0" if day.year == 1 else "A"
    return start.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _day_after(day: date) -> str:
    return "A" if day == date.max else _moment(day + timedelta(days=1))


_ranges: dict[tuple, tuple[int, int] | None] = {}  # (file, days, newest seq and hash) → range


def _seq_range(connection: Connection, flt: AuditFilter) -> tuple[int, int] | None:
    """The sequence numbers the filter's days span (None when no event falls on them): the
    least and greatest number of the events written on those days, read from the index on
    `at` alone. Remembered for the file's newest event (its number and hash: a file restored
    in its place with as many events is another): the next page asks again for free."""
    newest = tuple(connection.execute(text(
        "SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1")).first() or ())
    key = (str(connection.engine.url), flt.date_from, flt.date_to, newest)
    if key in _ranges:
        return _ranges[key]
    clauses, values = _days("at", flt)
    low, high = connection.execute(text(
        f"SELECT min(seq), max(seq) FROM auditevent{words(connection).indexed_by('ix_auditevent_at')}"
        f" WHERE {' AND '.join(clauses)}"), values).one()
    found = None if low is None else (low, high)
    if len(_ranges) > 64:
        _ranges.clear()
    _ranges[key] = found
    return found


def _plan(connection: Connection, flt: AuditFilter) -> tuple[str, str, str, dict] | None:
    """(FROM, WHERE, the sequence column to order by, values), or None: nothing matches."""
    seqs = _seq_range(connection, flt) if flt.date_from or flt.date_to else None
    if (flt.date_from or flt.date_to) and seqs is None:
        return None
    values: dict[str, object] = {}
    clauses: list[str] = []
    w = words(connection)
    if flt.enterprise_id is not None:
        source, key = f"auditsubject s {w.cross_join} auditevent e ON e.seq = s.seq", "s.seq"
        clauses.append("s.enterprise_id = :firm")
        values["firm"] = flt.enterprise_id
        if flt.zone_id is not None:  # the zone before or after: by the key of auditzone
            clauses.append("EXISTS (SELECT 1 FROM auditzone z WHERE z.zone_id = :zone AND z.seq = s.seq)")
            values["zone"] = flt.zone_id
        leading = False
    elif flt.zone_id is not None:  # one row for each zone an event names, before or after
        source, key = f"auditzone s {w.cross_join} auditevent e ON e.seq = s.seq", "s.seq"
        clauses.append("s.zone_id = :zone")
        values["zone"] = flt.zone_id
        leading = False
    else:
        source, key, leading = "auditevent e", "e.seq", True
    if flt.actor_id is not None:
        clauses.append(("e.actor_id" if leading else w.hint("e.actor_id")) + " = :actor")
        values["actor"] = flt.actor_id
        leading = False
    if flt.action is not None:
        clauses.append(("e.action" if leading else w.hint("e.action")) + " = :action")
        values["action"] = flt.action
    if seqs is not None:
        clauses.append(f"{key} BETWEEN :low AND :high")
        values["low"], values["high"] = seqs
        day_clauses, day_values = _days(w.hint("e.at"), flt)
        clauses += day_clauses
        values |= day_values
    return source, " AND ".join(clauses) or w.true, key, values


# the columns of a row, from the page's events (e) and what they name
ROW_SQL = ("e.seq, e.at, e.actor_name, coalesce(a.display_name, ''), e.action, e.entity_type,"
           " e.entity_id, s.enterprise_id, coalesce(f.name, ''), coalesce(z.name, ''),"
           " coalesce(t.display_name, ''), e.before_json, e.after_json")
ROW_JOINS = (" LEFT JOIN auditsubject s ON s.seq = e.seq"
             " LEFT JOIN enterprise f ON f.id = s.enterprise_id"
             " LEFT JOIN zone z ON z.id = s.zone_id"
             " LEFT JOIN staffaccount a ON a.id = e.actor_id"
             " LEFT JOIN staffaccount t ON e.entity_type = 'staff'"
             "  AND t.id = CAST(e.entity_id AS INTEGER)")
# a server casts every entity id it meets (text that is no number fails there): only digits
SERVER_ROW_JOINS = ROW_JOINS.replace(
    "CAST(e.entity_id AS INTEGER)",
    "CASE WHEN e.entity_id ~ '^[0-9]{1,18}$' THEN CAST(e.entity_id AS BIGINT) END")


def trail_row(row: tuple) -> TrailRow:
    (seq, at, username, display, action, entity_type, entity_id, firm_id, firm, zone, account,
     before, after) = row
    return TrailRow(seq, to_shanghai(stored_moment(at)), username, display, action, entity_type,
                    entity_id, firm_id, firm, zone, account, changes(before, after))


def rows_sql(hits: str, w: EngineWords = SQLITE) -> str:
    """The rows of the events `hits` selects (their seq), newest first, with what they name."""
    return (f"SELECT {ROW_SQL} FROM ({hits}) AS hit {w.cross_join} auditevent e ON e.seq = hit.seq"
            f"{SERVER_ROW_JOINS if w.server else ROW_JOINS} ORDER BY e.seq DESC")


def page_sql(source: str, where: str, key: str, w: EngineWords = SQLITE) -> str:
    """The rows of one page (LIMIT :limit), the matching events read by index first, then what
    they name joined to those few."""
    return rows_sql(f"SELECT {key} AS seq FROM {source} WHERE {where} ORDER BY {key} DESC"
                    " LIMIT :limit", w)


@checked
def audit_page(db: Database, *, actor: Actor, flt: AuditFilter, before: int | None = None,
               limit: int = PAGE_SIZE) -> list[TrailRow]:
    """The newest `limit` events matching `flt` numbered below `before` (None: the newest)."""
    not_negative(limit, "limit")
    with db.reading() as uow:
        authorise(uow.session, actor, Action.AUDIT_READ)
        connection = uow.session.connection()
        plan = _plan(connection, flt)
        if plan is None:
            return []
        source, where, key, values = plan
        if before is not None:
            where += f" AND {key} < :before"
            values["before"] = before
        rows = connection.execute(text(page_sql(source, where, key, words(connection))),
                                  values | {"limit": limit}).all()
        return [trail_row(tuple(r)) for r in rows]


@checked
def count_audit(db: Database, *, actor: Actor, flt: AuditFilter,
                cancelled: Callable[[], bool] | None = None) -> int:
    """How many events match; `cancelled` is polled while SQLite counts (a newer filter stops
    it with Interrupted)."""
    with db.reading() as uow:
        authorise(uow.session, actor, Action.AUDIT_READ)
        connection = uow.session.connection()
        plan = _plan(connection, flt)
        if plan is None:
            return 0
        source, where, _key, values = plan
        if is_server(connection):
            with interruptible(connection, cancelled):
                return connection.execute(text(f"SELECT count(*) FROM {source} WHERE {where}"),
                                          values).scalar_one()
        sqlite = connection.connection.dbapi_connection
        if cancelled is not None:
            sqlite.set_progress_handler(lambda: int(cancelled()), 1_000)
        try:
            return connection.execute(text(f"SELECT count(*) FROM {source} WHERE {where}"),
                                      values).scalar_one()
        except OperationalError as error:
            if cancelled is not None and cancelled():
                raise Interrupted("the count was no longer wanted") from error
            raise
        finally:
            sqlite.set_progress_handler(None, 0)


@dataclass(frozen=True)
class Person:
    id: int
    username: str
    display_name: str


@checked
def trail_people(db: Database, *, actor: Actor) -> list[Person]:
    """Everyone who has an account, for the person filter (by name)."""
    with db.reading() as uow:
        authorise(uow.session, actor, Action.AUDIT_READ)
        w = words(uow.session)
        rows = uow.session.connection().execute(text(
            "SELECT id, username, display_name FROM staffaccount"
            f" ORDER BY {w.ordered('display_name')}, {w.ordered('username')}"))
        return [Person(*r) for r in rows]
