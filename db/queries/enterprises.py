"""Finding firms: the filtered list (counted and paged in SQL) and one firm's details.

What is searched is bounded: the first SEARCH_WORDS words of the first SEARCH_CHARACTERS
characters typed (a firm's name is at most 100 characters). Beyond, nothing narrows the list
further; each word is one condition, and a thousand of them are more than SQLite can plan.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from db import search
from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.errors import Interrupted, NotFound, ValidationError
from db.models import Enterprise, EnterpriseFields, Tenancy, Zone
from db.queries import firm_search_on_server as on_server
from db.server.dialect import is_server
from db.services.validation import not_negative
from db.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class EnterpriseFilter:
    text: str = ""
    zone_id: int | None = None
    sector_code: str | None = None
    giant_level: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class EnterpriseRow:
    id: int
    uscc: str
    name: str
    zone_code: str
    zone_name: str
    sector_name: str
    size_class: str
    giant_level: str
    status: str
    contact_name: str
    contact_phone: str
    uscc_check: str


@dataclass(frozen=True)
class TenancyRow:
    id: int
    zone_id: int
    zone_code: str
    zone_name: str
    unit: str
    floor_area_dm2: int
    start_on: date
    end_on: date | None


@dataclass(frozen=True)
class EnterpriseDetail:
    id: int
    version: int
    zone_id: int
    zone_name: str
    size_class: str
    status: str
    uscc_check: str
    fields: EnterpriseFields
    tenancies: list[TenancyRow] = field(default_factory=list)


SEARCH_WORDS = 8
SEARCH_CHARACTERS = 120


def searched_words(typed: str) -> list[str]:
    """The words of a search that count: each with a letter or digit, the first SEARCH_WORDS of
    the first SEARCH_CHARACTERS characters."""
    return [p for p in typed[:SEARCH_CHARACTERS].split() if search.tokens(p)][:SEARCH_WORDS]


_FIRM = " CROSS JOIN enterprise e ON e.id = f.rowid"  # after an index read in firm order
_INDEXES = ("enterprise_search f", "enterprise_grams f")


def by_index(source: str) -> bool:
    """Whether a plan's FROM reads an index in firm order (its alias f), not the firms."""
    return source.startswith(_INDEXES)


_COLUMNS = ("e.id, e.uscc, e.name, z.code, z.name, s.name, e.size_class, e.giant_level, e.status,"
            " e.contact_name, e.contact_phone, e.uscc_check")


def _scope(actor: Actor, flt: EnterpriseFilter) -> tuple[list[int] | None, list[str], dict[str, object]] | None:
    """(the zones searched, None for the whole city; the conditions on the firms e besides the
    text; their values), or None when the actor may see no firm the filter asks for."""
    clauses: list[str] = []
    values: dict[str, object] = {}
    zone_ids: list[int] | None = None
    if not actor.all_zones:
        if flt.zone_id is not None and flt.zone_id not in actor.zone_ids:
            return None
        zone_ids = sorted(actor.zone_ids) if flt.zone_id is None else [flt.zone_id]
    elif flt.zone_id is not None:
        zone_ids = [flt.zone_id]
    if zone_ids is not None:
        clauses.append(f"e.zone_id IN ({', '.join(str(int(z)) for z in zone_ids)})")
    for name in ("sector_code", "giant_level", "status"):
        value = getattr(flt, name)
        if value:
            clauses.append(f"e.{name} = :{name}")
            values[name] = value
    return zone_ids, clauses, values


def server_plan(connection, actor: Actor, flt: EnterpriseFilter) -> on_server.ServerPlan | None:  # noqa: ANN001
    """The plan on a PostgreSQL server (db/queries/firm_search_on_server.py), or None as _plan."""
    scope = _scope(actor, flt)
    if scope is None:
        return None
    return on_server.plan(connection, actor, *scope, searched_words(flt.text))


