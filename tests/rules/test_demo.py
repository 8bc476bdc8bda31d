"""The demo database: valid codes (but for the deliberate pilot codes), working accounts,
the same firms for the same seed, an intact audit chain, and search that finds its firms."""

import sqlite3
from pathlib import Path

import pytest

from db import audit, demo, uscc
from db.engine import Database
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_page
from db.services import auth

FIRMS = 300


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    report = demo.generate(path, firms=FIRMS, seed=7)
    assert (report.firms, report.tenancies, report.staff) == (FIRMS, FIRMS, len(demo.ACCOUNTS))
    connection = sqlite3.connect(path)
    assert (report.entries, report.awards) == (
        connection.execute("SELECT count(*) FROM subsidyentry").fetchone()[0],
        connection.execute("SELECT count(*) FROM award").fetchone()[0])
    connection.close()
    assert report.entries > FIRMS * 10 * 2
    return path


@pytest.fixture
def demo_db(demo_path):
    database = Database(demo_path)
    yield database
    database.dispose()


def firms(path) -> list[tuple[int, str, str, str, int]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT id, uscc, name, uscc_check, zone_id FROM enterprise ORDER BY id").fetchall()
    finally:
        connection.close()


def test_every_code_is_valid_but_the_deliberate_pilot_codes(demo_path):
    rows = firms(demo_path)
    assert len(rows) == FIRMS
    assert len({code for _, code, _, _, _ in rows}) == FIRMS
    pilots = 0
    for _, code, name, check, _ in rows:
        verdict = uscc.judge(code)
        assert verdict.status != "malformed", (name, code)
        if check == "ok":
            assert verdict.status == "valid", (name, code)
        else:
            assert check in ("confirmed", "unconfirmed")
            assert verdict.status == "check_failed", (name, code)
            pilots += 1
    assert 1 <= pilots <= FIRMS // 100
    assert len({name for _, _, name, _, _ in rows}) == FIRMS


def test_every_demo_account_logs_in(demo_db):
    for account in demo.ACCOUNTS:
        actor = auth.log_in(demo_db, username=account.username, password=demo.DEMO_PASSWORD)
        assert actor.role.value == account.role
        assert len(actor.zone_ids) == len(account.zone_codes)


def test_the_same_seed_gives_the_same_firms(demo_path, tmp_path):
    again = tmp_path / "again.sqlite"
    demo.generate(again, firms=FIRMS, seed=7)
    assert [r[1:4] for r in firms(again)] == [r[1:4] for r in firms(demo_path)]
    other = tmp_path / "other.sqlite"
    demo.generate(other, firms=FIRMS, seed=8)
    assert [r[1] for r in firms(other)] != [r[1] for r in firms(demo_path)]


def test_it_refuses_to_overwrite(demo_path):
    with pytest.raises(FileExistsError):
        demo.generate(demo_path, firms=1)


def test_the_audit_chain_verifies(demo_path):
    check = audit.verify(demo_path)
    assert check.ok, check
    # reference data, each account, each firm and each tenancy, and the money (below)
    assert check.events >= len(demo.ACCOUNTS) + 2 * FIRMS


def test_size_classes_are_computed(demo_path):
    connection = sqlite3.connect(demo_path)
    classes = dict(connection.execute("SELECT size_class, count(*) FROM enterprise GROUP BY 1"))
    connection.close()
    assert "unknown" not in classes
    assert classes.get("micro", 0) + classes.get("small", 0) > FIRMS // 2


@pytest.mark.parametrize("username", ["admin", "clerk01"])  # the index, and the in-zone scan
def test_search_finds_a_firm_by_one_character_or_a_code_fragment(demo_db, username):
    actor = auth.log_in(demo_db, username=username, password=demo.DEMO_PASSWORD)
    visible = enterprise_page(demo_db, actor=actor, flt=EnterpriseFilter(), limit=10_000)
    assert visible
    assert len(visible) == count_enterprises(demo_db, actor=actor, flt=EnterpriseFilter())
    firm = visible[len(visible) // 2]
    name = firm.name.removeprefix("上海")
    for fragment in (name[0], name[1], firm.uscc[9:15], firm.uscc[9:15].lower(), firm.uscc[-5:]):
        hits = enterprise_page(demo_db, actor=actor, flt=EnterpriseFilter(text=fragment),
                               limit=10_000)
        assert firm.id in {h.id for h in hits}, fragment
        for hit in hits:
            found_in = (hit.name, hit.uscc.lower(), hit.contact_name, hit.contact_phone)
            assert any(fragment.lower() in f.lower() for f in found_in), (fragment, hit)
        assert count_enterprises(demo_db, actor=actor, flt=EnterpriseFilter(text=fragment)) == len(hits)
    if username == "clerk01":
        assert {h.zone_code for h in visible} == {"Z01"}


def test_search_ignores_latin_case_on_both_paths(db, people):
    """The zone-scoped scan (clerks, reviewers) and the index (all zones) find the same firms."""
    from db.services import enterprises
    from tests.conftest import firm_fields

    firm = enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1,
        fields=firm_fields(name="上海ABC智能科技有限公司", name_en="ABC Intelligent Tech",
                           contact_name="Wang Li"))
    for actor in (people.admin, people.clerk, people.reviewer):
        for typed in ("ABC", "abc", "Abc", "intelligent", "WANG", "wang li"):
            hits = enterprise_page(db, actor=actor, flt=EnterpriseFilter(text=typed))
            assert firm in {h.id for h in hits}, (actor.username, typed)
