"""The demo database: valid codes (but for the deliberate pilot codes), working accounts,
the same firms for the same seed, an intact audit chain, and search that finds its firms."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from db import audit, demo, subsidy_rules, uscc
from db.engine import Database
from db.models import SubsidyEntry
from db.queries.approvals import approval_queue
from db.queries.bill_sheet import bill_sheet
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_page
from db.services import approvals, auth, subsidies
from db.services.subsidies import Bill

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


# --- the demo year of money ---------------------------------------------------------------------

def _rows(path, sql, *values):
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(sql, values)]
    finally:
        connection.close()


def test_a_year_of_entries_decided_with_four_eyes(demo_path):
    counts = {(r["period"], r["status"]): r["n"] for r in _rows(
        demo_path, "SELECT period, status, count(*) AS n FROM subsidyentry WHERE reverses_id IS NULL GROUP BY 1, 2")}
    for month in range(1, 11):
        assert counts[(f"2026-{month:02d}", "approved")] >= FIRMS * 2, month  # most firms, most categories
    assert counts[("2026-11", "submitted")] > 0 and counts[("2026-11", "draft")] > 0
    assert ("2026-11", "approved") not in counts and ("2026-12", "draft") not in counts
    assert sum(n for (_, status), n in counts.items() if status == "rejected") > 0
    staff = {r["id"]: r["username"] for r in _rows(demo_path, "SELECT id, username FROM staffaccount")}
    for row in _rows(demo_path, "SELECT z.code, x.entered_by, x.decided_by, x.status, x.decided_at"
                     " FROM subsidyentry x JOIN zone z ON z.id = x.zone_id"):
        clerk, reviewer = (("clerk01", "reviewer01") if row["code"] == "Z01" else
                           ("clerk02", "reviewer02") if row["code"] in ("Z02", "Z03") else
                           ("democlerk", "demoreviewer"))
        assert staff[row["entered_by"]] == clerk
        if row["status"] in ("approved", "rejected"):
            assert staff[row["decided_by"]] == reviewer and row["decided_at"]
        else:
            assert row["decided_by"] is None
    for row in _rows(demo_path, "SELECT entered_by, decided_by FROM award WHERE decided_by IS NOT NULL"):
        assert row["entered_by"] != row["decided_by"]


def test_the_demo_entries_follow_the_rules(demo_path):
    rates = {r["category"]: r for r in _rows(demo_path, "SELECT * FROM policyrate")}
    assert {c: (r["valid_from"], r["rate_bp"]) for c, r in rates.items()} == {
        "land": ("2026-01-01", 1000), "electricity": ("2026-01-01", 1500),
        "water": ("2026-01-01", 1000), "internet": ("2026-01-01", 2000)}
    taken = {}
    for row in _rows(demo_path, "SELECT * FROM subsidyentry ORDER BY id"):
        if row["reverses_id"] is None:
            assert 0 <= row["subsidy_fen"] <= subsidy_rules.bill_share(row["billed_fen"], row["rate_bp"])
        if row["status"] != "rejected" and (row["reverses_id"] is None or row["status"] == "approved"):
            key = (row["enterprise_id"], row["category"])
            taken[key] = taken.get(key, 0) + row["subsidy_fen"]
    assert all(amount <= rates[category]["yearly_cap_fen"] for (_, category), amount in taken.items())
    assert any(amount == rates["land"]["yearly_cap_fen"] for (_, c), amount in taken.items() if c == "land")
    # the reversals: approved, linked, netting their originals to 0; one posted out of a closed month
    pairs = _rows(demo_path, "SELECT o.period AS original, r.period AS reversal, r.status, o.reversed_by_id = r.id"
                  " AS linked, o.subsidy_fen + r.subsidy_fen AS net, o.billed_fen + r.billed_fen AS billed,"
                  " r.entered_by <> r.decided_by AS four_eyes, r.reason FROM subsidyentry r JOIN subsidyentry o"
                  " ON o.id = r.reverses_id")
    assert len(pairs) == 2
    for pair in pairs:
        assert (pair["status"], pair["linked"], pair["net"], pair["billed"], pair["four_eyes"]) == (
            "approved", 1, 0, 0, 1) and pair["reason"]
    assert {(p["original"], p["reversal"]) for p in pairs} == {("2026-01", "2026-11"), ("2026-10", "2026-10")}


def test_budgets_are_used_70_to_85_percent_and_fit_the_programme_cap(demo_path):
    budgets = {(r["zone_id"], r["category"]): r["amount_fen"] for r in _rows(
        demo_path, "SELECT * FROM budget WHERE year = 2026")}
    assert len(budgets) == 55 * 5
    used = {(r["zone_id"], r["category"]): r["used"] for r in _rows(
        demo_path, "SELECT zone_id, category, sum(subsidy_fen) AS used FROM subsidyentry"
        " WHERE status = 'approved' GROUP BY 1, 2")}
    waiting = {(r["zone_id"], r["category"]): r["asked"] for r in _rows(
        demo_path, "SELECT zone_id, category, sum(subsidy_fen) AS asked FROM subsidyentry"
        " WHERE status = 'submitted' GROUP BY 1, 2")}
    for (zone, category), amount in used.items():
        budget = budgets[(zone, category)]
        assert amount <= 0.85 * budget, (zone, category)
        assert budget <= max(amount / 0.70, amount + waiting.get((zone, category), 0)) + 100_000
        assert amount + waiting.get((zone, category), 0) <= budget  # the queue can be approved
    cap = _rows(demo_path, "SELECT value FROM programmesetting WHERE key = 'budget_cap_fen'")[0]["value"]
    assert cap == 1_500_000_000_000 and sum(budgets.values()) <= cap


def test_awards_and_guarantees(demo_path):
    rows = _rows(demo_path, "SELECT a.*, e.giant_level, e.giant_recognised_on FROM award a"
                 " JOIN enterprise e ON e.id = a.enterprise_id")
    giants = [r for r in rows if r["kind"] == "little_giant"]
    assert giants and {r["status"] for r in giants} <= {"approved", "submitted"}
    for row in giants:
        assert (row["level"], row["recognised_on"]) == (row["giant_level"], row["giant_recognised_on"])
        assert row["recognised_on"] >= "2024-12-01"
        assert row["amount_fen"] == {"municipal": 10_000_000, "national": 30_000_000}[row["level"]]
    guarantees = [r for r in rows if r["kind"] == "loan_guarantee"]
    for row in guarantees:
        assert 0 < row["amount_fen"] <= row["loan_fen"] and row["bank"] and row["term_months"] > 0
    per_firm = {}
    for row in guarantees:
        per_firm[row["enterprise_id"]] = per_firm.get(row["enterprise_id"], 0) + row["amount_fen"]
    assert all(total <= 3_000_000_000 for total in per_firm.values())


def test_closed_months_and_the_trigger_that_guards_them(demo_path, template_db):
    assert [r["period"] for r in _rows(demo_path, "SELECT period FROM closedperiod ORDER BY 1")] == [
        f"2026-{m:02d}" for m in range(1, 9)]
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert _rows(demo_path, triggers) == _rows(template_db, triggers)  # the load put back what it set aside
    row = _rows(demo_path, "SELECT * FROM subsidyentry WHERE period = '2026-03' AND status = 'approved' LIMIT 1")[0]
    columns = [c for c in row if c not in ("id", "status")]
    connection = sqlite3.connect(demo_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="this month is closed"):
            connection.execute(f"INSERT INTO subsidyentry (status, {', '.join(columns)}) VALUES"
                               f" ('rejected', {', '.join('?' * len(columns))})", [row[c] for c in columns])
    finally:
        connection.close()


def test_one_audit_event_per_row_loaded(demo_path):
    actions = {r["action"]: r["n"] for r in _rows(demo_path, "SELECT action, count(*) AS n FROM auditevent GROUP BY 1")}
    entries = _rows(demo_path, "SELECT count(*) AS n FROM subsidyentry")[0]["n"]
    awards = _rows(demo_path, "SELECT count(*) AS n FROM award")[0]["n"]
    assert actions["entry.demo_load"] == entries and actions["award.demo_load"] == awards
    assert (actions["entry.reversed"], actions["period.close"], actions["policy.rate"], actions["policy.budget"]) == (
        2, 8, 4, 55 * 5)
    loaded = json.loads(_rows(demo_path, "SELECT after_json FROM auditevent WHERE action = 'entry.demo_load'"
                              " LIMIT 1")[0]["after_json"])
    assert {"enterprise_id", "period", "billed_fen", "subsidy_fen", "status", "decided_by"} <= set(loaded)


def test_a_reviewer_of_the_demo_approves_the_waiting_queue(demo_path, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(demo_path, copy)
    database = Database(copy)
    try:
        reviewer = auth.log_in(database, username="reviewer01", password=demo.DEMO_PASSWORD)
        clerk = auth.log_in(database, username="clerk01", password=demo.DEMO_PASSWORD)
        queue = approval_queue(database, actor=reviewer)
        entries = [i.id for i in queue if i.kind == "subsidy_entry"]
        assert entries and {i.zone_name for i in queue} == {queue[0].zone_name}
        assert approvals.approve(database, actor=reviewer, entry_ids=entries) == len(entries)
        sheet = bill_sheet(database, actor=clerk, zone_id=sorted(clerk.zone_ids)[0], period="2026-11")
        typed = [(row, c) for row in sheet.rows for c in ("land", "electricity", "water", "internet")
                 if c not in row.cells]
        assert typed  # bills still to type this month
        row, category = typed[0]
        (saved,) = subsidies.save_bills(database, actor=clerk, zone_id=sheet.zone_id, period="2026-11",
                                        bills=[Bill(row.enterprise_id, category, 1_234_567)])
        with database.reading() as uow:
            entry = uow.session.get(SubsidyEntry, saved)
            assert entry.subsidy_fen == sheet.subsidy(row, category, 1_234_567)
    finally:
        database.dispose()
    assert audit.verify(copy).ok
