"""Checking a certificate's code (scanned or pasted) or its serial.

Valid only when the payload is in canonical form, its signature verifies byte for byte with a
key this file trusts and, for a certificate issued on this file, the payload is the one kept and
the certificate was not revoked. Everything else is named: tampered (altered, damaged, or not
matching what was issued), unknown_key (a well-formed code signed by a key nobody imported),
revoked (with the reason), not_found (a serial this file never issued), unreadable (not a Zone
Desk code or serial at all).
"""

import re
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from db.access import Action, Actor, authorise
from db.certificates import code as certificate_code
from db.certificates.content import PrintedCertificate
from db.certificates.signing import verify_signature
from db.clock import to_shanghai
from db.engine import Database
from db.models import Certificate, SigningKey

SERIAL = re.compile(r"^Z\d{2}-\d{4}-\d{6}$")
OUTCOMES = ("valid", "revoked", "tampered", "unknown_key", "not_found", "unreadable")


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

    @property
    def valid(self) -> bool:
        return self.outcome == "valid"


def _issued(session: Session, serial: str) -> Certificate | None:
    return session.exec(select(Certificate).where(Certificate.serial == serial)).first()


def _with_record(certificate: Certificate | None, fields: dict, payload: bytes,
                 office: str) -> Verdict:
    serial = fields["serial"]
    if certificate is None:
        # signed by a trusted key, but issued on another file (another office): its status is
        # kept there
        return Verdict("valid", serial, fields, office)
    if certificate.payload != payload:
        return Verdict("tampered", serial, {}, office, True)
    printed = PrintedCertificate.from_json(certificate.content, print_number=certificate.print_count,
                                           revoked=certificate.status == "revoked")
    if certificate.status == "revoked":
        revoked_on = to_shanghai(certificate.revoked_at).date() if certificate.revoked_at else None
        return Verdict("revoked", serial, fields, office, True, certificate.revoked_reason,
                       revoked_on, printed)
    return Verdict("valid", serial, fields, office, True, printed=printed)


def _check(session: Session, payload: bytes, signature: bytes,
           certificate: Certificate | None = None) -> Verdict:
    """`certificate`: the one kept for the serial, when the caller has it already."""
    try:
        fields = certificate_code.parse(payload)
    except certificate_code.MalformedCode:
        return Verdict("tampered")
    key = session.get(SigningKey, fields["key"])
    if key is None:
        return Verdict("unknown_key", fields["serial"])
    if not verify_signature(key.public_key, signature, payload):
        return Verdict("tampered", fields["serial"], office=key.office)
    if certificate is None or certificate.serial != fields["serial"]:
        certificate = _issued(session, fields["serial"])
    return _with_record(certificate, fields, payload, key.office)


def _by_serial(session: Session, serial: str) -> Verdict:
    certificate = _issued(session, serial)
    if certificate is None:
        return Verdict("not_found", serial)
    return _check(session, certificate.payload, certificate.signature, certificate)


def verify_code(db: Database, *, actor: Actor, text: str) -> Verdict:
    """A scanned or pasted code, or a serial (Z07-2026-000123)."""
    with db.reading() as uow:
        session = uow.session
        authorise(session, actor, Action.CERTIFICATE_READ)
        typed = text.strip().upper()
        if SERIAL.match(typed):
            return _by_serial(session, typed)
        try:
            payload, signature = certificate_code.decode(text)
        except certificate_code.UnreadableCode:
            return Verdict("unreadable")
        except certificate_code.MalformedCode:
            return Verdict("tampered")
        return _check(session, payload, signature)