def _plan(actor: Actor, flt: EnterpriseFilter,
          grams: Callable[[str], int] | None = None) -> tuple[str, str, dict[str, object]] | None:
    """(FROM clause, WHERE clause, values) for the filter, or None when it can match nothing.

    Two ways to find text, by which is cheaper: within a few zones (a clerk's, or a chosen zone:
    a few thousand firms even at city scale) the zone's rows are read and each is searched with
    instr() (its pinyin in `spelled`); across the whole city the search index is read, in firm order, so the first page
    comes after a few hundred matches however common the fragment is. With `grams`
    (search.gram_counter: the file has enterprise_grams) that table is read instead across the
    city: the same firms, found without reading positions (a word longer than search.GRAM is
    checked against the index row). Within zones, when the grams find at most search.FEW firms
    in the whole city, only those are read and checked with instr() as before: every firm that
    instr() finds has the words as phrases of the index, so the result is the same.
    """
    scope = _scope(actor, flt)
    if scope is None:
        return None
    zone_ids, clauses, values = scope
    source = "enterprise e"
    parts = searched_words(flt.text)
    if parts and zone_ids is not None:
        clauses += search.zone_clauses(parts, values)
        if grams is not None and search.case_folds_alike(parts):
            match, _ = search.gram_query(parts)
            if grams(match) <= search.FEW:
                source = "enterprise_grams f" + _FIRM
                clauses.append("enterprise_grams MATCH :match")
                values["match"] = match
    elif parts and grams is not None:
        match, checks = search.gram_query(parts)
        source = "enterprise_grams f"
        clauses.append("enterprise_grams MATCH :match")
        values["match"] = match
        if checks:  # CROSS JOINs keep the grams as the outer loop, read in firm order
            source += " CROSS JOIN enterprise_search w ON w.rowid = f.rowid"
        for i, phrase in enumerate(checks):
            values[f"c{i}"] = phrase
            clauses.append(f"({' OR '.join(f'instr(w.{c}, :c{i})' for c in search.COLUMNS)})")
        source += _FIRM
    elif parts:
        # CROSS JOIN keeps the index as the outer loop, read in rowid (= firm id) order
        source = "enterprise_search f" + _FIRM
        clauses.append("enterprise_search MATCH :match")
        values["match"] = search.match_expression(" ".join(parts))
    return source, " AND ".join(clauses) or "1", values


# what a list may be sorted by (a header clicked): the name given → the SQL it sorts on
SORTS = {"name": "e.name", "uscc": "e.uscc", "zone": "z.code", "sector": "s.name",
         "size": "e.size_class", "giant": "e.giant_level", "status": "e.status",
         "contact": "e.contact_name", "phone": "e.contact_phone"}
_JOINS = {"z.": " CROSS JOIN zone z ON z.id = e.zone_id", "s.": " CROSS JOIN sector s ON s.code = e.sector_code"}


def _order(sort: tuple[str, bool] | None) -> str | None:
    """ORDER BY of a sort (None: registration order); ties in registration order."""
    if sort is None:
        return None
    name, descending = sort
    if name not in SORTS:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "The value given here is of the wrong kind."),
                              field="sort")
    return f"{SORTS[name]}{' DESC' if descending else ''}, e.id"


@checked
def enterprise_page(db: Database, *, actor: Actor, flt: EnterpriseFilter, offset: int = 0,
                    limit: int = 200, sort: tuple[str, bool] | None = None) -> list[EnterpriseRow]:
    """The matching firms offset..offset+limit, in registration order, or by `sort`: (a name in
    SORTS, descending). A sorted list reads every match before its first page: tens of
    milliseconds more at city scale, a header click's wait, not a keystroke's."""
    not_negative(offset, "offset")
    not_negative(limit, "limit")
    order = _order(sort)
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTERPRISE_READ)
        connection = session.connection()
        server = is_server(connection)
        first = "e.id"
        if server:
            found = server_plan(connection, actor, flt)
            plan = None if found is None else (found.source, found.clause, found.values)
            first = "e.id" if found is None else found.first
        else:
            plan = _plan(actor, flt, search.gram_counter(connection))
        if plan is None:
            return []
        source, clause, values = plan
        if order is None:
            inner = "f.rowid" if by_index(source) and not server else first
            order = "e.id"
        else:
            if server:
                order = on_server.in_characters(order)
            inner = order
            source += "".join(join for alias, join in _JOINS.items() if alias in order)
        statement = (
            f"SELECT {_COLUMNS} FROM (SELECT e.id AS id FROM {source} WHERE {clause}"
            f"  ORDER BY {inner} LIMIT :limit OFFSET :offset) AS hit"
            " CROSS JOIN enterprise e ON e.id = hit.id CROSS JOIN zone z ON z.id = e.zone_id"
            f" CROSS JOIN sector s ON s.code = e.sector_code ORDER BY {order}")
        if server:  # PostgreSQL's CROSS JOIN takes no ON: SQLite's keeps the join order
            statement = statement.replace(" CROSS JOIN ", " JOIN ")
        rows = connection.execute(text(statement), values | {"limit": limit, "offset": offset}).all()
        return [EnterpriseRow(*row) for row in rows]


