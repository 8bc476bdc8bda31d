"""The audit trail: one event per change, written in the same transaction as the change.

Each event's hash is SHA-256 over the previous event's hash and the event's canonical bytes
(sorted-key compact JSON, UTF-8). Triggers refuse UPDATE and DELETE on the table; `verify`
recomputes the chain and names the first event that was edited, deleted, reordered or inserted.
"""

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlmodel import Session

from db.access import Actor
from db.audit_reading import columns, on_server, tables
from db.clock import iso_utc, utc_now
from db.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from db.audit_reading import ServerReading
    from db.engine import Database
    from db.server.connection import ServerDatabase

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id",
          "before_json", "after_json")


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value


def to_json(values: Mapping[str, object] | None) -> str:
    if values is None:
        return "null"
    return json.dumps(_plain(values), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_bytes(event: Mapping[str, object]) -> bytes:
    return json.dumps({k: event[k] for k in FIELDS}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def event_hash(prev_hash: str, event: Mapping[str, object]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical_bytes(event)).hexdigest()


@dataclass(frozen=True)
class Change:
    """One change to record: what was done to which entity, its values before and after."""

    action: str
    entity_type: str
    entity_id: object
    before: Mapping[str, object] | None
    after: Mapping[str, object] | None


def chain(prev_seq: int, prev_hash: str, actor_id: int | None, actor_name: str,
          changes: Iterable[Change], at: datetime | None = None) -> list[dict[str, object]]:
    """The rows for `changes`, numbered and hashed after (prev_seq, prev_hash)."""
    moment = iso_utc(at or utc_now())
    rows = []
    for change in changes:
        prev_seq += 1
        row: dict[str, object] = {
            "seq": prev_seq, "at": moment, "actor_id": actor_id, "actor_name": actor_name,
            "action": change.action, "entity_type": change.entity_type,
            "entity_id": str(change.entity_id), "before_json": to_json(change.before),
            "after_json": to_json(change.after),
        }
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = event_hash(prev_hash, row)
        rows.append(row)
    return rows


_INSERT = ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type, entity_id,"
           " before_json, after_json, prev_hash, hash) VALUES (:seq, :at, :actor_id, :actor_name,"
           " :action, :entity_type, :entity_id, :before_json, :after_json, :prev_hash, :hash)")
_HEAD = ("INSERT INTO audithead (id, seq, hash) VALUES (1, :seq, :hash)"
         " ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
# on a server (migration 0013): the newest event, read under the trail's advisory lock, which the
# transaction then holds until it ends; the head is moved by the trail's own trigger
_SERVER_TAIL = "SELECT seq, hash FROM zonedesk_audit_head()"


def _append(connection: Connection, actor_id: int | None, actor_name: str,
            changes: Iterable[Change]) -> int:
    """The events of `changes` after the newest one, in the connection's transaction."""
    server = connection.dialect.name == "postgresql"
    head = connection.execute(text(_SERVER_TAIL if server else
                                   "SELECT seq, hash FROM audithead WHERE id = 1")).first()
    prev_seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    rows = chain(prev_seq, prev_hash, actor_id, actor_name, changes)
    if rows:
        connection.execute(text(_INSERT), rows)
        if not server:
            connection.execute(text(_HEAD), {"seq": rows[-1]["seq"], "hash": rows[-1]["hash"]})
    return len(rows)


def record(session: Session, actor: Actor | None, *changes: Change) -> None:
    """Appends one event per change, inside the caller's (write) transaction."""
    _append(session.connection(), actor.staff_id if actor else None,
            actor.username if actor else "system", changes)


def record_bulk(connection: sqlite3.Connection | Connection, actor_id: int | None,
                actor_name: str, changes: Iterable[Change]) -> int:
    """The same for bulk loads inside the connection's transaction: a plain sqlite3 connection
    on a file, the SQLAlchemy connection on a server (or a file)."""
    if not isinstance(connection, sqlite3.Connection):
        return _append(connection, actor_id, actor_name, changes)
    head = connection.execute("SELECT seq, hash FROM audithead WHERE id = 1").fetchone()
    prev_seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    rows = chain(prev_seq, prev_hash, actor_id, actor_name, changes)
    if rows:
        connection.executemany(_INSERT, rows)
        connection.execute(_HEAD, {"seq": rows[-1]["seq"], "hash": rows[-1]["hash"]})
    return len(rows)


@dataclass(frozen=True)
class AuditCheck:
    """The verdict on a file's trail. `where` names the place of the first fault (an event, the
    audit head, the audit table, a row); `reason` says what is wrong there."""

    ok: bool
    events: int
    first_broken_seq: int | None = None
    reason: str = ""
    where: str = ""
    mismatches: tuple = ()  # db.reconcile.Mismatch, when rows differ from the trail
    # the reason and the place as templates marked for translation ("db") with their values,
    # so that a screen says them in its language; `reason` and `where` are the English
    reason_words: tuple[str, tuple] | None = None
    where_words: tuple[str, tuple] | None = None

    def sentence(self) -> str:
        if self.ok:
            return (f"Audit trail intact: {self.events:,} events, and the database's rows agree"
                    " with it.")
        if self.mismatches:
            return (f"The database's rows differ from its audit trail ({self.events:,} events "
                    f"verified): {self.reason}.")
        where = self.where or (f"event {self.first_broken_seq}" if self.first_broken_seq is not None
                               else "the audit table")
        return (f"Audit trail BROKEN at {where}: {self.reason}. "
                f"{self.events:,} events before it verified.")


def _broken(count: int, at: int | None, reason: str, where: str = "", /, **values: object) -> AuditCheck:
    """A broken trail: `reason` and `where` are templates marked QT_TRANSLATE_NOOP("db", ...),
    filled with `values` in English here and in the person's language on screen."""
    items = tuple(values.items())
    return AuditCheck(False, count, at, reason.format(**values),
                      where.format(**values) if where else "", reason_words=(reason, items),
                      where_words=(where, items) if where else None)


EVENT_COLUMNS = FIELDS + ("prev_hash", "hash")
TRIGGERS = {
    "auditevent_no_update": "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent BEGIN"
                            " SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
    "auditevent_no_delete": "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent BEGIN"
                            " SELECT RAISE(ABORT, 'audit events cannot be deleted'); END",
}
_TEXT_COLUMNS = frozenset(EVENT_COLUMNS) - {"seq", "actor_id"}


Progress = Callable[[int, int], object]  # (events verified, events in the file); may raise to stop
PROGRESS_EVERY = 8_192  # events between two progress reports (read as one chunk)


def verify(target: "str | Path | Database | ServerDatabase", progress: Progress | None = None) -> AuditCheck:
    """Recomputes the chain from the file itself (a path, or a Database's file), or from a
    server's database (a ServerDatabase, read through its engine), then reconciles the rows
    with it (db/reconcile.py). Read-only: nothing is written. `progress` is told how far the
    chain is verified every PROGRESS_EVERY events and once it all is (it may raise, e.g.
    Interrupted, to stop)."""
    engine = getattr(target, "engine", None)
    if engine is not None and engine.dialect.name == "postgresql":
        from db.audit_reading import reading
        with reading(engine) as connection:
            return _verified(connection, progress)
    from db.database_file import examining_connection
    connection = examining_connection(getattr(target, "path", None) or target)
    try:
        return _verified(connection, progress)
    finally:
        connection.close()


def _verified(connection: "sqlite3.Connection | ServerReading", progress: Progress | None) -> AuditCheck:
    check = verify_connection(connection, progress)
    if not check.ok:
        return check
    return reconcile_connection(connection, check.events)


def reconcile_connection(connection: sqlite3.Connection, events: int) -> AuditCheck:
    """The file's rows against the trail (db/reconcile.py), then the index of firms and zones
    (migration 0010) against the events."""
    from db.reconcile import reconcile
    mismatches = reconcile(connection)
    if not mismatches:
        differs = _index_fault(connection) if "auditsubject" in tables(connection) else None
        if differs is not None:
            return _broken(events, differs, QT_TRANSLATE_NOOP("db", "the audit trail's index of firms and zones "
                           "differs from the events (event {seq})"), QT_TRANSLATE_NOOP("db", "the audit table"), seq=differs)
        return AuditCheck(True, events)
    first = mismatches[0]
    more = f" (and {len(mismatches) - 1:,} more differences)" if len(mismatches) > 1 else ""
    return AuditCheck(False, events, None, first.sentence().rstrip(".") + more,
                      where=f"{first.table} {first.key}", mismatches=tuple(mismatches))


class _Undecodable(bytes):
    """Text stored in a TEXT column that is not UTF-8."""


def _text(raw: bytes) -> str | bytes:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Undecodable(raw)


def _kind_of(value: object) -> str:
    if isinstance(value, _Undecodable):
        return "text that is not UTF-8"
    if isinstance(value, bytes):
        return "a binary value (BLOB)"
    if isinstance(value, float):
        return "a real number"
    if isinstance(value, int):
        return "a number"
    return "nothing (NULL)" if value is None else "text"


def _wrong_type(event: dict[str, object]) -> str | None:
    """The first column of an event that holds a value the program never writes there."""
    for column in EVENT_COLUMNS:
        value = event[column]
        if column == "actor_id":
            fits = value is None or type(value) is int
        elif column == "seq":
            fits = type(value) is int
        else:
            fits = type(value) is str
        if not fits:
            wanted = "a number" if column in ("seq", "actor_id") else "text"
            return f"its column {column} holds {_kind_of(value)} where the program writes {wanted}"
    return None


def _normalised(sql: object) -> str:
    return " ".join(str(sql).split())


def verify_connection(connection: sqlite3.Connection, progress: Progress | None = None) -> AuditCheck:
    """The chain of `connection`'s file, event by event, then its head and triggers. Never
    raises for what a file may hold: every fault is a verdict naming where it is."""
    try:
        return _verify(connection, progress)
    except sqlite3.OperationalError as error:
        if "decode" not in str(error):
            raise
        connection.text_factory = _text  # text that is not UTF-8: read again, and named
        return _verify(connection, progress)


_QUOTED = json.encoder.encode_basestring  # a str as json.dumps(ensure_ascii=False) writes it


def chained_text(prev_hash: str, seq: int, at: str, actor_id: int | None, actor_name: str,
                 action: str, entity_type: str, entity_id: str, before_json: str,
                 after_json: str) -> str:
    """What `event_hash` hashes (prev_hash, a newline, canonical_bytes()), as text, for an event
    read back from the file: its text columns are str, seq an int and actor_id an int or None
    (the verifier checks that first; _QUOTED raises TypeError on anything but str). The keys
    written in sorted order, each value as json.dumps writes it: the same bytes, 4x faster."""
    return (f'{prev_hash}\n{{"action":{_QUOTED(action)},"actor_id":'
            f'{"null" if actor_id is None else actor_id},"actor_name":{_QUOTED(actor_name)},'
            f'"after_json":{_QUOTED(after_json)},"at":{_QUOTED(at)},'
            f'"before_json":{_QUOTED(before_json)},"entity_id":{_QUOTED(entity_id)},'
            f'"entity_type":{_QUOTED(entity_type)},"seq":{seq}}}')


def _event_fault(values: tuple, expected_seq: int, prev_hash: str, count: int) -> AuditCheck | None:
    """The verdict on one event that follows `count` verified ones (the next expected number,
    the hash before it): a value of a wrong type, a gap, a wrong link or a changed content; None
    when it is sound. _verify asks only of an event its one quick test doubts."""
    seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev, own = values
    if not (type(seq) is int and (actor_id is None or type(actor_id) is int)
            and type(at) is type(actor_name) is type(action) is type(entity_type) is str
            and type(entity_id) is type(before) is type(after) is type(prev) is type(own) is str):
        wrong = _wrong_type(dict(zip(EVENT_COLUMNS, values, strict=True)))
        at_seq = seq if type(seq) is int else None
        if wrong:
            return AuditCheck(False, count, at_seq, wrong, where=f"event {seq}" if at_seq
                              is not None else "the audit table")
        return _broken(count, at_seq, QT_TRANSLATE_NOOP("db", "it holds a value of a wrong type"),
                       QT_TRANSLATE_NOOP("db", "event {seq}") if at_seq is not None else
                       QT_TRANSLATE_NOOP("db", "the audit table"), seq=seq)
    if seq < expected_seq:  # only the first can be: seq is the table's integer key
        return _broken(count, seq, QT_TRANSLATE_NOOP("db", "the first event is numbered {seq}, and the "
                       "trail starts at 1"), QT_TRANSLATE_NOOP("db", "the first event"), seq=seq)
    if seq > expected_seq:
        if seq == expected_seq + 1:
            return _broken(count, expected_seq, QT_TRANSLATE_NOOP("db", "event {gap} is missing: the next "
                           "one is {seq}"), gap=expected_seq, seq=seq)
        return _broken(count, expected_seq, QT_TRANSLATE_NOOP("db", "events {gap} to {last} are missing: "
                       "the next one is {seq}"), gap=expected_seq, last=seq - 1, seq=seq)
    if prev != prev_hash:
        return _broken(count, seq, QT_TRANSLATE_NOOP("db", "does not follow the event before it"))
    # prev_hash is ASCII (GENESIS or a hexdigest matched before): one UTF-8 encoding of it all
    if hashlib.sha256(chained_text(prev_hash, seq, at, actor_id, actor_name, action, entity_type,
                                   entity_id, before, after).encode()).hexdigest() != own:
        return _broken(count, seq, QT_TRANSLATE_NOOP("db", "its content was changed after it was written"))
    return None


def _verify(connection: sqlite3.Connection, progress: Progress | None = None) -> AuditCheck:
    names = tables(connection)
    if "auditevent" not in names:
        return _broken(0, None, QT_TRANSLATE_NOOP("db", "the audit table (auditevent) is missing"), QT_TRANSLATE_NOOP("db", "the audit table"))
    held = set(columns(connection, "auditevent"))
    missing = [c for c in EVENT_COLUMNS if c not in held]
    if missing:
        return _broken(0, None, QT_TRANSLATE_NOOP("db", "its column {column} is missing"), QT_TRANSLATE_NOOP("db", "the audit table"),
                       column=missing[0])
    expected_seq, prev_hash, count, sha256 = 1, GENESIS, 0, hashlib.sha256
    query = f"SELECT {', '.join(EVENT_COLUMNS)} FROM auditevent ORDER BY seq"
    total = connection.execute("SELECT max(seq) FROM auditevent").fetchone()[0] if progress else 0
    cursor = connection.execute(query)
    while chunk := cursor.fetchmany(PROGRESS_EVERY):
        if progress is not None:
            progress(count, total if type(total) is int else 0)
        for values in chunk:
            seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev, own = values
            try:  # the common case in one test; any doubt is judged by _event_fault
                if (type(seq) is int and seq == expected_seq and prev == prev_hash
                        and (actor_id is None or type(actor_id) is int)
                        and sha256(chained_text(prev_hash, seq, at, actor_id, actor_name, action,
                                                entity_type, entity_id, before, after).encode()
                                   ).hexdigest() == own):
                    prev_hash, expected_seq, count = own, seq + 1, count + 1
                    continue
            except TypeError:  # a text column that holds no text (_QUOTED takes only str)
                pass
            fault = _event_fault(values, expected_seq, prev_hash, count)
            if fault is not None:
                return fault
            prev_hash, expected_seq, count = own, seq + 1, count + 1
    if progress is not None:  # the whole chain verified: the bar full
        progress(count, total if type(total) is int else 0)
    last = expected_seq - 1
    head = _head_fault(connection, names, last, prev_hash, count)
    if head is not None:
        return head
    indexed = "auditsubject" in names  # migration 0010: the index of firms and zones
    if on_server(connection):
        return _server_triggers_fault(connection, count) or AuditCheck(True, count)
    found = {r[0]: r[1] for r in connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    for name, sql in (TRIGGERS | (index_triggers() if indexed else {})).items():
        if name not in found:
            return _broken(count, None, QT_TRANSLATE_NOOP("db", "the trigger {name} that protects the audit "
                           "table was removed"), QT_TRANSLATE_NOOP("db", "the audit table"), name=name)
        if _normalised(found[name]) != _normalised(sql):
            return _broken(count, None, QT_TRANSLATE_NOOP("db", "the trigger {name} that protects the audit "
                           "table was changed"), QT_TRANSLATE_NOOP("db", "the audit table"), name=name)
    return AuditCheck(True, count)


# on a server, the triggers that keep the trail (migration 0013), by name: there, and enabled
SERVER_TRIGGERS = (
    "auditevent_no_update", "auditevent_no_delete", "auditevent_follows", "auditevent_moves_head",
    "audithead_kept", "auditevent_subject",
    *(f"{table}_no_{verb}" for table in ("auditsubject", "auditzone")
      for verb in ("insert", "update", "delete")),
    *(f"{table}_no_truncate" for table in ("auditevent", "audithead", "auditsubject", "auditzone")))


def _server_triggers_fault(connection: "ServerReading", count: int) -> AuditCheck | None:
    """A trigger of the trail dropped, or switched off (ALTER TABLE ... DISABLE TRIGGER), on a
    server: said as SQLite's removed or changed trigger is."""
    found = dict(connection.execute(
        "SELECT t.tgname::text, t.tgenabled::text FROM pg_trigger t JOIN pg_class c"
        " ON c.oid = t.tgrelid WHERE c.relnamespace = current_schema()::regnamespace"
        " AND NOT t.tgisinternal"))
    for name in SERVER_TRIGGERS:
        if name not in found:
            return _broken(count, None, QT_TRANSLATE_NOOP("db", "the trigger {name} that protects the audit "
                           "table was removed"), QT_TRANSLATE_NOOP("db", "the audit table"), name=name)
        if found[name] == "D":
            return _broken(count, None, QT_TRANSLATE_NOOP("db", "the trigger {name} that protects the audit "
                           "table was changed"), QT_TRANSLATE_NOOP("db", "the audit table"), name=name)
    return None


def _index_migration():
    from importlib import import_module
    return import_module("db.migrations.versions.0010_audit_trail_found_fast")


def index_triggers() -> dict[str, str]:
    """The triggers that fill and guard the index of firms and zones (migration 0010)."""
    migration = _index_migration()
    return {"auditevent_subject": migration.TRIGGER} | migration.GUARDS


def _index_fault(connection: sqlite3.Connection) -> int | None:
    """The first event whose rows in the index of firms and zones (auditsubject, auditzone)
    differ from what the events name, recomputed with the migration's own SELECTs both ways:
    the first seq of (recomputed EXCEPT stored) UNION (stored EXCEPT recomputed), found with each
    recomputed row looked up by its key rather than two sorted copies of each side. The values
    are compared as EXCEPT compares them (`+` strips a column's affinity: 3 is not '3')."""
    migration = _index_migration()
    if on_server(connection):
        return _server_index_fault(connection, migration.SUBJECT_TYPES)
    subjects, zones = migration.backfill_subjects(), migration.backfill_zones()
    first = connection.execute(
        f"WITH made(seq, enterprise_id, zone_id) AS ({subjects}) SELECT min(seq) FROM ("
        " SELECT made.seq FROM made LEFT JOIN auditsubject s ON s.seq = made.seq"
        " WHERE s.seq IS NULL OR +s.enterprise_id IS NOT made.enterprise_id"
        " OR +s.zone_id IS NOT made.zone_id"  # one row a seq each side: a differing one is here
        " UNION ALL SELECT s.seq FROM auditsubject s LEFT JOIN auditevent e ON e.seq = s.seq"
        f" WHERE e.seq IS NULL OR (e.entity_type IN {migration.SUBJECT_TYPES}) IS NOT 1)"
    ).fetchone()[0]
    unstored, made = connection.execute(
        "SELECT min(CASE WHEN NOT EXISTS (SELECT 1 FROM auditzone z WHERE z.zone_id = made.zone_id"
        " AND z.seq = made.seq AND +z.zone_id IS made.zone_id) THEN made.seq END), count(*)"
        f" FROM ({zones}) made").fetchone()
    unmade = None  # stored rows no event makes: none when each made row has its own, and no more
    if unstored is not None or connection.execute("SELECT count(*) FROM auditzone").fetchone()[0] != made:
        unmade = connection.execute(f"SELECT min(seq) FROM (SELECT zone_id, seq FROM auditzone"
                                    f" EXCEPT {zones})").fetchone()[0]
    return min((s for s in (first, unstored, unmade) if s is not None), default=None)


def _server_index_fault(connection: "ServerReading", types: str) -> int | None:
    """_index_fault on a server: the index recomputed from the events as the trail's trigger
    fills it (migration 0013, with its functions that read numbers and JSON as SQLite does)."""
    named = "zonedesk_sqlite_integer(e.entity_id)"
    made = (f"SELECT e.seq, CASE e.entity_type WHEN 'enterprise' THEN {named} WHEN 'zone' THEN NULL"
            " ELSE CASE WHEN e.after_json <> 'null' THEN a.enterprise_id ELSE b.enterprise_id END END,"
            f" CASE WHEN e.entity_type = 'zone' THEN {named}"
            " ELSE CASE WHEN e.after_json <> 'null' THEN a.zone_id ELSE b.zone_id END END,"
            f" CASE WHEN e.entity_type = 'zone' THEN {named} ELSE a.zone_id END,"
            f" CASE WHEN e.entity_type = 'zone' THEN {named} ELSE b.zone_id END"
            " FROM auditevent e CROSS JOIN LATERAL zonedesk_json_ids(e.after_json) a"
            " CROSS JOIN LATERAL zonedesk_json_ids(e.before_json) b"
            f" WHERE e.entity_type IN {types}")
    first, unmatched = connection.execute(
        f"WITH made(seq, enterprise_id, zone_id, zone_after, zone_before) AS MATERIALIZED ({made}),"
        " zones(zone_id, seq) AS (SELECT zone_after, seq FROM made WHERE zone_after IS NOT NULL"
        " UNION SELECT zone_before, seq FROM made WHERE zone_before IS NOT NULL)"
        " SELECT (SELECT min(seq) FROM (SELECT made.seq FROM made LEFT JOIN auditsubject s"
        " ON s.seq = made.seq WHERE s.seq IS NULL OR s.enterprise_id IS DISTINCT FROM made.enterprise_id"
        " OR s.zone_id IS DISTINCT FROM made.zone_id"
        " UNION ALL SELECT s.seq FROM auditsubject s LEFT JOIN auditevent e ON e.seq = s.seq"
        f" WHERE e.seq IS NULL OR e.entity_type NOT IN {types}) AS differing),"
        " (SELECT min(seq) FROM ((SELECT zone_id, seq FROM zones EXCEPT SELECT zone_id, seq FROM auditzone)"
        " UNION ALL (SELECT zone_id, seq FROM auditzone EXCEPT SELECT zone_id, seq FROM zones))"
        " AS differing)").fetchone()
    return min((s for s in (first, unmatched) if s is not None), default=None)


def _head_fault(connection: sqlite3.Connection, tables: set[str], last: int, last_hash: str,
                count: int) -> AuditCheck | None:
    """The audit head (newest seq and hash) against the last event of the chain."""
    where = QT_TRANSLATE_NOOP("db", "the audit head")
    if "audithead" not in tables:
        return _broken(count, None, QT_TRANSLATE_NOOP("db", "the table that records the newest event "
                       "(audithead) is missing"), where)
    try:
        rows = connection.execute("SELECT seq, hash FROM audithead WHERE id = 1").fetchall()
    except sqlite3.OperationalError as error:
        return _broken(count, None, QT_TRANSLATE_NOOP("db", "it cannot be read ({error})"), where, error=error)
    if not rows:
        if last == 0:
            return None
        return _broken(count, None, QT_TRANSLATE_NOOP("db", "the record of the newest event was deleted "
                       "(the trail ends at event {last})"), where, last=last)
    head_seq, head_hash = rows[0]
    if type(head_seq) is not int or type(head_hash) is not str:
        wrong = head_seq if type(head_seq) is not int else head_hash
        return _broken(count, None, QT_TRANSLATE_NOOP("db", "it holds {kind} where the program writes the "
                       "newest event's number and hash"), where, kind=_kind_of(wrong))
    if head_seq < last:
        if head_seq + 1 == last:
            return _broken(count, last, QT_TRANSLATE_NOOP("db", "event {last} was added behind the program's back "
                           "(the newest event it recorded is {head})"), last=last, head=head_seq)
        return _broken(count, head_seq + 1, QT_TRANSLATE_NOOP("db", "events {first} to {last} were added behind "
                       "the program's back (the newest event it recorded is {head})"),
                       first=head_seq + 1, last=last, head=head_seq)
    if head_seq > last:
        if last + 1 == head_seq:
            return _broken(count, last + 1, QT_TRANSLATE_NOOP("db", "event {head} is missing (the newest event "
                           "recorded is {head}, the trail ends at {last})"), head=head_seq, last=last)
        return _broken(count, last + 1, QT_TRANSLATE_NOOP("db", "events {first} to {head} are missing (the newest "
                       "event recorded is {head}, the trail ends at {last})"),
                       first=last + 1, head=head_seq, last=last)
    if head_hash != last_hash:
        return _broken(count, None, QT_TRANSLATE_NOOP("db", "its hash does not match event {last}, the newest: "
                       "one of them was changed"), where, last=last)
    return None
