"""The firms list as a table: the pane's columns (`firms_table`), or the whole record of each
firm in the layout the firms import reads back (`firms_import_table`, the command line's).

Both read with the list's own scope and filter (db/queries/enterprises.py: `_plan`, the same
WHERE the pane's pages are read with) and in the list's order."""

from collections.abc import Sequence

from sqlalchemy import text

from db import search
from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.export.streaming import as_date, streamed
from db.export.table import Column, ExportTable, Kind
from db.queries import firm_search_on_server as on_server
from db.queries.enterprises import EnterpriseFilter, _order, _plan, by_index, server_plan
from db.server.dialect import is_server
from db.size_class import INDUSTRIES
from db.translatable import QT_TRANSLATE_NOOP

# the pane's columns, in the pane's order (desktop/enterprises/enterprise_table_model.py)
FIRM_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("export", "Name"), Kind.TEXT, 36),
    Column("uscc", QT_TRANSLATE_NOOP("export", "Credit code"), Kind.TEXT, 22),
    Column("zone", QT_TRANSLATE_NOOP("export", "Zone"), Kind.TEXT, 24),
    Column("sector", QT_TRANSLATE_NOOP("export", "Sector"), Kind.TEXT, 16),
    Column("size_class", QT_TRANSLATE_NOOP("export", "Size"), Kind.TEXT, 10),
    Column("giant_level", QT_TRANSLATE_NOOP("export", "Little giant"), Kind.TEXT, 20),
    Column("firm_status", QT_TRANSLATE_NOOP("export", "Status"), Kind.TEXT, 10),
    Column("contact_name", QT_TRANSLATE_NOOP("export", "Contact"), Kind.TEXT, 12),
    Column("contact_phone", QT_TRANSLATE_NOOP("export", "Phone"), Kind.TEXT, 16),
)
_FIRM_SQL = ("e.name, e.uscc, z.name, s.name, e.size_class, e.giant_level, e.status,"
             " e.contact_name, e.contact_phone")

# what the firms import reads back: every field a clerk types, the zone and the open tenancy
IMPORT_COLUMNS = (
    Column("uscc", QT_TRANSLATE_NOOP("export", "Credit code"), Kind.TEXT, 22),
    Column("name", QT_TRANSLATE_NOOP("export", "Name"), Kind.TEXT, 36),
    Column("name_en", QT_TRANSLATE_NOOP("export", "English name"), Kind.TEXT, 30),
    Column("legal_representative", QT_TRANSLATE_NOOP("export", "Legal representative"), Kind.TEXT, 12),
    Column("registered_capital", QT_TRANSLATE_NOOP("export", "Registered capital (yuan)"), Kind.MONEY, 18),
    Column("founded_on", QT_TRANSLATE_NOOP("export", "Founded on"), Kind.DATE, 12),
    Column("sector", QT_TRANSLATE_NOOP("export", "Sector"), Kind.TEXT, 16),
    Column("industry", QT_TRANSLATE_NOOP("export", "Industry"), Kind.TEXT, 24),
    Column("employees", QT_TRANSLATE_NOOP("export", "Employees"), Kind.INTEGER, 10),
    Column("annual_revenue", QT_TRANSLATE_NOOP("export", "Annual revenue (yuan)"), Kind.MONEY, 18),
    Column("total_assets", QT_TRANSLATE_NOOP("export", "Total assets (yuan)"), Kind.MONEY, 18),
    Column("core_tech", QT_TRANSLATE_NOOP("export", "Core technology"), Kind.TEXT, 10),
    Column("core_tech_note", QT_TRANSLATE_NOOP("export", "Core technology note"), Kind.TEXT, 24),
    Column("contact_name", QT_TRANSLATE_NOOP("export", "Contact"), Kind.TEXT, 12),
    Column("contact_phone", QT_TRANSLATE_NOOP("export", "Phone"), Kind.TEXT, 16),
    Column("contact_email", QT_TRANSLATE_NOOP("export", "Email"), Kind.TEXT, 24),
    Column("giant_level", QT_TRANSLATE_NOOP("export", "Little giant"), Kind.TEXT, 20),
    Column("giant_recognised_on", QT_TRANSLATE_NOOP("export", "Recognised on"), Kind.DATE, 12),
    Column("zone_code", QT_TRANSLATE_NOOP("export", "Zone code"), Kind.TEXT, 10),
    Column("zone", QT_TRANSLATE_NOOP("export", "Zone"), Kind.TEXT, 24),
    Column("unit", QT_TRANSLATE_NOOP("export", "Unit"), Kind.TEXT, 12),
    # hundredths of a square metre: written with two decimals, as money is
    Column("floor_area", QT_TRANSLATE_NOOP("export", "Floor area (m²)"), Kind.MONEY, 12),
    Column("tenancy_start", QT_TRANSLATE_NOOP("export", "Tenancy from"), Kind.DATE, 12),
    Column("size_class", QT_TRANSLATE_NOOP("export", "Size"), Kind.TEXT, 10),
    Column("firm_status", QT_TRANSLATE_NOOP("export", "Status"), Kind.TEXT, 10),
)
_IMPORT_SQL = (
    "e.uscc, e.name, e.name_en, e.legal_representative, e.registered_capital_fen, e.founded_on,"
    " s.name, e.industry_code, e.employees, e.annual_revenue_fen, e.total_assets_fen,"
    " e.core_tech, e.core_tech_note, e.contact_name, e.contact_phone, e.contact_email,"
    " e.giant_level, e.giant_recognised_on, z.code, z.name, t.unit, t.floor_area_dm2 / 1,"
    " t.start_on, e.size_class, e.status")
