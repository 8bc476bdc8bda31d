"""The close of a month's audit: the chain head (the newest event's number and hash, when it
was written and by whom) signed with this database's key, to be printed and kept on paper.

The signed code, carried by the statement's QR code, is

    ZDS1.<payload in Base32>.<Ed25519 signature in Base32>

its payload canonical JSON (sorted keys, no spaces, UTF-8): the format version, the database's
identity, the id of the key that signed, the event's number and chain hash, when the event was
written, the month closed (or none: the head at printing), who printed it and when. Base32 as
the certificates' codes (db/certificates/code.py): QR alphanumeric, typed alike by any scanner.

`zonedesk verify-audit --anchor` takes it as it takes a plain ZDA1 code: the signature must
verify with one of the file's own keys (current or retired) and the identity must be the
file's; then the anchor (db/audit_anchor.py) proves the file unchanged up to that event.
Printing a statement is recorded in the trail (after the head it states).
"""

import base64
import binascii
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.audit_anchor import anchor_code
from db.audit_reading import on_server
from db.certificates.signing import verify_signature
from db.clock import SHANGHAI, iso_utc, stored_moment, to_shanghai, utc_now
from db.engine import Database
from db.errors import ValidationError
from db.money.subsidy_rules import next_period, parse_period
from db.services import key_on_server
from db.services.own_key import database_id, own_key
from db.translatable import QT_TRANSLATE_NOOP

PREFIX = "ZDS1"
VERSION = 1
# signed before the payload: a statement's signature is never a certificate's, nor theirs one
DOMAIN = b"zonedesk-audit-statement-v1\n"


@dataclass(frozen=True)
class Statement:
    seq: int
    chain_hash: str
    event_at: datetime  # Shanghai
    event_by: str  # who wrote the event: "name (username)"
    month: str | None  # "2026-11": the head at the month's end; None: at printing
    printed_at: datetime  # Shanghai
    printed_by: str  # "name (username)"
    office: str  # who holds the key that signed
    key_id: str
    database_id: str
    code: str  # the signed code (the QR code's text)

    @property
    def anchor(self) -> str:
        """The plain anchor code (typed by hand if the QR code cannot be read)."""
        return anchor_code(self.seq, self.chain_hash)


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text_: str) -> bytes:
    data = base64.b32decode(text_ + "=" * (-len(text_) % 8))
    if _b32(data) != text_:
        raise ValueError("not canonical Base32")
    return data


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _name(display: str | None, username: str) -> str:
    return f"{display} ({username})" if display else username


@checked
def sign_statement(db: Database, *, actor: Actor, month: str | None = None) -> Statement:
    """The chain head at the end of `month` (Shanghai; "YYYY-MM") or now, signed; the printing
    recorded in the trail. ValidationError when no event was written by then."""
    end = None
    if month is not None:
        month = parse_period(month, "month")
        following = next_period(month)
        try:
            start = datetime.combine(date(int(following[:4]), int(following[5:]), 1), time(0), SHANGHAI)
        except ValueError:  # past the calendar's end: every event is before it
            start = datetime(9999, 12, 31, tzinfo=UTC)
        end = iso_utc(start.astimezone(UTC))
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.AUDIT_READ)
        connection = session.connection()
        where, values = ("WHERE e.at < :end", {"end": end}) if end else ("", {})
        order = "e.at DESC, e.seq DESC" if end else "e.seq DESC"
        head = connection.execute(text(
            "SELECT e.seq, e.hash, e.at, e.actor_name, a.display_name FROM auditevent e"
            f" LEFT JOIN staffaccount a ON a.id = e.actor_id {where} ORDER BY {order} LIMIT 1"),
            values).first()
        if head is None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The audit trail holds no event up to then: there is no chain head to "
                      "print."), field="month")
        key = own_key(session, actor=actor)
        now = utc_now()
        payload = {"v": VERSION, "db": database_id(session), "key": key.key_id, "seq": head[0],
                   "hash": head[1], "event_at": head[2], "month": month, "by": actor.username,
                   "printed": iso_utc(now)}
        data = _canonical(payload)
        if isinstance(key, key_on_server.ServerKey):  # the server signs DOMAIN + data
            signature = key_on_server.sign_statement(session, data)
        else:
            signature = key.sign(DOMAIN + data)
        code = f"{PREFIX}.{_b32(data)}.{_b32(signature)}"
        office = connection.execute(text("SELECT office FROM signingkey WHERE key_id = :k"),
                                    {"k": key.key_id}).scalar() or key.office
        record(session, actor, Change("audit.statement", "audit_anchor", head[0], None,
                                      {"seq": head[0], "hash": head[1], "month": month,
                                       "key_id": key.key_id}))
        uow.commit()
    return Statement(head[0], head[1], to_shanghai(stored_moment(head[2])), _name(head[4], head[3]),
                     month, to_shanghai(now), _name(actor.display_name, actor.username), office,
                     key.key_id, payload["db"], code)


