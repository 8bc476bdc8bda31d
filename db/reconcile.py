"""Reconciliation: every business row of the file equals the state the audit trail recorded for it.

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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlmodel import SQLModel

import db.models  # noqa: F401 (the tables' column types, on SQLModel.metadata)
from db import passwords
from db.audit_reading import columns, on_server, ordered_as_text, tables
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


_scan = json.decoder.JSONDecoder().scan_once  # the C scanner json.loads runs on a str


def _decoded(text: object) -> object:
    """json.loads(text), exactly (it raises the same errors): JSON as the program writes it, with
    no space around it, is decoded by the C scanner directly, without loads' checks around it."""
    if type(text) is str:
        try:
            value, end = _scan(text, 0)
        except StopIteration:
            end = -1
        if end == len(text):
            return value
    return json.loads(text)  # anything else: what json.loads says of it (or raises)


class _Table:
    """One table: its columns' types and places in a row as read (after the key as text)."""

    def __init__(self, connection: sqlite3.Connection, kind: Kind) -> None:
        self.connection, self.kind = connection, kind
        model = SQLModel.metadata.tables.get(kind.table)
        self.types = {c.name: _python_type(c) for c in model.columns} if model is not None else {}
        self.names: list[str] = []
        self.places: dict[str, int] = {}
        # the columns of a set of recorded fields (all of them columns), by the fields in order
        self.getters: dict[tuple[str, ...], Callable[[tuple], tuple] | None] = {}

    def rows(self) -> sqlite3.Cursor:
        """Every row as a tuple, its key as text first, in the order of the keys as text (as the
        trail's entity ids are ordered)."""
        every = "*"
        if on_server(self.connection):  # the columns the reading role may read
            every = ", ".join(f'"{c}"' for c in columns(self.connection, self.kind.table))
        key = ordered_as_text(f'CAST("{self.kind.key}" AS TEXT)', self.connection)
        cursor = self.connection.execute(
            f'SELECT {key} AS zonedesk_key, {every} FROM "{self.kind.table}" ORDER BY zonedesk_key')
        self.names = [d[0] for d in cursor.description][1:]
        self.places = {}
        for place, name in enumerate(self.names, start=1):
            self.places[name] = place  # as dict(zip(names, row)) reads it: the last of a name
        return cursor

    def getter(self, fields: tuple[str, ...]) -> Callable[[tuple], tuple] | None:
        """The values of these columns of a row, as a tuple; None when one is no column."""
        places = [self.places.get(f) for f in fields]
        if len(places) < 2 or None in places:
            return None
        return itemgetter(*places)


def _events(connection: sqlite3.Connection, kind: Kind) -> sqlite3.Cursor:
    """(entity id, seq, before, after) of every event of this kind, by entity id as text, then seq."""
    return connection.execute(
        "SELECT entity_id, seq, before_json, after_json FROM auditevent WHERE entity_type = ?"
        f" ORDER BY {ordered_as_text('entity_id', connection)}, seq", (kind.entity_type,))


def _recorded_by(segments: list[tuple[int, dict]], field: str) -> int:
    """The event that recorded the field's latest value: the newest one whose values name it."""
    for seq, values in reversed(segments):
        if field in values:
            return seq
    raise AssertionError(field)  # never: every field comes from one of them


