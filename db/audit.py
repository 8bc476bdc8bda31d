"""The audit trail: one event per change, written in the same transaction as the change.

Each event's hash is SHA-256 over the previous event's hash and the event's canonical bytes
(sorted-key compact JSON, UTF-8). Triggers refuse UPDATE and DELETE on the table; `verify`
recomputes the chain and names the first event that was edited, deleted, reordered or inserted.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from db.access import Actor
from db.clock import iso_utc, utc_now

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


def record(session: Session, actor: Actor | None, *changes: Change) -> None:
    """Appends one event per change, inside the caller's (write) transaction."""
    head = session.connection().execute(text("SELECT seq, hash FROM audithead WHERE id = 1")).first()
    prev_seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    rows = chain(prev_seq, prev_hash, actor.staff_id if actor else None,
                 actor.username if actor else "system", changes)
    connection = session.connection()
    connection.execute(text(_INSERT), rows)
    connection.execute(text(_HEAD), {"seq": rows[-1]["seq"], "hash": rows[-1]["hash"]})


def record_bulk(connection: sqlite3.Connection, actor_id: int | None, actor_name: str,
                changes: Iterable[Change]) -> int:
    """The same for bulk loads on a plain sqlite3 connection inside its transaction."""
    head = connection.execute("SELECT seq, hash FROM audithead WHERE id = 1").fetchone()
    prev_seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    rows = chain(prev_seq, prev_hash, actor_id, actor_name, changes)
    if rows:
        connection.executemany(_INSERT, rows)
        connection.execute(_HEAD, {"seq": rows[-1]["seq"], "hash": rows[-1]["hash"]})
    return len(rows)


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    events: int
    first_broken_seq: int | None = None
    reason: str = ""


def verify(db_path: str | Path) -> AuditCheck:
    """Recomputes the chain from the file itself (read-only)."""
    connection = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
    try:
        return verify_connection(connection)
    finally:
        connection.close()


def verify_connection(connection: sqlite3.Connection) -> AuditCheck:
    connection.row_factory = sqlite3.Row
    triggers = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditevent'")}
    expected_seq, prev_hash, count = 1, GENESIS, 0
    for row in connection.execute("SELECT * FROM auditevent ORDER BY seq"):
        event = dict(row)
        seq = event["seq"]
        if seq != expected_seq:
            broken = min(seq, expected_seq)
            return AuditCheck(False, count, broken, f"sequence jumps from {expected_seq - 1} to {seq}")
        if event["prev_hash"] != prev_hash:
            return AuditCheck(False, count, seq, "does not follow the event before it")
        if event_hash(prev_hash, event) != event["hash"]:
            return AuditCheck(False, count, seq, "its content was changed after it was written")
        prev_hash, expected_seq, count = event["hash"], seq + 1, count + 1
    head = connection.execute("SELECT seq, hash FROM audithead WHERE id = 1").fetchone()
    head_seq, head_hash = (head[0], head[1]) if head else (0, GENESIS)
    if (head_seq, head_hash) != (expected_seq - 1, prev_hash):
        return AuditCheck(False, count, min(head_seq, expected_seq - 1) + 1,
                          f"events after {expected_seq - 1} are missing (the newest recorded is {head_seq})")
    if triggers != {"auditevent_no_update", "auditevent_no_delete"}:
        return AuditCheck(False, count, None, "the triggers that protect the audit table were removed")
    return AuditCheck(True, count)
