"""The short lists (the approvals queue, awards, staff, zones) as tables: read with the same
scoped query as their pane (db/queries/approvals.py, awards.py, staff.py, reference.py), then
the rows the pane shows (`ids`, in the pane's order: its filter as you type and its sort work on
rows it holds) or all of them. An id the actor may not read is not in the query's answer, so it
cannot be exported by naming it.

Coded columns (category, status, role ...) hold the stored code; the desktop says them in words.
"""

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from db.access import Actor
from db.arguments import checked
from db.clock import utc_now
from db.engine import Database
from db.export.streaming import as_shanghai
from db.export.table import Column, ExportTable, Kind
from db.queries.approvals import approval_queue
from db.queries.awards import awards
from db.queries.reference import zones
from db.queries.staff import staff_list
from db.translatable import QT_TRANSLATE_NOOP


def _chosen(rows: Sequence, key: Callable[[object], object], ids: Sequence | None) -> Iterator:
    if ids is None:
        yield from rows
        return
    by_key = {key(row): row for row in rows}
    for wanted in ids:
        wanted = tuple(wanted) if isinstance(wanted, list) else wanted
        if wanted in by_key:
            yield by_key[wanted]


def _table(name: str, columns: tuple[Column, ...], rows: Sequence, key: Callable[[object], object],
           ids: Sequence | None, convert: Callable[[object], tuple]) -> ExportTable:
    chosen = list(_chosen(rows, key, ids))  # a short list: held already by the pane
    return ExportTable(name, columns, len(chosen), (convert(row) for row in chosen))


APPROVAL_COLUMNS = (
    Column("number", QT_TRANSLATE_NOOP("export", "No."), Kind.INTEGER, 8),
    Column("zone", QT_TRANSLATE_NOOP("export", "Zone"), Kind.TEXT, 22),
    Column("firm", QT_TRANSLATE_NOOP("export", "Firm"), Kind.TEXT, 32),
    Column("category", QT_TRANSLATE_NOOP("export", "Item"), Kind.TEXT, 14),
    Column("month", QT_TRANSLATE_NOOP("export", "Month"), Kind.TEXT, 9),
    Column("billed", QT_TRANSLATE_NOOP("export", "Bill or loan (yuan)"), Kind.MONEY, 16),
    Column("amount", QT_TRANSLATE_NOOP("export", "Amount (yuan)"), Kind.MONEY, 16),
    Column("entered_by", QT_TRANSLATE_NOOP("export", "Entered by"), Kind.TEXT, 12),
    Column("reverses", QT_TRANSLATE_NOOP("export", "Reverses No."), Kind.INTEGER, 10),
    Column("note", QT_TRANSLATE_NOOP("export", "Note"), Kind.TEXT, 30),
)


@checked
def approvals_table(db: Database, *, actor: Actor, zone_id: int | None = None,
                    category: str | None = None, ids: list | None = None) -> ExportTable:
    """The queue as the Approvals pane reads it; `ids`: (kind, id) of the rows shown."""
    items = approval_queue(db, actor=actor, zone_id=zone_id, category=category)
    return _table("approvals", APPROVAL_COLUMNS, items, lambda i: (i.kind, i.id), ids, lambda i: (
        i.id, i.zone_name, i.firm_name, i.category, i.period, i.billed_fen or None, i.amount_fen,
        i.entered_by_name, i.reverses_id, i.reason if i.reverses_id is not None else ""))


AWARD_COLUMNS = (
    Column("number", QT_TRANSLATE_NOOP("export", "No."), Kind.INTEGER, 8),
    Column("firm", QT_TRANSLATE_NOOP("export", "Firm"), Kind.TEXT, 32),
    Column("category", QT_TRANSLATE_NOOP("export", "Kind"), Kind.TEXT, 16),
    Column("amount", QT_TRANSLATE_NOOP("export", "Award or guaranteed (yuan)"), Kind.MONEY, 18),
    Column("entry_status", QT_TRANSLATE_NOOP("export", "Status"), Kind.TEXT, 12),
    Column("reversal", QT_TRANSLATE_NOOP("export", "Reversal"), Kind.TEXT, 16),
    Column("giant_level", QT_TRANSLATE_NOOP("export", "Level"), Kind.TEXT, 20),
    Column("recognised_on", QT_TRANSLATE_NOOP("export", "Recognised on"), Kind.DATE, 12),
    Column("reference", QT_TRANSLATE_NOOP("export", "Document no."), Kind.TEXT, 16),
    Column("bank", QT_TRANSLATE_NOOP("export", "Bank"), Kind.TEXT, 20),
    Column("loan", QT_TRANSLATE_NOOP("export", "Loan (yuan)"), Kind.MONEY, 18),
    Column("term_months", QT_TRANSLATE_NOOP("export", "Term (months)"), Kind.INTEGER, 10),
    Column("zone", QT_TRANSLATE_NOOP("export", "Zone"), Kind.TEXT, 22),
    Column("uscc", QT_TRANSLATE_NOOP("export", "Credit code"), Kind.TEXT, 22),
)