@checked
def count_enterprises(db: Database, *, actor: Actor, flt: EnterpriseFilter,
                      cancelled: Callable[[], bool] | None = None) -> int:
    """How many firms match (asked after the first page, so the list never waits for it).

    Counting a common fragment over 150,000 firms takes tens of milliseconds; `cancelled` is
    polled while SQLite works, so that the next keystroke's query need not wait for it: the
    count then stops with Interrupted."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTERPRISE_READ)
        connection = session.connection()
        if is_server(connection):
            return _count_on_server(connection, actor, flt, cancelled)
        plan = _plan(actor, flt, search.gram_counter(connection))
        if plan is None:
            return 0
        source, clause, values = plan
        if by_index(source) and not re.search(r"\be\.", clause):
            source = source.removesuffix(_FIRM)  # the index alone answers: no join needed
        sqlite = connection.connection.dbapi_connection
        if cancelled is not None:
            sqlite.set_progress_handler(lambda: int(cancelled()), 1_000)
        try:
            return connection.execute(
                text(f"SELECT count(*) FROM {source} WHERE {clause}"), values).scalar_one()
        except OperationalError as error:
            if cancelled is not None and cancelled():
                raise Interrupted("the count was no longer wanted") from error
            raise
        finally:
            sqlite.set_progress_handler(None, 0)


def _count_on_server(connection, actor: Actor, flt: EnterpriseFilter,  # noqa: ANN001
                     cancelled: Callable[[], bool] | None) -> int:
    """A count on a server: a count no longer wanted before or after its statement (tens of
    milliseconds at most) ends with Interrupted, as SQLite's progress handler ends it."""
    def unwanted() -> None:
        if cancelled is not None and cancelled():
            raise Interrupted("the count was no longer wanted")
    unwanted()
    plan = server_plan(connection, actor, flt)
    counted = 0 if plan is None else on_server.count(connection, plan)
    unwanted()
    return counted


def readable_enterprise(session, actor: Actor, enterprise_id: int) -> Enterprise:  # noqa: ANN001
    """The firm, if the actor may read it; NotFound alike for a missing firm and for one in
    another zone (so that other zones' firms cannot be probed)."""
    actor = authorise(session, actor, Action.ENTERPRISE_READ)
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None or not actor.covers(enterprise.zone_id):
        raise NotFound(QT_TRANSLATE_NOOP("db", "This firm does not exist or is not in your zones."))
    return enterprise


@checked
def enterprise_detail(db: Database, *, actor: Actor, enterprise_id: int) -> EnterpriseDetail:
    with db.reading() as uow:
        session = uow.session
        enterprise = readable_enterprise(session, actor, enterprise_id)
        zone = session.get(Zone, enterprise.zone_id)
        tenancies = session.connection().execute(text(
            "SELECT t.id, t.zone_id, z.code, z.name, t.unit, t.floor_area_dm2, t.start_on, t.end_on"
            " FROM tenancy t JOIN zone z ON z.id = t.zone_id WHERE t.enterprise_id = :id"
            " ORDER BY t.start_on DESC"), {"id": enterprise_id}).all()
        return EnterpriseDetail(
            id=enterprise.id, version=enterprise.version, zone_id=enterprise.zone_id,
            zone_name=zone.name, size_class=enterprise.size_class, status=enterprise.status,
            uscc_check=enterprise.uscc_check,
            fields=EnterpriseFields.model_validate(enterprise.model_dump(include=set(EnterpriseFields.model_fields))),
            tenancies=[TenancyRow(r[0], r[1], r[2], r[3], r[4], r[5], _date(r[6]), _date(r[7]))
                       for r in tenancies])


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@checked
def open_tenancy(db: Database, *, actor: Actor, enterprise_id: int) -> Tenancy | None:
    """The firm's open tenancy as a detached copy (None if it has none)."""
    detail = enterprise_detail(db, actor=actor, enterprise_id=enterprise_id)
    for row in detail.tenancies:
        if row.end_on is None:
            return Tenancy(id=row.id, enterprise_id=enterprise_id, zone_id=row.zone_id, unit=row.unit,
                           floor_area_dm2=row.floor_area_dm2, start_on=row.start_on)
    return None
