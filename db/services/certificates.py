"""Issuing certificates, reprinting them and revoking them.

Issue: in one write transaction per call, for each request: check the role and zone, read what is
certified (db/services/certificate_subjects.py), refuse what the certificate font cannot print,
take the zone's next serial for the year (max + 1: the transaction began IMMEDIATE, so a second
program waits and then sees this one's serials; on a server, under an advisory lock per zone and
year; certificates are never deleted, so serials stay gapless), sign the canonical payload with this database's own key (db/services/own_key.py: made
for this database, registered on it; no other key signs here; on a server the server signs the
rows once inserted, after its own checks, db/services/key_on_server.py), keep the certificate
exactly as printed, record one audit event. All requests or none.

Reprint: the same serial and content, the print count + 1, marked as a copy. Revoke: once, with a
reason, one certificate or many in one transaction (a batch issued by mistake: all or none, one
audit event each); approving the reversal of an entry or award revokes the certificates covering it
(`revoke_covering`, called by db/services/approvals.py in its transaction).
"""

import dataclasses
import hashlib
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, text
from sqlmodel import Session, select

from db.access import Action, Actor, authorise, require
from db.arguments import checked
from db.audit import Change, record
from db.certificates import code as certificate_code
from db.certificates import printable
from db.certificates.content import PrintedCertificate
from db.certificates.signing import OfficeKey
from db.clock import to_shanghai, utc_now
from db.engine import Database, UnitOfWork
from db.errors import ChangedMeanwhile, NotFound, ValidationError
from db.models import Certificate, CertificateCover, Enterprise, Zone
from db.models.reference import service_centre_name
from db.server.dialect import is_server
from db.services.certificate_subjects import (
    CertificateRequest,
    EntriesRead,
    Rates,
    Subject,
    read_approved,
    subject,
)
from db.services.key_on_server import ServerKey, sign_certificates
from db.services.own_key import own_key
from db.translatable import QT_TRANSLATE_NOOP

__all__ = ["CertificateRequest", "Issued", "issue_many", "reprint", "revoke", "revoke_covering",
           "revoke_many"]


@dataclass(frozen=True)
class Issued:
    certificate_id: int
    serial: str
    printed: PrintedCertificate


def issuer_of(zone: Zone) -> str:
    """The service centre printed above the seal."""
    return service_centre_name(zone.name, zone.service_centre)


def _refuse_unprintable(found: Subject, issuer: str) -> None:
    for value in (found.firm.name, issuer, *found.texts, *found.facts.values()):
        missing = printable.unprintable(value)
        if missing:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "“{text}” contains characters the certificate font cannot print ({chars}). "
                      "Correct the record, or ask an administrator to add a font that has them; "
                      "nothing was issued."), field="name", text=value, chars=" ".join(missing))


# on a server: the advisory lock (this, a hash of zone and year) a writer takes before it reads
# the zone's last serial of the year, held until its transaction ends
SERIAL_LOCK = 0x5A44534E  # "ZDSN"


def _next_seq(session: Session, zone_id: int, year: int) -> int:
    """The zone's next serial number of the year. A file's writers queue before they begin
    (BEGIN IMMEDIATE); on a server the program's writers do too (the writers' lock), and a zone
    and year's serials are taken under a lock of their own besides, so that whoever writes, no
    two transactions read the same last number (read committed: the number read after the lock
    is the last one committed)."""
    if is_server(session):
        session.connection().execute(
            text("SELECT pg_advisory_xact_lock(:lock, hashtext(:zone || ' ' || :year))"),
            {"lock": SERIAL_LOCK, "zone": str(zone_id), "year": str(year)})
    last = session.exec(select(func.max(Certificate.seq)).where(
        Certificate.zone_id == zone_id, Certificate.year == year)).one()
    return (last or 0) + 1


def audit_values(certificate: Certificate) -> dict[str, object]:
    values = certificate.model_dump(exclude={"payload", "signature", "content"})
    values["payload_sha256"] = hashlib.sha256(certificate.payload).hexdigest()
    return values


