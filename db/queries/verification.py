"""Checking a certificate's code (scanned or pasted) or its serial.

Valid only when the payload is in canonical form, its signature verifies byte for byte with a
key this file trusts, and:
- signed with one of this database's own keys (the current one or a retired one): this file
  issued exactly that serial with exactly that payload, and did not revoke it. A code signed
  with our key that this file did not issue so is `forged`: someone signed with this office's
  key outside this database (a copy of the file, a copied key); it is never valid;
- signed with another office's imported key: valid unless this file holds a different
  certificate under that serial (its status is kept at that office).

Everything else is named: tampered (altered, damaged, not matching what was issued),
unknown_key (a well-formed code signed by a key nobody imported), revoked (with the reason),
not_found (no certificate with this serial in the zones the person covers), unreadable (not a
Zone Desk code or serial at all).

Scope: a typed serial finds only certificates of the zones the person covers (another zone's
answers as not found, exactly like a serial never issued). A scanned code carries its own
content, so anyone may check it; for a certificate of a zone the person does not cover the
verdict carries only what the code holds (no revocation reason, no printed content).

A code that is not valid tells what it claims (`claimed`: what its payload says, never to be
trusted), and, when this file issued that serial in a zone the person covers, what was issued
(`issued`), so that a reviewer sees what was altered.
"""

import json
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import text
from sqlmodel import Session, select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.certificates import code as certificate_code
from db.certificates.content import PrintedCertificate
from db.certificates.signing import verify_signature
from db.clock import to_shanghai
from db.engine import Database
from db.models import Certificate, SigningKey
from db.server.dialect import is_server

SERIAL = re.compile(r"^Z\d{2}-\d{4}-\d{6}$")
OUTCOMES = ("valid", "revoked", "forged", "tampered", "unknown_key", "not_found", "unreadable")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    outcome: str  # one of OUTCOMES
    serial: str = ""
    fields: dict = field(default_factory=dict)  # the signed fields, once the signature verified
    office: str = ""  # who holds the key that signed it
    in_this_database: bool = False
    revoked_reason: str = ""
    revoked_on: date | None = None
    printed: PrintedCertificate | None = None
    # issued here for a zone the person does not cover: only what the code itself holds is told
    other_zone: bool = False
    # not valid: what the code claims (NOT verified), and what this file issued under its serial
    claimed: dict = field(default_factory=dict)
    issued: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.outcome == "valid"


def _issued(session: Session, serial: str) -> Certificate | None:
    return session.exec(select(Certificate).where(Certificate.serial == serial)).first()


def _as_issued(certificate: Certificate, fields: dict, office: str, actor: Actor) -> Verdict:
    """The verdict on a code that is exactly what this file issued."""
    serial, revoked = certificate.serial, certificate.status == "revoked"
    outcome = "revoked" if revoked else "valid"
    if not actor.covers(certificate.zone_id):
        return Verdict(outcome, serial, fields, office, True, other_zone=True)
    printed = PrintedCertificate.from_json(certificate.content, print_number=certificate.print_count,
                                           revoked=revoked)
    if revoked:
        revoked_on = to_shanghai(certificate.revoked_at).date() if certificate.revoked_at else None
        return Verdict(outcome, serial, fields, office, True, certificate.revoked_reason,
                       revoked_on, printed)
    return Verdict(outcome, serial, fields, office, True, printed=printed)


CLAIMS = ("serial", "kind", "firm", "uscc", "amount", "facts", "issued", "issuer")


