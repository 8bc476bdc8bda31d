"""The ledger, firm statement, overview and policy queries on a real temp database, without Qt:
zone scoping, filters, paging, totals exact to the fen (a reversal nets to 0)."""

import pytest

from db.errors import NotFound, ValidationError
from db.queries.firm_statement import firm_statement
from db.queries.ledger import LedgerFilter, ledger_page, ledger_people, ledger_totals
from db.queries.overview import overview
from db.queries.policy import budgets_used, policy, with_used
from db.services import approvals, subsidies
from db.services.subsidies import Bill
from tests.ledger_data import BUDGET_FEN, YEAR, add_last_year, make_book
from tests.rules.raw_sql import raw_connection


@pytest.fixture
def book(db, people):
    return make_book(db, people)


def ids(rows):
    return [(r.kind, r.id) for r in rows]


def test_a_clerk_sees_only_the_entries_of_their_zones(db, people, book):
    everything = ledger_page(db, actor=people.auditor, flt=LedgerFilter(month_from=None))
    assert {r.zone_id for r in everything} == {1, 2} and len(everything) == 8
    mine = ledger_page(db, actor=people.clerk, flt=LedgerFilter())
    assert len(mine) == 7 and {r.zone_id for r in mine} == {1}
    assert ("subsidy_entry", book.zone2_land_march) not in ids(mine)
    assert ledger_page(db, actor=people.clerk, flt=LedgerFilter(zone_id=2)) == []
    assert ledger_totals(db, actor=people.clerk, flt=LedgerFilter(zone_id=2)).count == 0
    assert ids(ledger_page(db, actor=people.clerk2, flt=LedgerFilter())) == [
        ("subsidy_entry", book.zone2_land_march)]
    assert ledger_totals(db, actor=people.clerk, flt=LedgerFilter()).count == 7
    # the firm filter cannot reach another zone's firm either
    assert ledger_page(db, actor=people.clerk, flt=LedgerFilter(firm_text="海蓝生物")) == []


def test_rows_come_entries_then_awards_newest_first_and_page_in_order(db, people, book):
    full = ledger_page(db, actor=people.clerk, flt=LedgerFilter())
    assert ids(full) == [("subsidy_entry", i) for i in (
        book.internet_may, book.land_april, book.reversal, book.water_march,
        book.electricity_march, book.land_march)] + [("award", book.giant_award)]
    pages, after = [], None
    while not pages or len(pages[-1]) == 3:
        pages.append(ledger_page(db, actor=people.clerk, flt=LedgerFilter(), after=after, limit=3))
        after = (pages[-1][-1].kind, pages[-1][-1].id) if pages[-1] else None
    assert [len(p) for p in pages] == [3, 3, 1]  # the last page crosses from entries to awards
    assert ids(pages[0] + pages[1] + pages[2]) == ids(full)
    assert ledger_page(db, actor=people.clerk, flt=LedgerFilter(), after=("award", book.giant_award)) == []


def test_month_range_status_category_firm_and_person_filters(db, people, book):
    def shown(**kwargs):
        return ids(ledger_page(db, actor=people.clerk, flt=LedgerFilter(**kwargs)))

    assert shown(month_from="2026-04", month_to="2026-05") == [
        ("subsidy_entry", book.internet_may), ("subsidy_entry", book.land_april)]
    assert len(shown(month_from="2026-03", month_to="2026-03")) == 4
    assert shown(month_from="2026-11") == [("award", book.giant_award)]  # decided this month
    assert shown(month_to="2026-02") == []
    assert shown(status="submitted") == [("subsidy_entry", book.land_april)]
    assert shown(status="draft") == [("subsidy_entry", book.internet_may)]
    assert shown(category="little_giant") == [("award", book.giant_award)]
    assert shown(category="loan_guarantee") == []
    assert shown(category="water") == [("subsidy_entry", book.water_march)]
    assert shown(firm_text="蓝芯") == [("subsidy_entry", book.water_march), ("award", book.giant_award)]
    code = ledger_page(db, actor=people.clerk, flt=LedgerFilter(firm_text="云翼"))[0].uscc
    assert shown(firm_text=code[-6:].lower()) == [("subsidy_entry", book.internet_may)]
    assert len(shown(entered_by=people.clerk.staff_id)) == 7
    assert shown(entered_by=people.admin.staff_id) == []
    with pytest.raises(ValidationError) as refused:
        ledger_page(db, actor=people.clerk, flt=LedgerFilter(month_from="2026-13"))
    assert refused.value.field == "month_from"