def _entity(table: _Table, key: str, row: tuple | None, events: Iterable[tuple],
            seeded: dict[str, object] | None, found: list[Mismatch]) -> None:
    """Folds an entity's events (the latest value of each field wins; a creation starts again,
    a deletion ends it) over what the schema seeded, and appends how its row differs."""
    name = table.kind.table
    fields: dict[str, object] = dict(seeded) if seeded is not None else {}
    segments: list[tuple[int, dict]] = [(SCHEMA, fields)] if seeded is not None else []
    owned = True  # fields is a dict of our own, not an event's decoded values
    exists, last, unreadable = seeded is not None, SCHEMA, None
    period = table.kind.entity_type == "period"
    for _entity_id, seq, before_json, after_json in events:
        last = seq
        try:
            after = None if after_json == "null" else _decoded(after_json)
        except (TypeError, ValueError):  # a chain recomputed over what the program never writes
            unreadable = seq
            break
        if period:
            exists = bool(after.get("closed")) if isinstance(after, dict) else False
            continue
        if after is None:
            if before_json == "null":  # a change the event does not detail: version unknown
                if "version" in fields:
                    if not owned:
                        fields, owned = dict(fields), True
                    del fields["version"]
            else:
                fields, segments, owned, exists = {}, [], True, False
            continue
        if not isinstance(after, dict):
            continue
        if before_json == "null":  # made (an id freed by a deleted draft may be taken again)
            fields, segments, owned = after, [(seq, after)], False
        else:
            if not owned:
                fields, owned = dict(fields), True
            fields.update(after)
            segments.append((seq, after))
        exists = True
    if unreadable is not None:
        found.append(Mismatch(name, key, None, seq=unreadable, problem="unreadable"))
        return
    if row is None:
        if exists:
            found.append(Mismatch(name, key, None, seq=last, problem="missing"))
        return
    if not exists:
        found.append(Mismatch(name, key, None, seq=last, problem="deleted"))
        return
    if name != "signingkey":  # the common case: every recorded value held, of its type
        names = tuple(fields)
        getter = table.getters.get(names, _ABSENT)
        if getter is _ABSENT:
            getter = table.getters[names] = table.getter(names)
        if getter is not None:
            held, values = getter(row), tuple(fields.values())
            if held == values and tuple(map(type, held)) == tuple(map(type, values)):
                return
    _compare(table, key, dict(zip(table.names, row[1:], strict=True)), fields, segments, last,
             found)


def _compare(table: _Table, key: str, row: dict, fields: dict[str, object],
             segments: list[tuple[int, dict]], last: int, found: list[Mismatch]) -> None:
    """Each recorded field against the row, one by one (the differences sorted by field)."""
    name = table.kind.table
    differ: list[Mismatch] = []
    for field, value in fields.items():
        held = row.get(field, _ABSENT)
        if held is _ABSENT:
            differ.extend(_special(table, key, row, field, value, _recorded_by(segments, field)))
        elif not (held == value and type(held) is type(value)) \
                and not _same(table.types.get(field), held, value):
            differ.append(Mismatch(name, key, field, held, value, _recorded_by(segments, field)))
    if name == "signingkey":
        public = row.get("public_key")
        if not isinstance(public, bytes) or key_id_of(public) != row.get("key_id"):
            differ.append(Mismatch(name, key, "public_key", public,
                                   _Described(f"the public key whose id is {key}"), last))
    found.extend(sorted(differ, key=lambda m: m.field or ""))


_ABSENT: Any = object()


def _special(table: _Table, key: str, row: dict, field: str, value: object,
             seq: int) -> list[Mismatch]:
    """What an event records of a row other than its columns: a staff account's zones, a
    certificate's payload by its digest. Anything else an event records is not a column."""
    name = table.kind.table
    if field == "password_seal" and name == "staffaccount":
        if "password_hash" not in row and on_server(table.connection):
            return []  # a server keeps the passwords itself: no hash there to read
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
    if not {"approvedtotal", "subsidyentry"} <= tables(connection):
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
    """Each kind's rows and the trail's entities side by side, both in the order of their keys
    as text, one pass over each; stops once `limit` differences are found."""
    names = tables(connection)
    found: list[Mismatch] = []
    for kind in KINDS:
        if kind.table not in names:
            continue  # an older schema
        table = _Table(connection, kind)
        seeds = SEEDED.get(kind.entity_type, {})
        rows = table.rows()
        row = next(rows, None)
        for key, events in groupby(_events(connection, kind), itemgetter(0)):
            while row is not None and row[0] < key:  # rows no event names
                _unnamed(table, row, seeds, found)
                row = next(rows, None)
            if row is not None and not key < row[0]:  # the same key
                _entity(table, key, row, events, seeds.get(key), found)
                row = next(rows, None)
            else:
                _entity(table, key, None, events, seeds.get(key), found)
            if len(found) >= limit:
                return found[:limit]
        while row is not None:
            _unnamed(table, row, seeds, found)
            if len(found) >= limit:
                return found[:limit]
            row = next(rows, None)
    found.extend(_approved_totals(connection))
    return found[:limit]


def _unnamed(table: _Table, row: tuple, seeds: dict[str, dict], found: list[Mismatch]) -> None:
    """A row that no event names: what the schema seeded, or added behind the program's back."""
    key = row[0]
    if key in seeds:
        _entity(table, key, row, (), seeds[key], found)
    elif table.kind.every_row_audited:
        found.append(Mismatch(table.kind.table, key, None, problem="unrecorded"))
