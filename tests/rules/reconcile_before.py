"""db/reconcile.py as it was before issue 14 (one query per kind, a dict for every row, every
event folded into (value, seq) pairs), kept verbatim below this note as the reference that
tests/rules/test_reconcile_same.py compares the faster reconciliation with.

Reconciliation: every business row of the file equals the state the audit trail recorded for it.

The hash chain (db/audit.py) proves that the trail was not edited; reconciliation proves that the
rows were not edited behind the program's back either. For every firm, tenancy, staff account,
subsidy entry, award, policy rate, budget, award amount, programme limit, certificate, signing
key, edited zone, closed month and office setting (a demo's mark among them):

- each field an event recorded (the latest value wins: an event may record part of a row, as a
  log-in or the demo's bulk loads do) must be what the row holds;
- a row that no event created was added behind the program's back (the programme limits and
  award amounts that the schema itself wrote are compared with what it wrote);
- a row the trail created and never deleted must be there, and one it deleted must not.

The totals kept by trigger (`approvedtotal`) must equal the approved entries they add up.

What no event records is not reconciled: a password hash, when a row was created or last
updated, a certificate's printed content and signature (its payload is, by its SHA-256), who
closed a month and when. A signing key's public key is reconciled by its key id, which is its
digest.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import SQLModel

import db.models  # noqa: F401 (the tables' column types, on SQLModel.metadata)
from db import passwords
from db.certificates.signing import key_id_of

MAX_REPORTED = 1_000


@dataclass(frozen=True)
class Kind:
    """How one kind of entity of the trail maps onto its table."""

    entity_type: str
    table: str
    key: str
    integer_key: bool = True
    every_row_audited: bool = True  # zones are reference data, reconciled once edited


KINDS = (
    Kind("enterprise", "enterprise", "id"),
    Kind("tenancy", "tenancy", "id"),
    Kind("staff", "staffaccount", "id"),
    Kind("subsidy_entry", "subsidyentry", "id"),
    Kind("award", "award", "id"),
    Kind("policy_rate", "policyrate", "id"),
    Kind("budget", "budget", "id"),
    Kind("award_rate", "awardrate", "id"),
    Kind("programme_setting", "programmesetting", "key", integer_key=False),
    Kind("certificate", "certificate", "id"),
    Kind("signing_key", "signingkey", "key_id", integer_key=False),
    Kind("zone", "zone", "id", every_row_audited=False),
    Kind("period", "closedperiod", "period", integer_key=False),
    # the backup folder, and a demo's mark (db/queries/demo_data.py): there iff an event made it
    Kind("office_setting", "officesetting", "name", integer_key=False),
)
# rows the schema itself wrote (migration 0002), with no event: compared with what it wrote
SEEDED: dict[str, dict[str, dict[str, object]]] = {
    "programme_setting": {
        "budget_cap_fen": {"key": "budget_cap_fen", "value": 1_500_000_000_000, "version": 1},
        "loan_quota_fen": {"key": "loan_quota_fen", "value": 40_000_000_000_000, "version": 1},
        "guarantee_cap_per_firm_fen": {"key": "guarantee_cap_per_firm_fen",
                                       "value": 3_000_000_000, "version": 1},
    },
    "award_rate": {
        "1": {"id": 1, "level": "municipal", "valid_from": "2024-12-01", "amount_fen": 10_000_000,
              "version": 1},
        "2": {"id": 2, "level": "national", "valid_from": "2024-12-01", "amount_fen": 30_000_000,
              "version": 1},
    },
}
SCHEMA = 0  # the "event" of a seeded value: the file's making


@dataclass(frozen=True)
class Mismatch:
    """A row, or one field of it, that differs from what the trail recorded. `field` None: the
    row as a whole (missing, or there without an event). `seq`: the event that recorded it."""

    table: str
    key: str
    field: str | None
    found: object = None
    recorded: object = None
    seq: int | None = None
    problem: str = "field"  # field | unrecorded | missing | deleted | total | unreadable

    def sentence(self) -> str:
        event = "when the file was made" if self.seq == SCHEMA else f"event {self.seq}"
        where = f"{self.table} {self.key}"
        if self.problem == "unrecorded":
            return (f"{where} is in the file, but no audit event records it: it was added "
                    "behind the program's back.")
        if self.problem == "missing":
            return (f"{where} is missing from the file, though the audit trail recorded it "
                    f"({event}) and never its deletion.")
        if self.problem == "unreadable":
            return (f"{where} cannot be compared with its audit trail: {event} records its state "
                    "in a form the program never writes (not JSON).")
        if self.problem == "deleted":
            return f"{where} is in the file, though the audit trail recorded its deletion ({event})."
        if self.problem == "total":
            return (f"{where}, {self.field}: the file holds {_shown(self.found)}, but the approved "
                    f"entries add up to {_shown(self.recorded)}.")
        return (f"{where}, {self.field}: the file holds {_shown(self.found)}, but the audit "
                f"trail recorded {_shown(self.recorded)} ({event}).")


class _Described(str):
    """A recorded value described in words rather than quoted."""


def _shown(value: object) -> str:
    if isinstance(value, _Described):
        return str(value)
    if isinstance(value, bytes):
        return f"a binary value of {len(value)} bytes"
    if isinstance(value, str):
        return f"“{value if len(value) <= 60 else value[:57] + '...'}”"
    return "nothing" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _python_type(column: object) -> type | None:
    stored = getattr(column.type, "impl", column.type)  # a TypeDecorator stores as its impl
    try:
        return stored.python_type
    except (NotImplementedError, AttributeError):
        return None


def _same(kind: type | None, found: object, recorded: object) -> bool:
    """Whether the stored value is the one recorded (moments in any of the ISO forms the table
    and the trail write; booleans stored as 0 or 1)."""
    if found is None or recorded is None:
        return found is None and recorded is None
    if kind is datetime:
        moment = _moment(found)
        return moment is not None and moment == _moment(recorded)
    if kind is bool:
        return type(found) is int and found in (0, 1) and recorded in (True, False) \
            and bool(found) == bool(recorded)
    if kind is date:
        return isinstance(found, str) and found == recorded
    if isinstance(recorded, bool):
        recorded = int(recorded)
    return type(found) is type(recorded) and found == recorded


def _text(raw: bytes) -> str | bytes:
    """Text as stored; text that is not UTF-8 stays bytes (and so never equals what was recorded)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


