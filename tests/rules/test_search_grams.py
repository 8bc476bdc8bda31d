"""Counting and paging a search through enterprise_grams (db/search.py; migration 0012)
finds exactly the firms the search index found before: the same counts, the same pages, for
one and two characters, a full USCC, mixed case, pinyin, words longer than a stretch, several
words, and after firms are registered, edited and bulk-loaded."""

import shutil
import sqlite3

import pytest
from sqlalchemy import event, text

from db import demo, search
from db.engine import Database
from db.export.firms import firms_table
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_page
from db.services import auth
from db.services.enterprises import register_enterprise, update_enterprise
from tests.conftest import firm_fields


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("grams") / "demo.sqlite"
    demo.generate(path, firms=3_000, entry_months=0)  # firms only: the search is what is tested
    return path


def _with_grams(path) -> None:
    """The table made again as migration 0012 makes it on an older file: filled from the index
    (the demo's own was filled by the bulk load)."""
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE enterprise_grams")
    raw.execute(search.GRAMS_TABLE)
    search.fill_grams(raw)
    raw.commit()
    raw.close()


@pytest.fixture
def city(demo_file, tmp_path):
    """The demo with enterprise_grams added, as migration 0012 adds it, and its staff logged in."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    _with_grams(path)
    database = Database(path)
    actors = {name: auth.log_in(database, username=name, password=demo.DEMO_PASSWORD)
              for name in ("admin", "clerk01", "clerk02")}
    yield database, actors
    database.dispose()


def _firm(database, firm_id):
    with database.reading() as uow:
        return uow.session.connection().execute(text(
            "SELECT uscc, name, contact_name, contact_phone, spelled FROM enterprise WHERE id = :id"),
            {"id": firm_id}).one()


def _queries(database) -> list[str]:
    uscc, name, contact, phone, spelled = _firm(database, 1_234)
    initials, reading = spelled.split(" ")
    return [
        "科", "星", "9", "1", "s", "0", "Z", "（",  # one character (and none that counts)
        "星河", "91", "sh", "0115", "科技", "公司", "13",  # two
        "上海星河", "有限公司", "科技有限公司", "9131", "shdf", "dongfang", "张伟", "xyz", "021-6",
        uscc, uscc.lower(), uscc[:8], uscc[:9], uscc[3:12], uscc[-9:], uscc[1:17],  # a USCC
        uscc[:4].lower() + uscc[4:10],  # mixed case
        name, name[:2], name[2:5], name[:9], initials, initials[:3], reading, reading[:8],
        reading[:9], reading[-13:], "youxiangongsi", "shanghaixinghe",  # pinyin past a stretch
        contact, f"{contact}{phone[:3]}", phone, phone[-9:],  # a contact, across name and phone
        f"{uscc[:9]} {name[:2]}", f"星河 {reading[:2]}", "上海 9131 you", "s 科 13",  # several words
        "01150115011501150", "qqqqqqqqq",  # long and found nowhere
        reading[:8] + uscc[:8], uscc[:8] + name[:4], uscc[:8] + "9",  # stretches found apart
        "ß", "ı", "İ", uscc[2:9].lower().replace("1", "ı"),  # letters that do not fold back alike
    ]


def _both(monkeypatch, run):
    """(what `run` returns through enterprise_grams, what it returned through the index alone)."""
    through_grams = run()
    with monkeypatch.context() as patched:
        patched.setattr(search, "has_grams", lambda connection: False)
        before = run()
    return through_grams, before


def _assert_same(database, actors, monkeypatch, queries, flt=EnterpriseFilter) -> None:
    for actor in actors.values():
        for query in queries:
            counted = _both(monkeypatch, lambda q=query, a=actor: count_enterprises(
                database, actor=a, flt=flt(text=q)))
            assert counted[0] == counted[1], (actor.username, query)
            for offset, sort in ((0, None), (150, None), (0, ("name", True)), (0, ("sector", False))):
                paged = _both(monkeypatch, lambda q=query, a=actor, o=offset, s=sort: enterprise_page(
                    database, actor=a, flt=flt(text=q), offset=o, limit=200, sort=s))
                assert paged[0] == paged[1], (actor.username, query, offset, sort)


def test_counts_and_pages_are_those_of_the_index(city, monkeypatch):
    database, actors = city
    queries = _queries(database)
    _assert_same(database, actors, monkeypatch, queries)
    admin = actors["admin"]
    # the queries find something worth comparing: all, many, a few and one firm
    uscc, _name, _contact, _phone, spelled = _firm(database, 1_234)
    reading = spelled.split(" ")[1]
    counts = {q: count_enterprises(database, actor=admin, flt=EnterpriseFilter(text=q)) for q in queries}
    assert counts["9"] == 3_000 and counts["（"] == 3_000
    assert counts[uscc] == 1
    assert counts["youxiangongsi"] > 1_000 and 0 < counts["shanghaixinghe"] < 1_000
    assert counts["qqqqqqqqq"] == counts[reading[:8] + uscc[:8]] == 0


def test_with_other_filters_the_firms_are_those_of_the_index(city, monkeypatch):
    database, actors = city

    def active(text: str) -> EnterpriseFilter:
        return EnterpriseFilter(text=text, status="active", giant_level="none")

    _assert_same(database, {"admin": actors["admin"]}, monkeypatch,
                 ["9", "91", "shdf", "有限公司", "youxiangongsi", _firm(database, 7)[0]], active)


def test_the_exported_list_is_that_of_the_index(city, monkeypatch):
    database, actors = city
    uscc = _firm(database, 1_234)[0]
    for actor in actors.values():
        for query in ("9", "sh", uscc[3:12], uscc, "youxiangongsi", "上海 科"):
            tables = _both(monkeypatch, lambda a=actor, q=query: (
                lambda t: (t.total, [tuple(row) for row in t.rows]))(
                firms_table(database, actor=a, flt=EnterpriseFilter(text=q))))
            assert tables[0] == tables[1], (actor.username, query)


def test_a_city_wide_count_reads_the_grams(city):
    database, actors = city
    statements: list[str] = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: statements.append(statement))
    count_enterprises(database, actor=actors["admin"], flt=EnterpriseFilter(text="91310"))
    counted = [s for s in statements if "count(*)" in s]
    assert counted == ["SELECT count(*) FROM enterprise_grams f WHERE enterprise_grams MATCH ?"]


def test_a_zone_count_of_a_few_firms_reads_the_grams(city):
    database, actors = city
    uscc = _firm(database, 1_234)[0]
    statements: list[str] = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: statements.append(statement))
    for who in ("clerk01", "clerk02"):
        count_enterprises(database, actor=actors[who], flt=EnterpriseFilter(text=uscc[3:12]))
        count_enterprises(database, actor=actors[who], flt=EnterpriseFilter(text="9131"))  # all
    counted = [s.startswith("SELECT count(*) FROM enterprise_grams f CROSS JOIN enterprise e")
               for s in statements if s.startswith("SELECT count(*) FROM enterprise")]
    assert counted == [True, False, True, False]


def test_registered_and_edited_firms_are_found_as_by_the_index(city, monkeypatch):
    database, actors = city
    admin = actors["admin"]
    with database.reading() as uow:
        z01 = uow.session.connection().execute(text("SELECT id FROM zone WHERE code = 'Z01'")).scalar_one()
    firm_id = register_enterprise(database, actor=admin, fields=firm_fields(
        name="上海青鸟星河量子科技有限公司", contact_name="欧阳娜娜", contact_phone="021-98765432"),
        zone_id=z01)
    from db.queries.enterprises import enterprise_detail
    detail = enterprise_detail(database, actor=admin, enterprise_id=firm_id)
    old_uscc = detail.fields.uscc
    update_enterprise(database, actor=admin, enterprise_id=firm_id, expected_version=detail.version,
                      fields=detail.fields.model_copy(update={
                          "name": "上海白鹭湾生物医药有限公司", "contact_phone": "13900001111"}))
    queries = ["青鸟", "qingniao", "qnxhlz", "白鹭湾", "bailuwan", "shangbailu", "98765432",
               "1390000", "13900001111", old_uscc, old_uscc[2:12], "欧阳娜娜"]
    _assert_same(database, {"admin": admin}, monkeypatch, queries)
    count = count_enterprises(database, actor=admin, flt=EnterpriseFilter(text="bailuwan"))
    assert count >= 1 and count_enterprises(database, actor=admin, flt=EnterpriseFilter(text="qingniao")) == 0
    raw = sqlite3.connect(database.path)
    raw.execute("INSERT INTO enterprise_grams (enterprise_grams) VALUES ('integrity-check')")
    raw.close()


def test_a_bulk_load_that_rewrites_firms_keeps_the_grams_in_step(city, monkeypatch):
    database, actors = city
    raw = sqlite3.connect(database.path)
    search.index_bulk(raw, [(5, "上海紫藤湾机器人有限公司", "Wisteria Robotics", "91310115MA1K3YJ20B",
                             "司马懿", "021-31415926"),
                            (6, "杭州银杏数据有限公司", "", "91330100MA27XK5N2C", "诸葛亮", "")])
    raw.commit()
    raw.execute("INSERT INTO enterprise_grams (enterprise_grams) VALUES ('integrity-check')")
    raw.close()
    queries = ["紫藤湾", "wisteria", "robotics", "ztwjqr", "31415926", "yinxing", "91330100MA27XK5N2C",
               "20B", _firm(database, 5)[1][:4], "司马懿021"]
    _assert_same(database, {"admin": actors["admin"]}, monkeypatch, queries)
    assert count_enterprises(database, actor=actors["admin"], flt=EnterpriseFilter(text="wisteria")) == 1


def test_a_stretch_holds_up_to_gram_characters_of_each_column():
    document = search.document("星河3D", "", "91310115MA1K3YJ20B", "张伟", "021-5555")
    grams = search.grams(document).split(" ")
    assert "星河3d" in grams and "91310115" in grams and "1310115m" in grams and "k3yj20b" in grams
    assert "b" in grams and "20b" in grams and "张伟021555" in grams and "5555" in grams and "xinghe3d" in grams
    assert max(len(g) for g in grams) == search.GRAM == 8
    assert "d9131011" not in grams  # no stretch runs from one column into the next


def test_a_long_word_is_its_covering_stretches_checked_as_a_phrase():
    assert search.gram_query(["9"]) == ('"9"*', [])
    assert search.gram_query(["9131-01", "Shdf"]) == ('"913101"* AND "shdf"*', [])
    assert search.gram_query(["91310115"]) == ('"91310115"', [])
    assert search.gram_query(["91310115MA1K3YJ20B"]) == (
        '"91310115" AND "ma1k3yj2" AND "1k3yj20b"',
        ["9 1 3 1 0 1 1 5 m a 1 k 3 y j 2 0 b"])