@dataclass
class _Issuing:
    """What one issuing transaction reads once: each zone asked for, the firms asked for (read
    together), the rates named on the certificates, and the last serial number taken for each
    zone and year (read from the file the first time, counted on after that: the transaction
    began IMMEDIATE, so no other program takes one meanwhile)."""

    zones: dict[int, Zone | None] = field(default_factory=dict)
    last_seq: dict[tuple[int, int], int] = field(default_factory=dict)
    firms: list[Enterprise] = field(default_factory=list)  # kept in the session's identity map
    rates: Rates = field(default_factory=dict)
    approved: EntriesRead = field(default_factory=dict)

    def read_firms(self, session: Session, requests: list[CertificateRequest]) -> None:
        """Each firm asked for, in one query: subject() then finds it in the session; and the
        approved entries of the subsidy confirmations asked for, a query for all firms."""
        ids = sorted({request.enterprise_id for request in requests})
        self.firms = list(session.exec(select(Enterprise).where(Enterprise.id.in_(ids))))
        read_approved(session, requests, self.approved)

    def zone(self, session: Session, zone_id: int) -> Zone | None:
        if zone_id not in self.zones:
            self.zones[zone_id] = session.get(Zone, zone_id)
        return self.zones[zone_id]

    def next_seq(self, session: Session, zone_id: int, year: int) -> int:
        key = (zone_id, year)
        seq = self.last_seq[key] = (self.last_seq[key] + 1 if key in self.last_seq
                                    else _next_seq(session, zone_id, year))
        return seq


# what a new certificate holds that its issue does not set (the model's defaults: valid, printed
# once, version 1, not revoked)
_NEW = {name: info.default for name, info in Certificate.model_fields.items()
        if name != "id" and not info.is_required()}
# the certificates of a transaction, their ids in the order given (SQLite inserts them one by
# one then; no ORM objects: making and flushing them took a quarter of the time of issuing)
_INSERT = Certificate.__table__.insert().returning(Certificate.__table__.c.id,
                                                   sort_by_parameter_order=True)
_NOT_AUDITED = ("payload", "signature", "content")


@dataclass(frozen=True)
class _Made:
    """A certificate made, inserted with the others of its transaction (which gives its id)."""

    row: dict[str, object]  # every column but the id
    printed: PrintedCertificate
    entry_ids: tuple[int, ...]

    def audited(self, certificate_id: int) -> dict[str, object]:
        """audit_values() of the certificate as inserted."""
        values = {"id": certificate_id}
        values.update((name, value) for name, value in self.row.items()
                      if name not in _NOT_AUDITED)
        values["payload_sha256"] = hashlib.sha256(self.row["payload"]).hexdigest()
        return values


def _issue_one(session: Session, actor: Actor, request: CertificateRequest,
               key: OfficeKey | ServerKey,
               now: datetime, batch: str, issuing: _Issuing) -> _Made:
    require(actor, Action.CERTIFICATE_ISSUE, request.zone_id)
    zone = issuing.zone(session, request.zone_id)
    if zone is None:
        raise NotFound(QT_TRANSLATE_NOOP("db", "This zone does not exist."))
    found = subject(session, request, issuing.rates, issuing.approved)
    issuer = issuer_of(zone)
    _refuse_unprintable(found, issuer)
    issued_on = to_shanghai(now).date()
    seq = issuing.next_seq(session, zone.id, issued_on.year)
    serial = f"{zone.code}-{issued_on.year}-{seq:06d}"
    payload = certificate_code.canonical({
        "v": certificate_code.FORMAT_VERSION, "key": key.key_id, "serial": serial,
        "kind": request.kind, "uscc": found.firm.uscc, "firm": found.firm.name, "issuer": issuer,
        "issued": issued_on.isoformat(), "amount": found.amount_fen, "facts": found.facts})
    # on a server the server signs once the row is in (_signed_by_server): no signature and no
    # code yet, the code's length known all the same (an Ed25519 signature has 64 bytes)
    signature = b"" if isinstance(key, ServerKey) else key.sign(payload)
    code = certificate_code.encode(payload, signature) if signature else ""
    length = len(certificate_code.encode(payload, signature or bytes(64)))
    if length > certificate_code.MAX_CHARACTERS:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "What this certificate says is too long for a QR code a phone reads from paper "
                  "({length} characters, at most {max}): shorten the firm's name, the unit or the "
                  "bank as recorded; nothing was issued."), field="name", length=length,
            max=certificate_code.MAX_CHARACTERS)
    printed = PrintedCertificate(
        serial=serial, kind=request.kind, firm_name=found.firm.name, uscc=found.firm.uscc,
        zone_code=zone.code, zone_name=zone.name, issuer=issuer, issued_on=issued_on,
        amount_fen=found.amount_fen, qr_text=code,
        facts=found.facts, lines=found.lines)
    row = dict(
        serial=serial, zone_id=zone.id, year=issued_on.year, seq=seq, kind=request.kind,
        enterprise_id=found.firm.id, amount_fen=found.amount_fen, period_from=found.period_from,
        period_to=found.period_to, award_id=found.award_id, tenancy_id=found.tenancy_id,
        payload=payload, signature=signature, key_id=key.key_id, content=printed.to_json(),
        issued_by=actor.staff_id, issued_at=now, batch=batch)
    return _Made({**_NEW, **row}, printed, found.entry_ids)


