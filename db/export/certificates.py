"""The certificates list as a table, read with the list's own WHERE (db/queries/certificates.py)
and in its order, newest first."""

from collections.abc import Sequence

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.export.streaming import as_date, as_shanghai, streamed
from db.export.table import Column, ExportTable, Kind
from db.queries.certificates import _FROM, CertificateFilter, _where
from db.translatable import QT_TRANSLATE_NOOP

CERTIFICATE_COLUMNS = (
    Column("serial", QT_TRANSLATE_NOOP("export", "Serial"), Kind.TEXT, 18),
    Column("certificate_kind", QT_TRANSLATE_NOOP("export", "Kind"), Kind.TEXT, 22),
    Column("firm", QT_TRANSLATE_NOOP("export", "Firm"), Kind.TEXT, 32),
    Column("uscc", QT_TRANSLATE_NOOP("export", "Credit code"), Kind.TEXT, 22),
    Column("zone_code", QT_TRANSLATE_NOOP("export", "Zone"), Kind.TEXT, 8),
    Column("amount", QT_TRANSLATE_NOOP("export", "Amount (yuan)"), Kind.MONEY, 16),
    Column("issued_on", QT_TRANSLATE_NOOP("export", "Issued on"), Kind.DATE, 12),
    Column("issued_by", QT_TRANSLATE_NOOP("export", "Issued by"), Kind.TEXT, 12),
    Column("certificate_status", QT_TRANSLATE_NOOP("export", "Status"), Kind.TEXT, 10),
    Column("prints", QT_TRANSLATE_NOOP("export", "Prints"), Kind.INTEGER, 8),
    Column("revoked_reason", QT_TRANSLATE_NOOP("export", "Reason revoked"), Kind.TEXT, 30),
)


def _row(row: Sequence[object]) -> tuple:
    values = list(row)
    # issued_at is a moment: the day it was in Shanghai, as the list shows it
    moment = as_shanghai(values[6])
    values[6] = None if moment is None else as_date(moment)
    return tuple(values)


@checked
def certificates_table(db: Database, *, actor: Actor, flt: CertificateFilter) -> ExportTable:
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.CERTIFICATE_READ)
        where, values = _where(actor, flt)
        total = uow.session.connection().execute(text("SELECT count(*)" + _FROM + where),
                                                 values).scalar_one()
    sql = ("SELECT c.serial, c.kind, e.name, e.uscc, z.code, c.amount_fen, c.issued_at,"
           " s.display_name, c.status, c.print_count, c.revoked_reason"
           + _FROM + where + " ORDER BY c.issued_at DESC, c.id DESC")
    return ExportTable("certificates", CERTIFICATE_COLUMNS, int(total),
                       streamed(db, [(sql, values)], _row))
