"""What a certificate request certifies, read and checked inside the issuing transaction:
only approved, unreversed money and current tenancies are certified.

`subject(session, request)` returns the facts to print and sign, and the subsidy entries a
confirmation covers (a later reversal of one of them revokes it).
"""

from dataclasses import dataclass, field

from sqlalchemy import bindparam, text
from sqlmodel import Session, select

from db.arguments import checked
from db.certificates.content import KINDS, CertificateLine, zero_subsidy_reason
from db.clock import today_shanghai
from db.engine_words import words
from db.errors import NotFound, ValidationError
from db.models import Award, Enterprise, Tenancy
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.services.limits import Rate, rate_for
from db.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class CertificateRequest:
    kind: str  # tenancy | subsidy | little_giant | loan_guarantee
    enterprise_id: int
    zone_id: int
    period_from: str = ""  # subsidy: first month, 2026-01
    period_to: str = ""  # subsidy: last month, 2026-10
    award_id: int | None = None  # little_giant / loan_guarantee: the approved award


@dataclass(frozen=True)
class Entry:
    id: int
    period: str
    category: str
    billed_fen: int
    subsidy_fen: int
    rate_bp: int


@dataclass(frozen=True)
class Subject:
    firm: Enterprise
    amount_fen: int | None
    facts: dict[str, str]
    lines: tuple[CertificateLine, ...] = ()
    entry_ids: tuple[int, ...] = ()
    award_id: int | None = None
    tenancy_id: int | None = None
    period_from: str = ""
    period_to: str = ""
    texts: list[str] = field(default_factory=list)  # what else is printed from the file


def _area(dm2: int) -> str:
    return f"{dm2 // 100:,}.{dm2 % 100:02d}"


@checked
def confirmation_months(period_from: str, period_to: str) -> tuple[str, str]:
    """The months a subsidy confirmation may cover: well written, in order, none to come.
    No database work: the issue dialog checks them as they are typed."""
    first = rules.parse_period(period_from, "period_from")
    last = rules.parse_period(period_to, "period_to")
    if first > last:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The first month comes after the last one."), field="period_to")
    if last > rules.period_of(today_shanghai()):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A confirmation cannot cover months still to come."), field="period_to")
    return first, last


Rates = dict[tuple[str, str], Rate | None]


def _rate(session: Session, rates: Rates, category: str, period: str) -> Rate | None:
    """The rate of the category in force in the month, read once a transaction."""
    key = (category, period)
    if key not in rates:
        rates[key] = rate_for(session, category, period)
    return rates[key]


def _line(session: Session, entry: Entry, rates: Rates) -> CertificateLine:
    """An entry as printed; a subsidy of 0.00 for the yearly cap names the cap of its month."""
    reason = zero_subsidy_reason(entry.billed_fen, entry.subsidy_fen, entry.rate_bp,
                                 rules.bill_share(entry.billed_fen, entry.rate_bp))
    rate = _rate(session, rates, entry.category, entry.period) if reason == "cap_reached" \
        else None
    return CertificateLine(entry.period, entry.category, entry.billed_fen, entry.subsidy_fen,
                           reason, rate.yearly_cap_fen if rate is not None else None)


# a transaction's approved entries already read, by (zone, first month, last month), then firm
EntriesRead = dict[tuple[int, str, str], dict[int, list[Entry]]]
_APPROVED = ("SELECT enterprise_id, id, period, category, billed_fen, subsidy_fen, rate_bp"
             " FROM subsidyentry{indexed_by} WHERE enterprise_id IN :firms AND zone_id = :zone"
             " AND status = 'approved' AND reverses_id IS NULL AND reversed_by_id IS NULL"
             " AND period BETWEEN :first AND :last")
_FIRMS_A_QUERY = 500  # well under the most values a statement may carry (SQLite: 32,766)


def read_approved(session: Session, requests: list[CertificateRequest], read: EntriesRead) -> None:
    """The approved, unreversed entries of the subsidy confirmations asked for, a query for all
    the firms of the same zone and months (not one a firm), into `read`; requests whose months
    are not well written are left to _subsidy, which says why."""
    wanted: dict[tuple[int, str, str], set[int]] = {}
    for request in requests:
        if request.kind == "subsidy":
            try:
                first, last = confirmation_months(request.period_from, request.period_to)
            except ValidationError:
                continue
            wanted.setdefault((request.zone_id, first, last), set()).add(request.enterprise_id)
    # by the firm's index (enterprise, category, period; migration 0002): a firm has a few dozen
    # entries, a zone's months tens of thousands, and SQLite would otherwise pick the zone's
    indexed_by = words(session).indexed_by("ix_subsidyentry_firm")
    query = text(_APPROVED.format(indexed_by=indexed_by)).bindparams(
        bindparam("firms", expanding=True))
    for (zone_id, first, last), firms in wanted.items():
        found: dict[int, list[Entry]] = {firm: [] for firm in firms}
        every = sorted(firms)
        for start in range(0, len(every), _FIRMS_A_QUERY):
            for row in session.connection().execute(query, {
                    "firms": every[start:start + _FIRMS_A_QUERY], "zone": zone_id,
                    "first": first, "last": last}):
                found[row[0]].append(Entry(*row[1:]))
        read.setdefault((zone_id, first, last), {}).update(found)