def _insert(session: Session, made: list[_Made]) -> list[int]:
    """The certificates, and the entries they cover in one statement; their ids."""
    connection = session.connection()
    ids = list(connection.execute(_INSERT, [one.row for one in made]).scalars())
    covers = [(certificate_id, entry) for certificate_id, one in zip(ids, made, strict=True)
              for entry in one.entry_ids]
    if covers and connection.dialect.name == "postgresql":  # one statement, not one a row
        certificates, entries = zip(*covers, strict=True)
        connection.exec_driver_sql(
            "INSERT INTO certificatecover (certificate_id, entry_id)"
            " SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
            (list(certificates), list(entries)))
    elif covers:
        connection.exec_driver_sql(
            "INSERT INTO certificatecover (certificate_id, entry_id) VALUES (?, ?)", covers)
    return ids


def _signed_by_server(session: Session, ids: list[int], made: list[_Made]) -> list[_Made]:
    """The certificates as the server signed them (it writes the signature and, in the printed
    content, the code): what the program returns and prints."""
    signed = []
    for one, signature in zip(made, sign_certificates(session, ids), strict=True):
        printed = dataclasses.replace(
            one.printed, qr_text=certificate_code.encode(one.row["payload"], signature))
        signed.append(_Made({**one.row, "signature": signature, "content": printed.to_json()},
                            printed, one.entry_ids))
    return signed


def _commit(uow: UnitOfWork, meanwhile: Callable[[], None] | None) -> None:
    """Commits; `meanwhile` runs on a thread of its own while the file is written to disk (the
    wait for the disk leaves Python free) and has ended when this returns; what it raised is
    raised then, the commit's own failure first."""
    if meanwhile is None:
        uow.commit()
        return
    failed: list[BaseException] = []

    def run() -> None:
        try:
            meanwhile()
        except BaseException as error:  # noqa: BLE001 (raised on the caller's thread below)
            failed.append(error)

    thread = threading.Thread(target=run, name="while-committing")
    thread.start()
    try:
        uow.commit()
    finally:
        thread.join()
    if failed:
        raise failed[0]


@checked
def issue_many(db: Database, *, actor: Actor, requests: list[CertificateRequest],
               key: OfficeKey | ServerKey | None = None, batch: str | None = None,
               meanwhile: Callable[[], None] | None = None) -> list[Issued]:
    """Issues a certificate for each request, all or none, in the order given. `key`: this
    database's key when the caller has it already; any other key is refused. `batch`: the
    issue these belong to (new_batch(); a dialog issuing in chunks gives each chunk the same),
    a new one when none is given. `meanwhile`: work that needs no database (the batch dialog
    draws the chunk issued before), run on a thread of its own while this transaction commits,
    ended when this returns; not run when the issue is refused before its commit."""
    if batch is None:
        batch = new_batch()
    elif not _BATCH.fullmatch(batch):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This is not a batch of this program."),
                              field="batch")
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_ISSUE)
        now = utc_now()
        key = own_key(session, actor=actor, key=key)
        issuing = _Issuing()
        issuing.read_firms(session, requests)
        made = [_issue_one(session, actor, request, key, now, batch, issuing)
                for request in requests]
        if made:
            ids = _insert(session, made)
            if isinstance(key, ServerKey):
                made = _signed_by_server(session, ids, made)
            record(session, actor, *(Change("certificate.issue", "certificate", certificate_id,
                                            None, one.audited(certificate_id))
                                     for certificate_id, one in zip(ids, made, strict=True)))
        _commit(uow, meanwhile)
        return [Issued(certificate_id, one.printed.serial, one.printed)
                for certificate_id, one in zip(ids, made, strict=True)] if made else []


_BATCH = re.compile(r"[0-9a-f]{32}")


def new_batch() -> str:
    """A new batch: the certificates of one issue share it, so that they can be revoked as one."""
    return secrets.token_hex(16)


def _load(session: Session, certificate_id: int) -> Certificate:
    certificate = session.get(Certificate, certificate_id)
    if certificate is None:
        raise NotFound(QT_TRANSLATE_NOOP("db", "There is no such certificate."))
    return certificate