@dataclass
class _Recorded:
    """What the trail says of one entity: its fields (value, event) and whether it exists."""

    fields: dict[str, tuple[object, int]]
    exists: bool
    seq: int
    unreadable: int | None = None  # the event whose state is not JSON: nothing to compare with


def _fold(entity_type: str, events: list[tuple[int, str, str]],
          seeded: dict[str, object] | None) -> _Recorded:
    state = _Recorded({k: (v, SCHEMA) for k, v in (seeded or {}).items()}, seeded is not None, SCHEMA)
    for seq, before_json, after_json in events:
        state.seq = seq
        try:
            after = None if after_json == "null" else json.loads(after_json)
        except (TypeError, ValueError):  # a chain recomputed over what the program never writes
            state.unreadable = seq
            return state
        if entity_type == "period":
            state.exists = bool(after.get("closed")) if isinstance(after, dict) else False
            continue
        if after is None:
            if before_json == "null":  # a change the event does not detail: version unknown
                state.fields.pop("version", None)
            else:
                state.fields, state.exists = {}, False
            continue
        if not isinstance(after, dict):
            continue
        if before_json == "null":  # made (an id freed by a deleted draft may be taken again)
            state.fields = {}
        state.exists = True
        state.fields.update({k: (v, seq) for k, v in after.items()})
    return state


def _entities(connection: sqlite3.Connection, kind: Kind) -> Iterator[tuple[str, list]]:
    """(entity id, its events in order) for every entity of this kind the trail names, in the
    order of the ids as text."""
    rows = connection.execute(
        "SELECT entity_id, seq, before_json, after_json FROM auditevent WHERE entity_type = ?"
        " ORDER BY entity_id, seq", (kind.entity_type,))
    current, events = None, []
    for entity_id, seq, before_json, after_json in rows:
        if entity_id != current and events:
            yield current, events
            events = []
        current = entity_id
        events.append((seq, before_json, after_json))
    if events:
        yield current, events


class _Table:
    """One table's rows by key, with its columns' types."""

    def __init__(self, connection: sqlite3.Connection, kind: Kind) -> None:
        self.connection, self.kind = connection, kind
        model = SQLModel.metadata.tables.get(kind.table)
        self.types = {c.name: _python_type(c) for c in model.columns} if model is not None else {}

    def rows(self) -> Iterator[tuple[str, dict[str, object]]]:
        """Every row with its key as text, in the order of the keys as text (as the trail's
        entity ids are ordered)."""
        cursor = self.connection.execute(
            f'SELECT CAST("{self.kind.key}" AS TEXT) AS zonedesk_key, * FROM "{self.kind.table}"'
            " ORDER BY zonedesk_key")
        names = [d[0] for d in cursor.description][1:]
        for found in cursor:
            yield found[0], dict(zip(names, found[1:], strict=True))


def _matched(table: _Table, entities: Iterator[tuple[str, list]]
             ) -> Iterator[tuple[str, dict | None, list | None]]:
    """(key, row or None, events or None): the rows and the trail's entities side by side."""
    rows = table.rows()
    row = next(rows, None)
    entity = next(entities, None)
    while row is not None or entity is not None:
        if entity is None or (row is not None and row[0] < entity[0]):
            yield row[0], row[1], None
            row = next(rows, None)
        elif row is None or entity[0] < row[0]:
            yield entity[0], None, entity[1]
            entity = next(entities, None)
        else:
            yield row[0], row[1], entity[1]
            row, entity = next(rows, None), next(entities, None)


