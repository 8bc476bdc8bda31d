"""A server finds the firms an SQLite file finds (db/search.py "On a server", migration 0015):
the same 3,000 demo firms in a file and on the throw-away server give the same counts, pages,
sorted pages and exported lists for the administrator (the whole city, through
enterprise_grams) and two clerks (their zones' rows, under the server's row-level security),
for every query test_search_grams.py asks, before and after a firm is registered and edited
through the services. The server's grams are those db.search.server_grams says, and its folds
those of SQLite's FTS5 tokenizer."""

import collections
import sqlite3

import pytest
from sqlalchemy import text

from db import demo, search
from db.engine import Database
from db.export.firms import firms_table
from db.queries.enterprises import (
    EnterpriseFilter,
    count_enterprises,
    enterprise_detail,
    enterprise_page,
)
from db.server.connection import ServerDatabase
from db.services import auth, staff
from db.services.enterprises import register_enterprise, update_enterprise
from tests.conftest import PASSWORD, firm_fields
from tests.rules.test_search_grams import _queries

PEOPLE = ("admin", "clerk01", "clerk02")
SORTS = (None, ("name", True), ("sector", False), ("contact", False))


@pytest.fixture(scope="module")
def both(tmp_path_factory, postgres_server, rules_template):
    """(the demo file and its people, the same firms on a server and the same people there)."""
    path = tmp_path_factory.mktemp("search_on_server") / "demo.sqlite"
    demo.generate(path, firms=3_000, entry_months=0)
    file = Database(path)
    on_file = {name: auth.log_in(file, username=name, password=demo.DEMO_PASSWORD) for name in PEOPLE}
    name = "zonedesk_search_on_server"
    with postgres_server.connect() as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {rules_template}")
    server = ServerDatabase(postgres_server.url(database=name))
    try:
        on_server = _copy(file, server, on_file)
        yield file, on_file, server, on_server
    finally:
        server.dispose()
        file.dispose()
        postgres_server.wait_until_gone(name)
        with postgres_server.connect() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")


def _copy(file: Database, server: ServerDatabase, people: dict) -> dict:
    """The file's firms written on the server as moving in would (by the superuser, ids kept),
    indexed by db.search.index_bulk; the file's people made there by the staff services."""
    raw = sqlite3.connect(file.path)
    raw.row_factory = sqlite3.Row
    zones = dict(raw.execute("SELECT id, code FROM zone").fetchall())
    firms = [dict(row) for row in raw.execute("SELECT * FROM enterprise ORDER BY id")]
    raw.close()
    with server.writing_engine.begin() as connection:
        ids = dict(connection.execute(text("SELECT code, id FROM zone")).all())
        columns = [c for c in firms[0] if c != "spelled"]
        rows = [{**f, "zone_id": ids[zones[f["zone_id"]]], "core_tech": bool(f["core_tech"])}
                for f in firms]
        connection.execute(text(f"INSERT INTO enterprise ({', '.join(columns)}) VALUES"
                                f" ({', '.join(':' + c for c in columns)})"), rows)
        connection.execute(text("SELECT setval(pg_get_serial_sequence('enterprise', 'id'),"
                                " (SELECT max(id) FROM enterprise))"))
        search.index_bulk(connection, [(f["id"], f["name"], f["name_en"], f["uscc"],
                                        f["contact_name"], f["contact_phone"]) for f in firms])
    admin = auth.create_first_admin(server, username="admin", display_name="管理员", password=PASSWORD)
    actors = {"admin": admin}
    for name in PEOPLE[1:]:
        actor = people[name]
        staff.create_staff(server, actor=admin, username=name, display_name=actor.display_name,
                           role=actor.role, password=PASSWORD,
                           zone_ids=[ids[zones[z]] for z in sorted(actor.zone_ids)])
        actors[name] = auth.log_in(server, username=name, password=PASSWORD)
    return actors


def _answers(database, actor, query: str, flt=EnterpriseFilter) -> list:  # noqa: ANN001
    """Everything the list shows for a query: the count, pages, sorted pages, the export."""
    found = [count_enterprises(database, actor=actor, flt=flt(text=query))]
    for offset, sort in ((0, None), (150, None), *((0, s) for s in SORTS[1:])):
        found.append(enterprise_page(database, actor=actor, flt=flt(text=query), offset=offset,
                                     limit=200, sort=sort))
    table = firms_table(database, actor=actor, flt=flt(text=query))
    return [*found, table.total, [tuple(row) for row in table.rows]]