@checked
def reprint(db: Database, *, actor: Actor, certificate_id: int) -> PrintedCertificate:
    """The certificate as issued, its print count + 1: a copy, marked with that count."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_ISSUE)
        certificate = _load(session, certificate_id)
        require(actor, Action.CERTIFICATE_ISSUE, certificate.zone_id)
        if certificate.status != "valid":
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "Certificate {serial} was revoked and cannot be printed again."),
                field="status", serial=certificate.serial)
        before = audit_values(certificate)
        certificate.print_count += 1
        certificate.version += 1
        session.flush()
        record(session, actor, Change("certificate.reprint", "certificate", certificate.id,
                                      before, audit_values(certificate)))
        uow.commit()
        return PrintedCertificate.from_json(certificate.content,
                                            print_number=certificate.print_count)


def _revoke(session: Session, actor: Actor, certificate: Certificate, reason: str,
            now: datetime) -> Change:
    before = audit_values(certificate)
    certificate.status = "revoked"
    certificate.revoked_reason = reason
    certificate.revoked_by = actor.staff_id
    certificate.revoked_at = now
    certificate.version += 1
    return Change("certificate.revoke", "certificate", certificate.id, before,
                  audit_values(certificate))


def _revocation_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Say why the certificate is revoked."),
                              field="reason")
    if len(reason) > 200:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."), field="reason",
                              max=200)
    return reason


def _revocable(session: Session, actor: Actor, certificate_id: int,
               expected_version: int | None) -> Certificate:
    certificate = _load(session, certificate_id)
    require(actor, Action.CERTIFICATE_REVOKE, certificate.zone_id)
    if certificate.status == "revoked":
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "Certificate {serial} is already revoked."), field="reason",
            serial=certificate.serial)
    if expected_version is not None and certificate.version != expected_version:
        raise ChangedMeanwhile(QT_TRANSLATE_NOOP(
            "db", "Someone changed this certificate meanwhile: reload and try again."))
    return certificate


@checked
def revoke(db: Database, *, actor: Actor, certificate_id: int, reason: str,
           expected_version: int | None = None) -> None:
    reason = _revocation_reason(reason)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_REVOKE)
        certificate = _revocable(session, actor, certificate_id, expected_version)
        change = _revoke(session, actor, certificate, reason, utc_now())
        session.flush()
        record(session, actor, change)
        uow.commit()


@checked
def revoke_many(db: Database, *, actor: Actor, certificate_ids: list[int], reason: str,
                expected_versions: dict[int, int] | None = None) -> list[str]:
    """Revokes every certificate given, with one reason, in one transaction: all or none (one
    already revoked, out of the actor's zones or changed meanwhile refuses the whole batch).
    One audit event per certificate. `expected_versions`: by id, what the person saw. Returns
    the serials revoked, in the order given."""
    reason = _revocation_reason(reason)
    ids = list(dict.fromkeys(certificate_ids))
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose the certificates to revoke."),
                              field="reason")
    versions = expected_versions or {}
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_REVOKE)
        now = utc_now()
        revoked = [_revocable(session, actor, i, versions.get(i)) for i in ids]
        changes = [_revoke(session, actor, certificate, reason, now) for certificate in revoked]
        session.flush()
        record(session, actor, *changes)
        uow.commit()
        return [certificate.serial for certificate in revoked]


@checked
def revoke_batch(db: Database, *, actor: Actor, certificate_id: int, reason: str,
                 expected: list[int] | None = None) -> list[str]:
    """Revokes every certificate still valid of the batch `certificate_id` was issued in (itself
    alone when issued before batches were kept), with one reason, all or none, an audit event
    each. `expected`: the ids the person was told of (queries.certificates.batch_of); a batch
    that differs now is refused. Returns the serials revoked, in the order issued."""
    reason = _revocation_reason(reason)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_REVOKE)
        certificate = _load(session, certificate_id)
        require(actor, Action.CERTIFICATE_REVOKE, certificate.zone_id)
        ids = [certificate.id] if certificate.batch is None else list(session.exec(
            select(Certificate.id).where(Certificate.batch == certificate.batch,
                                         Certificate.status == "valid").order_by(Certificate.id)))
        if expected is not None and sorted(expected) != sorted(ids):
            raise ChangedMeanwhile(QT_TRANSLATE_NOOP(
                "db", "This batch changed since you looked at it: reload and try again."))
        now = utc_now()
        revoked = [_revocable(session, actor, i, None) for i in ids]
        changes = [_revoke(session, actor, c, reason, now) for c in revoked]
        session.flush()
        record(session, actor, *changes)
        uow.commit()
        return [c.serial for c in revoked]


# kept with the certificate as data (the reasons the staff type are Chinese too)
REVERSAL_REASON = "所涵盖的款项已冲销：{reason}"


def revoke_covering(session: Session, actor: Actor, *, entry_id: int | None = None,
                    award_id: int | None = None, reason: str) -> list[Change]:
    """Revokes the valid certificates covering an entry or an award whose reversal was just
    approved, inside the caller's transaction; returns the audit changes to record."""
    query = select(Certificate).where(Certificate.status == "valid")
    if entry_id is not None:
        query = query.where(Certificate.id.in_(
            select(CertificateCover.certificate_id).where(CertificateCover.entry_id == entry_id)))
    else:
        query = query.where(Certificate.award_id == award_id)
    now = utc_now()
    return [_revoke(session, actor, certificate, reason, now)
            for certificate in session.exec(query).all()]
