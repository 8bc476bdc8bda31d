"""The ledger as a table: every row the Subsidies ledger shows for its filter (entries newest
first, then awards, or a clicked column's order), read with the ledger's own WHERE
(db/queries/ledger.py `_plan`) and columns."""

from collections.abc import Sequence

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.engine_words import EngineWords, words
from db.errors import ValidationError
from db.export.streaming import shanghai_moment_sql, streamed
from db.export.table import Column, ExportTable, Kind
from db.queries.ledger import (
    _AWARD_COLUMNS,
    _ENTRY_COLUMNS,
    _TEXT_SORTS,
    SORTS,
    LedgerFilter,
    _plan,
    award_month,
)
from db.translatable import QT_TRANSLATE_NOOP

LEDGER_COLUMNS = (
    Column("number", QT_TRANSLATE_NOOP("export", "No."), Kind.TEXT, 10),
    Column("month", QT_TRANSLATE_NOOP("export", "Month"), Kind.TEXT, 9),
    Column("zone_code", QT_TRANSLATE_NOOP("export", "Zone"), Kind.TEXT, 8),
    Column("firm", QT_TRANSLATE_NOOP("export", "Firm"), Kind.TEXT, 32),
    Column("uscc", QT_TRANSLATE_NOOP("export", "Credit code"), Kind.TEXT, 22),
    Column("category", QT_TRANSLATE_NOOP("export", "Category"), Kind.TEXT, 14),
    Column("quantity", QT_TRANSLATE_NOOP("export", "Quantity"), Kind.MONEY, 12),
    Column("billed", QT_TRANSLATE_NOOP("export", "Billed (yuan)"), Kind.MONEY, 16),
    Column("amount", QT_TRANSLATE_NOOP("export", "Subsidy (yuan)"), Kind.MONEY, 16),
    Column("entry_status", QT_TRANSLATE_NOOP("export", "Status"), Kind.TEXT, 12),
    Column("entered_by", QT_TRANSLATE_NOOP("export", "Entered by"), Kind.TEXT, 12),
    Column("decided_by", QT_TRANSLATE_NOOP("export", "Reviewed by"), Kind.TEXT, 12),
    Column("decided_at", QT_TRANSLATE_NOOP("export", "Reviewed at"), Kind.DATETIME, 19),
    Column("reference", QT_TRANSLATE_NOOP("export", "Bill or document no."), Kind.TEXT, 16),
    Column("note", QT_TRANSLATE_NOOP("export", "Reason or note"), Kind.TEXT, 30),
)


# the ledger's columns, shaped in SQL as the ledger shows them (no work a row in Python): the
# joins are the ledger's own (db/queries/ledger.py), the moment decided in Shanghai's time, in
# the words of the engine asked
def _entry_export(w: EngineWords) -> str:
    return ("'S' || x.id, x.period, z.code, e.name, e.uscc, x.category, x.quantity_x100,"
            " nullif(x.billed_fen, 0), x.subsidy_fen,"
            " CASE WHEN x.status = 'approved' AND x.reversed_by_id IS NOT NULL THEN 'reversed' ELSE x.status END,"
            f" s.display_name, coalesce(d.display_name, ''), {_shanghai('x', w)}, x.bill_reference,"
            " CASE WHEN x.reverses_id IS NOT NULL THEN x.reason WHEN x.status = 'rejected' THEN x.decision_note"
            " ELSE '' END" + _ENTRY_COLUMNS[_ENTRY_COLUMNS.index(" FROM subsidyentry"):])


def _award_export(w: EngineWords) -> str:
    return (f"'A' || a.id, {award_month(w)}, z.code, e.name, e.uscc, a.kind, NULL, nullif(a.loan_fen, 0),"
            " a.amount_fen,"
            " CASE WHEN a.status = 'approved' AND a.reversed_by_id IS NOT NULL THEN 'reversed' ELSE a.status END,"
            f" s.display_name, coalesce(d.display_name, ''), {_shanghai('a', w)},"
            " CASE WHEN a.kind = 'little_giant' THEN a.document_no ELSE '' END,"
            " CASE WHEN a.reverses_id IS NOT NULL THEN a.reason WHEN a.status = 'rejected' THEN a.decision_note"
            " WHEN a.kind = 'loan_guarantee' THEN a.bank ELSE '' END"
            + _AWARD_COLUMNS[_AWARD_COLUMNS.index(" FROM award"):])


def _shanghai(alias: str, w: EngineWords) -> str:
    return shanghai_moment_sql(f"{alias}.decided_at", server=w.server)


def _without_sort_key(row: Sequence[object]) -> tuple:
    return tuple(row[3:])


@checked
def ledger_table(db: Database, *, actor: Actor, flt: LedgerFilter,
                 sort: tuple[str, bool] | None = None) -> ExportTable:
    """The rows the ledger shows for `flt` (and a header's `sort`), as the ledger reads them."""
    if sort is not None and sort[0] not in SORTS:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "The value given here is of the wrong kind."),
                              field="sort")
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.MONEY_READ)
        w = words(uow.session)
        entry_where, award_where, values, _by_id = _plan(actor, flt, w)
        connection = uow.session.connection()
        total = sum(connection.execute(text(f"SELECT count(*) FROM {table} WHERE {where}"), values).scalar_one()
                    for table, where in (("subsidyentry x", entry_where), ("award a", award_where))
                    if where is not None)
    parts = [(kind, columns, alias, where) for kind, columns, alias, where in (
        ("subsidy_entry", _entry_export(w), "x", entry_where), ("award", _award_export(w), "a", award_where))
        if where is not None]
    if sort is None:  # as the ledger pages: entries newest first, then awards newest first
        statements = [(f"SELECT {columns} WHERE {where} ORDER BY {alias}.id DESC", values)
                      for kind, columns, alias, where in parts]
        return ExportTable("ledger", LEDGER_COLUMNS, total, streamed(db, statements))
    else:
        name, descending = sort
        direction = " DESC" if descending else ""
        keys = {alias: key.format(award_month=award_month(w))
                for alias, key in zip(("x", "a"), SORTS[name], strict=True)}
        if name in _TEXT_SORTS:  # text ordered alike on both engines, as the ledger orders it
            keys = {alias: w.ordered(key) for alias, key in keys.items()}
        union = " UNION ALL ".join(
            f"SELECT {keys[alias]} AS k, '{kind}' AS kind, {alias}.id AS id, {columns} WHERE {where}"
            for kind, columns, alias, where in parts)
        statements = [(f"{union} ORDER BY 1{direction}{w.nulls(descending)}, 2 DESC, 3{direction}",
                       values)] if parts else []
    return ExportTable("ledger", LEDGER_COLUMNS, total, streamed(db, statements, _without_sort_key))