def _compare(table: _Table, key: str, row: dict | None, recorded: _Recorded) -> list[Mismatch]:
    name = table.kind.table
    if recorded.unreadable is not None:
        return [Mismatch(name, key, None, seq=recorded.unreadable, problem="unreadable")]
    if row is None:
        return [Mismatch(name, key, None, seq=recorded.seq, problem="missing")] if recorded.exists else []
    if not recorded.exists:
        return [Mismatch(name, key, None, seq=recorded.seq, problem="deleted")]
    found: list[Mismatch] = []
    for field, (value, seq) in recorded.fields.items():
        held = row.get(field, _ABSENT)
        if held is _ABSENT:
            found.extend(_special(table, key, row, field, value, seq))
        elif not (held == value and type(held) is type(value)) \
                and not _same(table.types.get(field), held, value):
            found.append(Mismatch(name, key, field, held, value, seq))
    if name == "signingkey":
        public = row.get("public_key")
        if not isinstance(public, bytes) or key_id_of(public) != row.get("key_id"):
            found.append(Mismatch(name, key, "public_key", public,
                                  _Described(f"the public key whose id is {key}"), recorded.seq))
    return sorted(found, key=lambda m: m.field or "")


_ABSENT = object()


def _special(table: _Table, key: str, row: dict, field: str, value: object,
             seq: int) -> list[Mismatch]:
    """What an event records of a row other than its columns: a staff account's zones, a
    certificate's payload by its digest. Anything else an event records is not a column."""
    name = table.kind.table
    if field == "password_seal" and name == "staffaccount":
        held = row.get("password_hash")
        if not isinstance(held, str) or passwords.seal(held) != value:
            return [Mismatch(name, key, "password_hash", _Described("another password hash"),
                             _Described("the hash the program last set"), seq)]
        return []
    if field == "zone_ids" and name == "staffaccount":
        zones = [r[0] for r in table.connection.execute(
            "SELECT zone_id FROM staffzone WHERE staff_id = ? ORDER BY zone_id", (row["id"],))]
        if not isinstance(value, list) or zones != sorted(v for v in value if isinstance(v, int)):
            return [Mismatch(name, key, "zone_ids", zones, value, seq)]
    if field == "payload_sha256" and name == "certificate":
        payload = row.get("payload")
        digest = hashlib.sha256(payload).hexdigest() if isinstance(payload, bytes) else None
        if digest != value:
            return [Mismatch(name, key, "payload", payload,
                             _Described(f"a payload whose SHA-256 is {value}"), seq)]
    return []


def _approved_totals(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"approvedtotal", "subsidyentry"} <= tables:
        return
    kept = {(z, p, c): (a, n) for z, p, c, a, n in connection.execute(
        "SELECT zone_id, period, category, amount_fen, entries FROM approvedtotal")}
    added = {(z, p, c): (a, n) for z, p, c, a, n in connection.execute(
        "SELECT zone_id, period, category, sum(subsidy_fen), count(*) FROM subsidyentry"
        " WHERE status = 'approved' GROUP BY zone_id, period, category")}
    for key in sorted(set(kept) | set(added), key=repr):
        held, sums = kept.get(key, (0, 0)), added.get(key, (0, 0))
        where = f"(zone {key[0]}, {key[1]}, {key[2]})"
        for field, found, expected in (("amount_fen", held[0], sums[0]), ("entries", held[1], sums[1])):
            if found != expected:
                yield Mismatch("approvedtotal", where, field, found, expected, problem="total")


def reconcile(connection: sqlite3.Connection, limit: int = MAX_REPORTED) -> list[Mismatch]:
    """Every difference between the rows and the trail (the first `limit`), in table order."""
    try:
        return _reconcile(connection, limit)
    except sqlite3.OperationalError as error:
        if "decode" not in str(error):
            raise
        connection.text_factory = _text  # text that is not UTF-8: read again, and named
        return _reconcile(connection, limit)


def _reconcile(connection: sqlite3.Connection, limit: int) -> list[Mismatch]:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found: list[Mismatch] = []
    for kind in KINDS:
        if kind.table not in tables:
            continue  # an older schema
        table = _Table(connection, kind)
        seeds = SEEDED.get(kind.entity_type, {})
        for key, row, events in _matched(table, _entities(connection, kind)):
            if events is None and key not in seeds:
                if row is not None and kind.every_row_audited:
                    found.append(Mismatch(kind.table, key, None, problem="unrecorded"))
                continue
            recorded = _fold(kind.entity_type, events or [], seeds.get(key))
            found.extend(_compare(table, key, row, recorded))
            if len(found) >= limit:
                return found[:limit]
    found.extend(_approved_totals(connection))
    return found[:limit]