def _claims(payload: bytes) -> dict:
    """What a payload says, read leniently (an altered code need not be canonical): only the
    certificate's fields, never trusted."""
    try:
        said = json.loads(payload.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return {}
    return {name: said[name] for name in CLAIMS if name in said} if isinstance(said, dict) else {}


def _issued_for(session: Session, actor: Actor, serial: object) -> dict:
    """What this file issued under `serial`, when the person covers its zone; else {}."""
    certificate = _issued(session, serial) if isinstance(serial, str) else None
    if certificate is None or not actor.covers(certificate.zone_id):
        return {}
    return _claims(certificate.payload)


def _not_valid(session: Session, actor: Actor, verdict: Verdict, payload: bytes) -> Verdict:
    claimed = _claims(payload)
    serial = verdict.serial or (claimed.get("serial") if isinstance(claimed.get("serial"), str) else "")
    return replace(verdict, serial=serial, claimed=claimed,
                   issued=_issued_for(session, actor, serial) if claimed else {})


def _check(session: Session, actor: Actor, payload: bytes, signature: bytes,
           certificate: Certificate | None = None) -> Verdict:
    """`certificate`: the one kept for the serial, when the caller has it already."""
    verdict = _verdict(session, actor, payload, signature, certificate)
    return verdict if verdict.outcome in ("valid", "revoked") else \
        _not_valid(session, actor, verdict, payload)


def _verdict(session: Session, actor: Actor, payload: bytes, signature: bytes,
             certificate: Certificate | None) -> Verdict:
    try:
        fields = certificate_code.parse(payload)
    except certificate_code.MalformedCode:
        return Verdict("tampered")
    serial = fields["serial"]
    key = session.get(SigningKey, fields["key"])
    if key is None:
        return Verdict("unknown_key", serial)
    if not verify_signature(key.public_key, signature, payload):
        return Verdict("tampered", serial, office=key.office)
    if certificate is None or certificate.serial != serial:
        certificate = _issued(session, serial)
    if certificate is None and is_server(session):
        beyond = _issued_beyond_zones(session, serial, payload, fields, key)
        if beyond is not None:
            return beyond
    if key.own and (certificate is None or certificate.payload != payload):
        log.warning("Forged certificate code refused: serial %s signed with this database's key "
                    "%s, not as issued here", serial, key.key_id)
        return Verdict("forged", serial, office=key.office)
    if certificate is None:
        # signed by another office's key, for a serial this file never issued: its status is
        # kept there
        return Verdict("valid", serial, fields, key.office)
    if certificate.payload != payload:
        return Verdict("tampered", serial, {}, key.office, True)
    return _as_issued(certificate, fields, key.office, actor)


def _issued_beyond_zones(session: Session, serial: str, payload: bytes, fields: dict,
                         key: SigningKey) -> Verdict | None:
    """On a server a person reads only their zones' certificates: whether this database issued
    the serial elsewhere, with exactly this payload, is asked of migration 0014's function
    (which answers with a status, never the row). None: issued nowhere (judged as before)."""
    status = session.connection().execute(text("SELECT zonedesk_issued_as(:serial, :payload)"),
                                          {"serial": serial, "payload": payload}).scalar()
    if status is None:
        return None
    if status == "differs":
        if key.own:
            log.warning("Forged certificate code refused: serial %s signed with this database's "
                        "key %s, not as issued here", serial, key.key_id)
            return Verdict("forged", serial, office=key.office)
        return Verdict("tampered", serial, {}, key.office, True)
    return Verdict(status, serial, fields, key.office, True, other_zone=True)


def _by_serial(session: Session, actor: Actor, serial: str) -> Verdict:
    certificate = _issued(session, serial)
    if certificate is None or not actor.covers(certificate.zone_id):
        return Verdict("not_found", serial)  # another zone's: answered as never issued
    return _check(session, actor, certificate.payload, certificate.signature, certificate)


@checked
def verify_code(db: Database, *, actor: Actor, text: str) -> Verdict:
    """A scanned or pasted code, or a serial (Z07-2026-000123)."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_READ)
        typed = text.strip().upper()
        if SERIAL.match(typed):
            return _by_serial(session, actor, typed)
        try:
            payload, signature = certificate_code.decode(text)
        except certificate_code.UnreadableCode:
            return Verdict("unreadable")
        except certificate_code.MalformedCode:
            return Verdict("tampered")
        return _check(session, actor, payload, signature)