def _subsidy(session: Session, request: CertificateRequest, firm: Enterprise,
             rates: Rates, read: EntriesRead) -> Subject:
    first, last = confirmation_months(request.period_from, request.period_to)
    if firm.id not in read.get((request.zone_id, first, last), {}):
        read_approved(session, [request], read)
    entries = read[(request.zone_id, first, last)][firm.id]
    if not entries:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "{name} has no approved subsidies in this zone from {first} to {last}: "
                  "there is nothing to confirm."), field="period_from", name=firm.name,
            first=first, last=last)
    entries = sorted(entries, key=lambda e: (e.period, CATEGORIES.index(e.category), e.id))
    lines = tuple(_line(session, e, rates) for e in entries)
    return Subject(firm, sum(e.subsidy_fen for e in entries),
                   {"period_from": first, "period_to": last}, lines,
                   tuple(e.id for e in entries), period_from=first, period_to=last)


def _award(session: Session, request: CertificateRequest, firm: Enterprise) -> Subject:
    award = session.get(Award, request.award_id) if request.award_id is not None else None
    if (award is None or award.kind != request.kind or award.enterprise_id != firm.id
            or award.zone_id != request.zone_id):
        raise NotFound(QT_TRANSLATE_NOOP("db", "There is no such award of this firm in this zone."))
    if award.status != "approved" or award.reverses_id is not None or award.reversed_by_id is not None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "Only an approved award that was not reversed can be certified."), field="award")
    if award.kind == "little_giant":
        facts = {"level": award.level, "document_no": award.document_no,
                 "recognised_on": award.recognised_on.isoformat() if award.recognised_on else ""}
        texts = [award.document_no]
    else:
        facts = {"bank": award.bank, "loan_fen": str(award.loan_fen),
                 "term_months": str(award.term_months)}
        texts = [award.bank]
    return Subject(firm, award.amount_fen, facts, award_id=award.id, texts=texts)


def _tenancy(session: Session, request: CertificateRequest, firm: Enterprise) -> Subject:
    today = today_shanghai()
    tenancy = session.exec(select(Tenancy).where(
        Tenancy.enterprise_id == firm.id, Tenancy.zone_id == request.zone_id,
        Tenancy.start_on <= today,
        (Tenancy.end_on.is_(None)) | (Tenancy.end_on >= today)).order_by(Tenancy.start_on.desc())).first()
    if tenancy is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "{name} is not a tenant of this zone today: no tenancy confirmation can be "
                  "issued."), field="kind", name=firm.name)
    facts = {"unit": tenancy.unit, "since": tenancy.start_on.isoformat(),
             "area_m2": _area(tenancy.floor_area_dm2)}
    return Subject(firm, None, facts, tenancy_id=tenancy.id, texts=[tenancy.unit])


def _known_in_zone(session: Session, firm: Enterprise, zone_id: int) -> bool:
    """The firm is the zone's now, or was its tenant once: its name is the zone's to print."""
    return firm.zone_id == zone_id or session.connection().execute(text(
        "SELECT 1 FROM tenancy WHERE enterprise_id = :firm AND zone_id = :zone LIMIT 1"),
        {"firm": firm.id, "zone": zone_id}).first() is not None


def subject(session: Session, request: CertificateRequest, rates: Rates | None = None,
            read: EntriesRead | None = None) -> Subject:
    """What the request certifies (`rates`, `read`: the rates and approved entries read in this
    transaction so far, kept by a caller that asks for many: read_approved). A firm the zone
    never had is answered exactly as a firm that does not exist (not named, not told apart), so
    that a request made by hand learns nothing of another zone's firms; a firm the zone has or
    had hears why it cannot be certified (not a tenant today, no approved subsidies in those
    months ...)."""
    if request.kind not in KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Unknown kind of certificate."), field="kind")
    firm = session.get(Enterprise, request.enterprise_id)
    if firm is None or not _known_in_zone(session, firm, request.zone_id):
        raise NotFound(QT_TRANSLATE_NOOP(
            "db", "There is no such firm in this zone: it does not exist, or it has never been a "
                  "tenant here."))
    if request.kind == "subsidy":
        return _subsidy(session, request, firm, {} if rates is None else rates,
                        {} if read is None else read)
    if request.kind == "tenancy":
        return _tenancy(session, request, firm)
    return _award(session, request, firm)