def test_totals_are_exact_to_the_fen_and_a_reversal_nets_to_zero(db, people, book):
    electricity = ledger_totals(db, actor=people.clerk,
                                flt=LedgerFilter(category="electricity", status="approved"))
    assert (electricity.count, electricity.billed_fen, electricity.granted_fen,
            electricity.approved_fen) == (2, 0, 0, 0)
    approved = ledger_totals(db, actor=people.clerk, flt=LedgerFilter(status="approved"))
    # bills 10,000.00 + 2,345.67 - 2,345.67 + 1,000.01; subsidies 1,500.00 + 150.00; award 100,000.00
    assert approved.count == 5
    assert approved.billed_fen == 1_100_001
    assert approved.granted_fen == approved.approved_fen == 150_000 + 15_000 + 10_000_000
    shown = ledger_totals(db, actor=people.clerk, flt=LedgerFilter())
    # + the submitted April land (1,500.00 on a 10,000.00 bill) and the May draft (120.00 on 800.00)
    assert (shown.count, shown.billed_fen, shown.granted_fen, shown.approved_fen) == (
        7, 1_100_001 + 1_000_000 + 80_000, 10_165_000 + 150_000 + 12_000, 10_165_000)
    city = ledger_totals(db, actor=people.auditor, flt=LedgerFilter(status="approved"))
    assert city.approved_fen == 10_165_000 + 300_000
    page_sum = sum(r.amount_fen for r in ledger_page(db, actor=people.auditor,
                                                     flt=LedgerFilter(status="approved")))
    assert page_sum == city.granted_fen


def test_who_may_have_entered_is_limited_to_the_zones(db, people, book):
    names = {p.name for p in ledger_people(db, actor=people.clerk)}
    assert names == {"张伟", "管理员"}
    assert {p.name for p in ledger_people(db, actor=people.auditor)} == {"张伟", "管理员", "李娜"}


def test_the_firm_statement_groups_by_year_with_yearly_totals(db, people, book):
    old = add_last_year(db, people, book.firm_a)
    statement = firm_statement(db, actor=people.clerk, enterprise_id=book.firm_a)
    assert [y.year for y in statement.years] == [2026, 2025]
    this, last = statement.years
    assert [ln.id for ln in this.lines] == [book.land_march, book.electricity_march, book.reversal,
                                            book.land_april]
    assert this.subsidy_fen == 150_000  # the electricity and its reversal net to 0
    assert this.waiting_fen == 150_000  # April, submitted
    assert [ln.id for ln in last.lines] == [old] and last.subsidy_fen == 33_334  # 3,333.35 × 10 %
    assert statement.subsidy_fen == 183_334
    firm_b = firm_statement(db, actor=people.clerk, enterprise_id=book.firm_b)
    assert firm_b.award_fen == 10_000_000 and firm_b.years[0].subsidy_fen == 15_000
    with pytest.raises(NotFound):
        firm_statement(db, actor=people.clerk2, enterprise_id=book.firm_a)
    with pytest.raises(NotFound):
        firm_statement(db, actor=people.clerk, enterprise_id=999)


def test_the_overview_sums_what_was_approved(db, people, book):
    mine = overview(db, actor=people.clerk, year=YEAR)
    assert mine.monthly_fen["land"][2] == 150_000  # March; April is only submitted
    assert mine.monthly_fen["electricity"] == [0] * 12  # netted by its reversal
    assert mine.monthly_fen["water"][2] == 15_000
    assert mine.subsidy_fen == 165_000 and mine.entries_summed == 4
    assert (mine.waiting_entries, mine.waiting_awards) == (1, 0)
    assert [z.zone_code for z in mine.zones] == ["Z01"]
    zone = mine.zones[0]
    assert zone.budget() == 4 * BUDGET_FEN + 50_000_000
    assert zone.used() == 165_000 + 10_000_000 and zone.used("little_giant") == 10_000_000
    city = overview(db, actor=people.admin, year=YEAR)
    assert city.monthly_fen["land"][2] == 450_000 and [z.zone_id for z in city.zones] == [1, 2]
    assert overview(db, actor=people.admin, year=YEAR, zone_id=2).subsidy_fen == 300_000
    assert overview(db, actor=people.clerk, year=YEAR, zone_id=2).zones == []
    assert overview(db, actor=people.admin, year=2025).subsidy_fen == 0


def test_the_latest_twelve_months_run_to_last_month_until_this_month_has_approvals(db, people, book):
    """At 22 November 2026: November 2025 to October 2026, this year's budgets; once a bill of
    November is approved, December 2025 to November 2026."""
    latest = overview(db, actor=people.admin)
    assert (latest.year, latest.budget_year) == (None, 2026)
    assert latest.months == [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]
    assert latest.monthly_fen["land"][latest.months.index("2026-03")] == 450_000
    assert latest.subsidy_fen == overview(db, actor=people.admin, year=YEAR).subsidy_fen
    assert latest.zones == overview(db, actor=people.admin, year=YEAR).zones
    (november,) = subsidies.save_bills(db, actor=people.clerk2, zone_id=2, period="2026-11",
                                       bills=[Bill(book.firm_d, "water", 100_000)])
    subsidies.submit_entries(db, actor=people.clerk2, entry_ids=[november])
    approvals.approve(db, actor=people.admin, entry_ids=[november])
    assert overview(db, actor=people.clerk).months[-1] == "2026-10"  # zone 1 has none of November
    shifted = overview(db, actor=people.admin)
    assert shifted.months[0] == "2025-12" and shifted.months[-1] == "2026-11"
    assert shifted.monthly_fen["water"][-1] == 15_000