def is_signed(code: str) -> bool:
    return "".join(code.split()).upper().startswith(PREFIX + ".")


def read_signed(code: str) -> tuple[dict, bytes, bytes]:
    """(fields, payload, signature) of a signed code; ValidationError when it is not one."""
    parts = "".join(code.split()).upper().split(".")
    try:
        if len(parts) != 3 or parts[0] != PREFIX:
            raise ValueError("parts")
        payload, signature = _unb32(parts[1]), _unb32(parts[2])
        fields = json.loads(payload.decode("utf-8"))
        if (not isinstance(fields, dict) or _canonical(fields) != payload or fields.get("v") != VERSION
                or type(fields.get("seq")) is not int or fields["seq"] < 1
                or not isinstance(fields.get("hash"), str) or len(fields["hash"]) != 64
                or not isinstance(fields.get("key"), str) or not isinstance(fields.get("db"), str)
                or len(signature) != 64):
            raise ValueError("fields")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "This is not a chain head statement's code: it was altered or damaged, or "
                  "read incompletely."), field="anchor") from None
    return fields, payload, signature


FORGED, OTHER_DATABASE, UNKNOWN_KEY = "forged", "other database", "unknown key"


def signed_anchor_fault(connection: sqlite3.Connection, fields: dict, payload: bytes,
                        signature: bytes) -> tuple[str, str] | None:
    """(FORGED, OTHER_DATABASE or UNKNOWN_KEY, one sentence) when the signed statement cannot
    be trusted for this file, or None: its signature verifies with one of the file's own keys
    (current or retired) and it names this file. UNKNOWN_KEY: the key that signed is not among
    the file's, so the signature can be judged neither way (the file's keys were replaced, or
    it is another file); its number and hash may still be compared with the chain."""
    try:
        own = "own" if on_server(connection) else "own = 1"  # a server's boolean
        row = connection.execute(f"SELECT public_key FROM signingkey WHERE key_id = ? AND {own}",
                                 (fields["key"],)).fetchone()
    except sqlite3.OperationalError:  # a file from before the keys (migration 0004)
        row = None
    if row is None:
        return UNKNOWN_KEY, ("The key that signed this statement is not in this file: the file "
                             "is not the one the statement was printed from, or its keys were "
                             "replaced.")
    if not verify_signature(bytes(row[0]), signature, DOMAIN + payload):
        return FORGED, ("The statement's signature does not verify with this database's keys: "
                        "the statement is forged or was altered, and proves nothing.")
    try:
        identity = connection.execute("SELECT database_id FROM databaseidentity").fetchone()
    except sqlite3.OperationalError:
        identity = None
    if identity is None or identity[0] != fields["db"]:
        return OTHER_DATABASE, ("The statement was signed for another database: this file is "
                                "not the one it anchors.")
    return None


def month_end(month: str) -> date:
    following = next_period(month)
    return date(int(following[:4]), int(following[5:]), 1) - timedelta(days=1)