_OPEN_TENANCY = " LEFT JOIN tenancy t ON t.enterprise_id = e.id AND t.end_on IS NULL"


def _statement(db: Database, actor: Actor, flt: EnterpriseFilter, sort: tuple[str, bool] | None,
               columns: str, joins: str = "") -> tuple[list[tuple[str, dict[str, object]]], int]:
    """The SELECT of the list's rows in the list's order (none when the filter matches nothing
    the actor may see) and how many there are."""
    order = _order(sort)
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.ENTERPRISE_READ)
        connection = uow.session.connection()
        server = is_server(connection)
        if server:
            found = server_plan(connection, actor, flt)
            if found is None:
                return [], 0
            source, clause, values = found.source, found.clause, found.values
            total = on_server.count(connection, found)
        else:
            plan = _plan(actor, flt, search.gram_counter(connection))
            if plan is None:
                return [], 0
            source, clause, values = plan
            total = connection.execute(
                text(f"SELECT count(*) FROM {source} WHERE {clause}"), values).scalar_one()
    if order is None:
        order = "f.rowid" if by_index(source) and not server else "e.id"
    elif server:
        order = on_server.in_characters(order)
    statement = (f"SELECT {columns} FROM {source} CROSS JOIN zone z ON z.id = e.zone_id"
                 f" CROSS JOIN sector s ON s.code = e.sector_code{joins} WHERE {clause}"
                 f" ORDER BY {order}")
    if server:  # PostgreSQL's CROSS JOIN takes no ON
        statement = statement.replace(" CROSS JOIN ", " JOIN ")
    return [(statement, values)], int(total)


@checked
def firms_table(db: Database, *, actor: Actor, flt: EnterpriseFilter,
                sort: tuple[str, bool] | None = None) -> ExportTable:
    """The firms the list shows, with the list's columns."""
    statements, total = _statement(db, actor, flt, sort, _FIRM_SQL)
    return ExportTable("firms", FIRM_COLUMNS, total, streamed(db, statements))


def _import_row(row: Sequence[object]) -> tuple:
    values = list(row)
    values[5], values[17], values[22] = as_date(values[5]), as_date(values[17]), as_date(values[22])
    industry = INDUSTRIES.get(str(values[7]))
    values[7] = industry.name if industry else values[7]
    values[11] = bool(values[11])
    return tuple(values)


@checked
def firms_import_table(db: Database, *, actor: Actor, flt: EnterpriseFilter | None = None) -> ExportTable:
    """Every field of the firms the list shows, in the import's layout."""
    statements, total = _statement(db, actor, flt or EnterpriseFilter(), None, _IMPORT_SQL,
                                   _OPEN_TENANCY)
    return ExportTable("firms", IMPORT_COLUMNS, total, streamed(db, statements, _import_row))