def _assert_same(both, queries: list[str], people=PEOPLE, flt=EnterpriseFilter) -> None:  # noqa: ANN001
    file, on_file, server, on_server = both
    for name in people:
        for query in queries:
            assert _answers(server, on_server[name], query, flt) \
                == _answers(file, on_file[name], query, flt), (name, query)


def test_the_server_finds_what_the_file_finds(both):
    file, on_file, _server, _on_server = both
    queries = _queries(file)
    _assert_same(both, queries)
    counts = {q: count_enterprises(file, actor=on_file["admin"], flt=EnterpriseFilter(text=q))
              for q in queries}
    assert counts["9"] == 3_000 and 0 < counts["shanghaixinghe"] < 1_000  # all, some and none
    assert counts["qqqqqqqqq"] == 0


def test_with_other_filters_the_server_finds_what_the_file_finds(both):
    def active(**typed: str) -> EnterpriseFilter:
        return EnterpriseFilter(**typed, status="active", giant_level="none")

    def in_sector(**typed: str) -> EnterpriseFilter:
        return EnterpriseFilter(**typed, sector_code="ai")

    for flt in (active, in_sector):
        _assert_same(both, ["", "9", "91", "shdf", "有限公司", "youxiangongsi", "上海 9131 you"],
                     ("admin", "clerk01"), flt)


def test_registered_and_edited_firms_are_found_alike(both):
    file, on_file, server, on_server = both
    for database, people in ((file, on_file), (server, on_server)):
        with database.reading() as uow:
            z01 = uow.session.connection().execute(text("SELECT id FROM zone WHERE code = 'Z01'")).scalar_one()
        firm = register_enterprise(database, actor=people["admin"], fields=firm_fields(
            uscc="91310115MA1K3YJ20B", name="上海青鸟星河量子科技有限公司", contact_name="欧阳娜娜",
            contact_phone="021-98765432"), zone_id=z01)
        detail = enterprise_detail(database, actor=people["admin"], enterprise_id=firm)
        update_enterprise(database, actor=people["admin"], enterprise_id=firm,
                          expected_version=detail.version, fields=detail.fields.model_copy(update={
                              "name": "上海白鹭湾生物医药有限公司", "contact_phone": "13900001111"}))
    _assert_same(both, ["青鸟", "qingniao", "qnxhlz", "白鹭湾", "bailuwan", "shangbailu", "98765432",
                        "1390000", "13900001111", "91310115MA1K3YJ20B", "310115ma1k3y", "欧阳娜娜"])
    assert count_enterprises(server, actor=on_server["admin"], flt=EnterpriseFilter(text="bailuwan")) \
        >= 1


def test_the_servers_grams_are_what_the_program_says(both):
    _file, _on_file, server, _on_server = both
    with server.writing_engine.begin() as connection:
        rows = connection.execute(text(
            f"SELECT enterprise_id, {', '.join(search.COLUMNS)} FROM enterprise_search"
            " WHERE enterprise_id % 97 = 1 ORDER BY enterprise_id")).all()
        grams = collections.defaultdict(set)
        for firm, gram in connection.execute(text(
                "SELECT enterprise_id, gram FROM enterprise_grams WHERE enterprise_id % 97 = 1")):
            grams[firm].add(gram)
    assert len(rows) > 20
    for firm, *columns in rows:
        assert grams[firm] == search.server_grams(dict(zip(search.COLUMNS, columns, strict=True)))


def test_the_server_folds_letters_as_sqlites_tokenizer_does():
    """Every letter and digit a firm's text may hold, as FTS5 (unicode61, remove_diacritics 0)
    keeps it, folds it or drops it; the server's rows and words do the same (SERVER_FOLDS)."""
    letters = sorted({ch for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000
                      for ch in chr(code).lower() if ch.isalnum()})
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    connection.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(letters, 1))
    kept = collections.defaultdict(str)
    for term, row in connection.execute("SELECT term, doc FROM v"):
        kept[row] += term
    connection.close()
    assert [(ch, kept[row]) for row, ch in enumerate(letters, 1) if kept[row] != ch] \
        == [(ch, ch.translate(search.SERVER_FOLDS)) for ch in letters
            if ch.translate(search.SERVER_FOLDS) != ch]