def _links(row: object) -> str:
    """reverses:ID, reversed_by:ID or pending:ID (the desktop says it in words)."""
    for name in ("reverses", "reversed_by", "pending"):
        value = getattr(row, "pending_reversal_id" if name == "pending" else f"{name}_id")
        if value is not None:
            return f"{name}:{value}"
    return ""


@checked
def awards_table(db: Database, *, actor: Actor, zone_id: int | None = None,
                 ids: list | None = None) -> ExportTable:
    found = awards(db, actor=actor, zone_id=zone_id)
    return _table("awards", AWARD_COLUMNS, found, lambda r: r.id, ids, lambda r: (
        r.id, r.firm_name, r.kind, r.amount_fen,
        "reversed" if r.status == "approved" and r.reversed_by_id else r.status, _links(r),
        r.level if r.kind == "little_giant" else "", r.recognised_on, r.document_no, r.bank,
        r.loan_fen if r.kind == "loan_guarantee" else None,
        r.term_months if r.kind == "loan_guarantee" else None, r.zone_name, r.uscc))


STAFF_COLUMNS = (
    Column("username", QT_TRANSLATE_NOOP("export", "User name"), Kind.TEXT, 14),
    Column("display_name", QT_TRANSLATE_NOOP("export", "Full name"), Kind.TEXT, 14),
    Column("role", QT_TRANSLATE_NOOP("export", "Role"), Kind.TEXT, 12),
    Column("staff_zones", QT_TRANSLATE_NOOP("export", "Zones"), Kind.TEXT, 24),
    Column("account_active", QT_TRANSLATE_NOOP("export", "Account"), Kind.TEXT, 10),
    Column("locked_until", QT_TRANSLATE_NOOP("export", "Locked until"), Kind.DATETIME, 19),
)


def _locked_until(value: datetime | None, now: datetime) -> datetime | None:
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=now.tzinfo)
    return as_shanghai(value) if aware > now else None


@checked
def staff_table(db: Database, *, actor: Actor, ids: list | None = None) -> ExportTable:
    now = utc_now()
    found = staff_list(db, actor=actor)
    return _table("staff", STAFF_COLUMNS, found, lambda r: r.id, ids, lambda r: (
        r.username, r.display_name, r.role,
        " ".join(sorted(r.zone_codes.split())) if r.role in ("clerk", "reviewer") else "*",
        r.active, _locked_until(r.locked_until, now)))


ZONE_COLUMNS = (
    Column("code", QT_TRANSLATE_NOOP("export", "Code"), Kind.TEXT, 8),
    Column("name", QT_TRANSLATE_NOOP("export", "Name"), Kind.TEXT, 30),
    Column("name_en", QT_TRANSLATE_NOOP("export", "English name"), Kind.TEXT, 30),
    Column("district", QT_TRANSLATE_NOOP("export", "District"), Kind.TEXT, 12),
    Column("service_centre", QT_TRANSLATE_NOOP("export", "Service centre"), Kind.TEXT, 24),
    Column("phone", QT_TRANSLATE_NOOP("export", "Phone"), Kind.TEXT, 16),
    Column("firms", QT_TRANSLATE_NOOP("export", "Firms"), Kind.INTEGER, 8),
    Column("zone_state", QT_TRANSLATE_NOOP("export", "Details"), Kind.TEXT, 14),
    Column("address", QT_TRANSLATE_NOOP("export", "Address"), Kind.TEXT, 30),
)


@checked
def zones_table(db: Database, *, actor: Actor, ids: list | None = None) -> ExportTable:
    found = zones(db, actor=actor)
    return _table("zones", ZONE_COLUMNS, found, lambda z: z.id, ids, lambda z: (
        z.code, z.name, z.name_en, z.district_name, z.service_centre, z.phone, z.firms,
        "inactive" if not z.active else "provisional" if z.provisional else "confirmed", z.address))