def test_the_policy_read_shows_budgets_used_and_left(db, people, book):
    read = policy(db, actor=people.admin, year=YEAR)
    assert {b.used_fen for b in read.budgets} == {None}  # asked separately: it may take a while
    budgets = with_used(read.budgets, budgets_used(db, actor=people.admin, year=YEAR))
    land_1 = next(b for b in budgets if b.zone_id == 1 and b.category == "land")
    assert (land_1.amount_fen, land_1.used_fen, land_1.left_fen) == (BUDGET_FEN, 150_000, BUDGET_FEN - 150_000)
    assert read.budgets_total_fen == 8 * BUDGET_FEN + 50_000_000
    assert {s.id: s.value_fen for s in read.settings} == {
        "budget_cap_fen": 1_500_000_000_000, "loan_quota_fen": 40_000_000_000_000,
        "guarantee_cap_per_firm_fen": 3_000_000_000}
    assert [(r.level, r.amount_fen) for r in read.award_rates] == [("national", 30_000_000),
                                                                   ("municipal", 10_000_000)]
    giant_1 = next(b for b in budgets if b.zone_id == 1 and b.category == "little_giant")
    assert giant_1.used_fen == 10_000_000
    assert {b.zone_id for b in policy(db, actor=people.clerk, year=YEAR).budgets} == {1}
    assert {zone for zone, _category in budgets_used(db, actor=people.clerk, year=YEAR)} == {1}


def test_sums_include_rows_loaded_approved_in_bulk(db, people, book):
    connection = raw_connection(db)
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO subsidyentry (enterprise_id, zone_id, category, period, quantity_x100, billed_fen,"
        " subsidy_fen, rate_bp, bill_reference, status, reversed_by_id, reason, entered_by, entered_at,"
        " decision_note, version) VALUES (?, 1, 'water', ?, 0, 100, 15, 1500, '', 'approved', ?, '',"
        " ?, '2026-11-01 00:00:00', '', 1)",
        [(book.firm_b, f"{YEAR}-{1 + n % 12:02d}", book.reversal, people.clerk.staff_id)
         for n in range(30_000)])
    connection.execute("COMMIT")
    connection.close()
    # the overview reads the approved totals the triggers keep (a few rows, nothing to stop);
    # the 30,000 approved rows loaded in bulk are in them
    wanted = overview(db, actor=people.admin, year=YEAR, cancelled=lambda: False)
    assert wanted == overview(db, actor=people.admin, year=YEAR)
    assert wanted.monthly_fen["water"][2] == 15_000 + 2_500 * 15
    assert wanted.entries_summed == 5 + 30_000


FILTERS = [
    LedgerFilter(),
    LedgerFilter(status="approved"),
    LedgerFilter(status="submitted", month_from="2026-01"),
    LedgerFilter(status="approved", month_from="2026-03", month_to="2026-04"),
    LedgerFilter(month_from="2026-03", month_to="2026-05", category="land"),
    LedgerFilter(zone_id=2, status="approved"),
    LedgerFilter(firm_text="星河", month_to="2026-03"),
    LedgerFilter(firm_text="上海", status="approved", category="little_giant"),
    LedgerFilter(zone_id=1, month_from="2026-04", month_to="2026-12"),
]


def _matches(row, flt: LedgerFilter) -> bool:  # noqa: ANN001
    return ((flt.zone_id is None or row.zone_id == flt.zone_id)
            and (not flt.status or row.status == flt.status)
            and (not flt.category or row.category == flt.category)
            and (not flt.month_from or row.period >= flt.month_from)
            and (not flt.month_to or row.period <= flt.month_to)
            and (not flt.firm_text or flt.firm_text in row.firm_name or flt.firm_text.upper() in row.uscc))


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_every_way_of_searching_finds_what_the_filter_says(db, people, book, flt):
    """Whichever index leads the search (status, firm, zone, a short month range, none), the
    rows and the totals are those of the filter applied by hand to every row."""
    everything = ledger_page(db, actor=people.auditor, flt=LedgerFilter(), limit=1000)
    expected = [r for r in everything if _matches(r, flt)]
    assert ids(ledger_page(db, actor=people.auditor, flt=flt)) == ids(expected)
    totals = ledger_totals(db, actor=people.auditor, flt=flt)
    assert totals.count == len(expected)
    assert totals.granted_fen == sum(r.amount_fen for r in expected if r.category != "loan_guarantee")
    assert totals.billed_fen == sum(r.billed_fen for r in expected if r.kind == "subsidy_entry")
