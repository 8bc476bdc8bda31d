"""The certificates list, one certificate as printed, and what may be certified in a zone."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from db import search
from db.access import Action, Actor, authorise, require
from db.arguments import checked
from db.certificates.content import PrintedCertificate
from db.clock import stored_moment, to_shanghai, today_shanghai
from db.engine import Database
from db.engine_words import SQLITE, EngineWords, words
from db.errors import NotFound
from db.models import Certificate
from db.money import subsidy_rules as rules
from db.queries.overview import interruptible, zones_clause
from db.services.validation import not_negative
from db.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class CertificateFilter:
    text: str = ""  # a fragment of the serial, the firm's name or its USCC
    zone_id: int | None = None
    kind: str | None = None
    status: str | None = None  # valid | revoked


@dataclass(frozen=True)
class CertificateRow:
    id: int
    serial: str
    kind: str
    firm_name: str
    uscc: str
    zone_code: str
    amount_fen: int | None
    issued_on: date
    issued_by: str  # display name
    status: str
    revoked_reason: str
    print_count: int
    version: int


def _where(actor: Actor, flt: CertificateFilter, w: EngineWords = SQLITE) -> tuple[str, dict[str, object]]:
    where = "WHERE 1 = 1" + zones_clause(actor, flt.zone_id, "c.zone_id")
    values: dict[str, object] = {}
    if flt.kind:
        where += " AND c.kind = :kind"
        values["kind"] = flt.kind
    if flt.status:
        where += " AND c.status = :status"
        values["status"] = flt.status
    fragment = flt.text.strip()
    if fragment:
        by_pinyin = ""
        if search.spelled_fragment(fragment):
            by_pinyin = f" OR {w.contains('e.spelled', ':spelled')}"
            values["spelled"] = search.spelled_fragment(fragment)
        where += (f" AND ({w.contains('c.serial', ':upper')} OR {w.contains('e.name', ':fragment')}"
                  f" OR {w.contains('e.uscc', ':upper')}{by_pinyin})")
        values.update(fragment=fragment, upper=fragment.upper())
    return where, values


_FROM = (" FROM certificate c JOIN enterprise e ON e.id = c.enterprise_id"
         " JOIN zone z ON z.id = c.zone_id JOIN staffaccount s ON s.id = c.issued_by ")


@checked
def certificate_page(db: Database, *, actor: Actor, flt: CertificateFilter, offset: int = 0,
                     limit: int = 200) -> list[CertificateRow]:
    """Newest first."""
    not_negative(offset, "offset")
    not_negative(limit, "limit")
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_READ)
        where, values = _where(actor, flt, words(session))
        rows = session.connection().execute(text(
            "SELECT c.id, c.serial, c.kind, e.name, e.uscc, z.code, c.amount_fen, c.issued_at,"
            " s.display_name, c.status, c.revoked_reason, c.print_count, c.version"
            + _FROM + where + " ORDER BY c.issued_at DESC, c.id DESC LIMIT :limit OFFSET :offset"),
            {**values, "limit": limit, "offset": offset}).all()
        return [CertificateRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                               to_shanghai(stored_moment(r[7])).date(), *r[8:]) for r in rows]


@checked
def count_certificates(db: Database, *, actor: Actor, flt: CertificateFilter,
                       cancelled: Callable[[], bool] | None = None) -> int:
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_READ)
        where, values = _where(actor, flt, words(session))
        connection = session.connection()
        with interruptible(connection, cancelled):
            return connection.execute(text("SELECT count(*)" + _FROM + where), values).scalar_one()


def _visible(session: Session, actor: Actor, certificate_id: int) -> Certificate:
    """The certificate, when the person may read it (another zone's reads as none at all)."""
    actor = authorise(session, actor, Action.CERTIFICATE_READ)
    certificate = session.get(Certificate, certificate_id)
    if certificate is None or not actor.covers(certificate.zone_id):
        raise NotFound(QT_TRANSLATE_NOOP("db", "There is no such certificate."))
    return certificate


@checked
def printed_certificate(db: Database, *, actor: Actor, certificate_id: int) -> PrintedCertificate:
    """The certificate as issued, with its print count so far (for a preview: nothing counted)."""
    with db.reading() as uow:
        certificate = _visible(uow.session, actor, certificate_id)
        return PrintedCertificate.from_json(certificate.content,
                                            print_number=certificate.print_count,
                                            revoked=certificate.status == "revoked")


@dataclass(frozen=True)
class Batch:
    """The certificates still valid of the batch a certificate was issued in (itself alone when
    it was issued before batches were kept)."""

    serial: str  # the certificate asked about
    ids: tuple[int, ...]
    first: str  # serials, in the order issued
    last: str


@checked
def batch_of(db: Database, *, actor: Actor, certificate_id: int) -> Batch:
    with db.reading() as uow:
        session = uow.session
        certificate = _visible(session, actor, certificate_id)
        if certificate.batch is None:
            rows = [(certificate.id, certificate.serial)] if certificate.status == "valid" else []
        else:
            rows = session.connection().execute(text(
                "SELECT id, serial FROM certificate WHERE batch = :batch AND status = 'valid'"
                " ORDER BY id"), {"batch": certificate.batch}).all()
        if not rows:
            return Batch(certificate.serial, (), "", "")
        return Batch(certificate.serial, tuple(row[0] for row in rows), rows[0][1], rows[-1][1])


@dataclass(frozen=True)
class Candidate:
    """Something a zone may certify for a firm."""

    kind: str
    enterprise_id: int
    name: str
    uscc: str
    zone_id: int
    amount_fen: int | None
    award_id: int | None
    detail: str  # entries covered, the award's level or bank, the tenancy's unit


@checked
def candidates(db: Database, *, actor: Actor, zone_id: int, kind: str, period_from: str = "",
               period_to: str = "") -> list[Candidate]:
    """Approved, unreversed subsidies of the months (one candidate a firm), approved awards of
    the kind, or today's tenants: what `issue_many` will accept, by firm name."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_READ)
        require(actor, Action.CERTIFICATE_READ, zone_id)
        connection = session.connection()
        by_name = words(session).ordered("e.name")
        if kind == "subsidy":
            period_from = rules.parse_period(period_from, "period_from")
            period_to = rules.parse_period(period_to, "period_to")
            rows = connection.execute(text(
                "SELECT e.id, e.name, e.uscc, sum(x.subsidy_fen), count(*) FROM subsidyentry x"
                " JOIN enterprise e ON e.id = x.enterprise_id WHERE x.zone_id = :zone"
                " AND x.status = 'approved' AND x.reverses_id IS NULL AND x.reversed_by_id IS NULL"
                f" AND x.period BETWEEN :first AND :last GROUP BY e.id ORDER BY {by_name}"),
                {"zone": zone_id, "first": period_from, "last": period_to}).all()
            return [Candidate(kind, r[0], r[1], r[2], zone_id, int(r[3]), None, str(r[4])) for r in rows]
        if kind in ("little_giant", "loan_guarantee"):
            rows = connection.execute(text(
                "SELECT e.id, e.name, e.uscc, a.amount_fen, a.id, a.level, a.bank FROM award a"
                " JOIN enterprise e ON e.id = a.enterprise_id WHERE a.zone_id = :zone"
                " AND a.kind = :kind AND a.status = 'approved' AND a.reverses_id IS NULL"
                f" AND a.reversed_by_id IS NULL ORDER BY {by_name}, a.id"),
                {"zone": zone_id, "kind": kind}).all()
            return [Candidate(kind, r[0], r[1], r[2], zone_id, r[3], r[4],
                              r[5] if kind == "little_giant" else r[6]) for r in rows]
        today = today_shanghai().isoformat()
        rows = connection.execute(text(
            "SELECT e.id, e.name, e.uscc, min(t.unit) FROM tenancy t JOIN enterprise e"
            " ON e.id = t.enterprise_id WHERE t.zone_id = :zone AND t.start_on <= :today"
            f" AND (t.end_on IS NULL OR t.end_on >= :today) GROUP BY e.id ORDER BY {by_name}"),
            {"zone": zone_id, "today": today}).all()
        return [Candidate(kind, r[0], r[1], r[2], zone_id, None, None, r[3]) for r in rows]
