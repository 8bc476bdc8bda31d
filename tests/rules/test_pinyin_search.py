"""Firms are found by pinyin, as in Chinese office software: the initials (shdf finds 上海东方…)
and the whole reading, in full or in part, wherever firms are searched."""

import sqlite3

from sqlalchemy import text

from db import migrate, search
from db.engine import Database
from db.queries.certificates import CertificateFilter, certificate_page
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_page
from db.queries.ledger import LedgerFilter, ledger_page
from db.services.enterprises import register_enterprise, update_enterprise
from db.startup import open_database
from tests.certificate_data import issue_subsidy
from tests.conftest import firm_fields
from tests.ledger_data import make_book


def test_a_name_reads_as_its_initials_and_its_pinyin():
    assert search.pinyin("上海东方（星河）3D科技有限公司") == (
        "shdfxh3dkjyxgs", "shanghaidongfangxinghe3dkejiyouxiangongsi")
    # a polyphonic character is read in its word
    assert search.pinyin("重庆银行") == ("cqyh", "chongqingyinhang")
    assert search.pinyin("") == ("", "")


def _register(db, people, name, zone=1):  # noqa: ANN001, ANN202
    return register_enterprise(db, actor=people.admin, fields=firm_fields(name=name), zone_id=zone)


def _names(db, actor, typed):  # noqa: ANN001, ANN202
    return [r.name for r in enterprise_page(db, actor=actor, flt=EnterpriseFilter(text=typed))]


def test_firms_are_found_by_initials_and_by_whole_or_partial_pinyin(db, people):
    _register(db, people, "上海东方明珠科技有限公司")
    _register(db, people, "上海星河智能科技有限公司")
    _register(db, people, "上海东方芯源有限公司", zone=2)
    # the whole city through the index (admin); a clerk's zone through its rows
    for actor, expected in ((people.admin, ["上海东方明珠科技有限公司", "上海东方芯源有限公司"]),
                            (people.clerk, ["上海东方明珠科技有限公司"])):
        for typed in ("shdf", "SHDF", "shanghaidongfang", "dongfang", "dong fang"):
            assert _names(db, actor, typed) == expected, (actor.username, typed)
        assert count_enterprises(db, actor=actor, flt=EnterpriseFilter(text="dongfang")) == len(expected)
        assert _names(db, actor, "xhzn") == ["上海星河智能科技有限公司"]
        assert _names(db, actor, "shdfxh") == []  # initials in a row, not letters anywhere
        assert _names(db, actor, "星河") == ["上海星河智能科技有限公司"]  # Chinese as before


def test_what_is_compared_within_a_zone(db, people):
    firm = _register(db, people, "上海东方明珠科技有限公司")
    with db.reading() as uow:
        assert uow.session.connection().execute(text("SELECT spelled FROM enterprise WHERE id = :id"),
                                                {"id": firm}).scalar_one() \
            == "shdfmzkjyxgs shanghaidongfangmingzhukejiyouxiangongsi"
    assert search.spelled_fragment("Dong Fang") == "dongfang"
    assert search.spelled_fragment("0115") is None  # digits: the name and the code have them
    assert search.spelled_fragment("东方") is None


def test_a_renamed_firm_is_found_by_its_new_pinyin_only(db, people):
    firm = _register(db, people, "上海东方明珠科技有限公司")
    update_enterprise(db, actor=people.admin, enterprise_id=firm, expected_version=1,
                      fields=firm_fields(name="上海浦江光电有限公司"))
    assert _names(db, people.admin, "shdf") == []
    assert _names(db, people.admin, "pujiang") == ["上海浦江光电有限公司"]
    assert _names(db, people.clerk, "pjgd") == ["上海浦江光电有限公司"]


def test_the_ledger_and_the_certificates_find_firms_by_pinyin(db, people):
    book = make_book(db, people)  # firm A is 上海星河智能科技有限公司, B 上海蓝芯集成电路有限公司
    rows = ledger_page(db, actor=people.admin, flt=LedgerFilter(firm_text="lxjc"))
    assert rows and {r.enterprise_id for r in rows} == {book.firm_b}
    assert {r.enterprise_id for r in ledger_page(db, actor=people.clerk, flt=LedgerFilter(
        firm_text="xinghe"))} == {book.firm_a}
    issue_subsidy(db, people, book)
    assert [r.firm_name for r in certificate_page(db, actor=people.clerk, flt=CertificateFilter(
        text="shxh"))] == ["上海星河智能科技有限公司"]
    assert certificate_page(db, actor=people.clerk, flt=CertificateFilter(text="lanxin")) == []


def test_lists_kept_in_memory_match_pinyin_too():
    assert search.found_in("shdf", "上海东方明珠科技有限公司")
    assert search.found_in("dongfang", "上海东方明珠科技有限公司")
    assert search.found_in("东方", "上海东方明珠科技有限公司")
    assert not search.found_in("xyz", "上海东方明珠科技有限公司")
    assert not search.found_in("shdf", "Shanghai Dongfang")  # no Chinese: letters as typed only


def test_an_older_file_gets_the_pinyin_of_its_firms(tmp_path):
    """A file at 0006, its firms indexed without pinyin, is rebuilt on opening."""
    from alembic import command

    from db import reference

    path = tmp_path / "old.sqlite"
    old = Database(path)
    config = migrate._config()
    with old.writing_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    raw = old.raw_connection()
    reference.load_if_empty(raw)
    raw.execute("INSERT INTO enterprise (id, uscc, name, name_en, legal_representative,"
                " registered_capital_fen, sector_code, industry_code, employees, annual_revenue_fen,"
                " core_tech, core_tech_note, giant_level, contact_name, contact_phone, contact_email,"
                " zone_id, size_class, status, uscc_check, version, created_at, updated_at) VALUES"
                " (7, '91310115MA1K3YJ20B', '上海东方旧档科技有限公司', '', '', 0, 'ai', 'software', 1, 0, 0,"
                " '', 'none', '赵敏', '021-5555', '', 1, 'micro', 'active', 'ok', 1, '2025-01-01',"
                " '2025-01-01')")
    raw.execute("INSERT INTO enterprise_search (rowid, name, code, contact) VALUES (7, ?, ?, ?)",
                (search.tokens("上海东方旧档科技有限公司"), search.tokens("91310115MA1K3YJ20B"),
                 search.tokens("赵敏 021-5555")))
    raw.commit()
    raw.close()
    old.dispose()

    database = open_database(path)
    try:
        with database.reading() as uow:
            connection = uow.session.connection()
            assert connection.execute(text("SELECT rowid, initials, pinyin FROM enterprise_search")).all() \
                == [(7, "s h d f j d k j y x g s", search.tokens("shanghaidongfangjiudangkejiyouxiangongsi"))]
            found = connection.execute(text("SELECT rowid FROM enterprise_search WHERE enterprise_search"
                                            " MATCH :m"), {"m": search.match_expression("shdf")}).all()
            assert found == [(7,)]
            assert connection.execute(text("SELECT spelled FROM enterprise")).all() \
                == [("shdfjdkjyxgs shanghaidongfangjiudangkejiyouxiangongsi",)]
    finally:
        database.dispose()
    migrated = sqlite3.connect(path)
    assert migrated.execute("SELECT count(*) FROM enterprise_search WHERE enterprise_search"
                            " MATCH '\"9 1 3 1\"'").fetchone() == (1,)
    migrated.close()
