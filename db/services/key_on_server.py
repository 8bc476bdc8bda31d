"""The office's key on a server: kept by the server, which alone signs (db/server/signing.py).
A PC knows the key's id and public half; it asks the server to sign what it issued.

- `server_key(session, …)`: the office's key, in the caller's write transaction; the server
  makes it the first time, or anew when the current one's private half is not on the server (a
  key moved in from a file without it: retired, what it signed still verifies), or when an
  administrator replaces it (`reason`). The trail records it as on a file (key.register,
  key.retire, key.replace), in the person's name.
- `sign_certificates(session, ids)`: the server's signatures of the certificates this
  transaction inserted unsigned, in that order; the server refuses what the issuing service
  would not have issued.
- `sign_statement(session, data)`: the server's signature of a month's audit statement.
"""

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from db.access import Actor
from db.audit import Change, record
from db.certificates.signing import SigningKeyRefused
from db.clock import utc_now
from db.models import SigningKey
from db.translatable import QT_TRANSLATE_NOOP

KEY_LOCK = 0x5A444B59  # "ZDKY": the server's functions make one key at a time under it


@dataclass(frozen=True)
class ServerKey:
    """The office's key as the program sees it on a server: no private half."""

    key_id: str
    public_raw: bytes
    office: str
    database_id: str


def _not_installed() -> SigningKeyRefused:
    return SigningKeyRefused(QT_TRANSLATE_NOOP(
        "db", "This server cannot sign certificates: its signing functions were not installed. "
              "The district's IT should run “zonedesk server init” again as the server's "
              "superuser (see docs/server.md); nothing was signed."), field="key")


def _installed(session: Session) -> bool:
    return bool(session.connection().execute(text(
        "SELECT to_regprocedure('zonedesk_sign_certificates(text, bigint[])') IS NOT NULL"
    )).scalar())


def server_key(session: Session, *, actor: Actor | None, office: str | None = None,
               reason: str | None = None) -> ServerKey:
    from db.services.own_key import current_key, key_values

    if not _installed(session):
        raise _not_installed()
    # the key as it is once no one else is making it: two PCs' first issues record one key
    session.connection().execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": KEY_LOCK})
    old = current_key(session)
    before = key_values(old) if old is not None else None
    key_id, retired = session.connection().execute(text(
        "SELECT zonedesk_office_key(current_user::text, :office, :reason, :at)"),
        {"office": office, "reason": reason, "at": utc_now()}).scalar_one()
    if retired:
        session.expire(old)
        record(session, actor, Change("key.retire", "signing_key", retired, before,
                                      key_values(old)))
    row = session.get(SigningKey, key_id)
    if old is None or retired:
        record(session, actor, Change("key.replace" if reason else "key.register", "signing_key",
                                      key_id, None, key_values(row)))
    return ServerKey(row.key_id, row.public_key, row.office, row.database_id or "")


def sign_certificates(session: Session, ids: list[int]) -> list[bytes]:
    if not ids:
        return []
    signatures = session.connection().execute(text(
        "SELECT zonedesk_sign_certificates(current_user::text, :ids)"), {"ids": ids}).scalar_one()
    return [bytes(signature) for signature in signatures]


def sign_statement(session: Session, data: bytes) -> bytes:
    if not _installed(session):
        raise _not_installed()
    return bytes(session.connection().execute(text(
        "SELECT zonedesk_sign_statement(current_user::text, :data)"), {"data": data}).scalar_one())
