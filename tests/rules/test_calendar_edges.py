"""The calendar's edges, on purpose: New Year's Eve at 23:59 and New Year's night at 00:30 in
Shanghai (when UTC, in which moments are stored, is still on the old day), 29 February 2028,
and the first and last days of a month. Each test says the moment it runs at."""

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from db import audit
from db.clock import SHANGHAI, format_date_cn, to_shanghai, today_shanghai, utc_now
from db.errors import ValidationError
from db.money import subsidy_rules as rules
from db.queries.ledger import LedgerFilter, ledger_page
from db.queries.overview import overview
from db.queries.reports import ReportPeriod, zone_report
from db.services import approvals, awards, limits, policy, subsidies, tenancies
from db.services.certificate_subjects import confirmation_months
from db.services.certificates import CertificateRequest, issue_many
from db.services.enterprises import FirstTenancy, register_enterprise
from tests.conftest import firm_fields
from tests.fixed_clock import moment_of
from tests.rules.test_money_rules import Desk

ROOT = Path(__file__).resolve().parents[2]
YUAN = 100
NEW_YEARS_EVE = "2026-12-31T23:59:00+08:00"
NEW_YEARS_NIGHT = "2027-01-01T00:30:00+08:00"  # 2026-12-31 16:30 in UTC
LEAP_DAY = "2028-02-29T12:00:00+08:00"


@pytest.fixture
def desk(db, people) -> Desk:
    """Rates from 2026-01-01; budgets of every category in 2026 and 2027 for zone 1."""
    desk = Desk(db, people, budgets=False)
    for year in (2026, 2027, 2028):
        desk.set_budgets(year=year)
    return desk


def _giant(desk: Desk, firm: int) -> int:
    version = desk.row("enterprise", firm)["version"]
    return awards.record_little_giant(desk.db, actor=desk.people.clerk, enterprise_id=firm,
                                      expected_version=version, level="municipal",
                                      recognised_on=date(2026, 5, 31), document_no="沪经信企〔2026〕12号")


def _tenancy_certificate(desk: Desk, firm: int):  # noqa: ANN202
    (issued,) = issue_many(desk.db, actor=desk.people.clerk,
                           requests=[CertificateRequest("tenancy", firm, 1)])
    return issued


@pytest.mark.now(NEW_YEARS_EVE)
def test_the_year_turns_at_midnight_in_shanghai_not_in_utc(desk, db, people, fixed_clock):
    firm, other = desk.firm(), desk.firm()
    closed = desk.approved(firm, "land", "2026-03", 1_000_000)
    policy.close_period(db, actor=people.admin, period="2026-03")

    assert today_shanghai() == date(2026, 12, 31)
    eve = _tenancy_certificate(desk, firm)
    assert (eve.serial, eve.printed.issued_on) == ("Z01-2026-000001", date(2026, 12, 31))
    first = _giant(desk, firm)
    approvals.approve(db, actor=people.reviewer, award_ids=[first])
    eve_reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=closed, reason="面积核减")

    fixed_clock.move_to(moment_of(NEW_YEARS_NIGHT))
    assert utc_now().date() == date(2026, 12, 31)  # UTC is still on the old day
    assert today_shanghai() == date(2027, 1, 1)
    night = _tenancy_certificate(desk, other)
    # a new year's serials begin again at 1, and the date printed is Shanghai's
    assert (night.serial, night.printed.issued_on) == ("Z01-2027-000001", date(2027, 1, 1))
    assert format_date_cn(night.printed.issued_on) == "2027年1月1日"
    second = _giant(desk, other)
    approvals.approve(db, actor=people.reviewer, award_ids=[second])
    decided = desk.row("award", second)["decided_at"]
    assert decided.startswith("2026-12-31 16:30")  # stored in UTC ...
    assert to_shanghai(datetime.fromisoformat(decided)).date() == date(2027, 1, 1)  # ... shown in Shanghai

    # every reader books the award of 00:30 in Shanghai's new year, the one of 23:59 in the old
    amount = desk.row("award", second)["amount_fen"]
    with db.reading() as uow:
        assert limits.budget_used(uow.session, 1, 2027, "little_giant") == amount
        assert limits.budget_used(uow.session, 1, 2026, "little_giant") == amount
    for year in (2026, 2027):
        summary = overview(db, actor=people.admin, year=year, zone_id=1)
        assert summary.zones[0].used("little_giant") == amount, year
    months = {row.id: row.period for row in ledger_page(
        db, actor=people.admin, flt=LedgerFilter(category="little_giant"))}
    assert months == {first: "2026-12", second: "2027-01"}
    january = ledger_page(db, actor=people.admin, flt=LedgerFilter(
        category="little_giant", month_from="2027-01", month_to="2027-01"))
    assert [row.id for row in january] == [second]
    for period, expected in ((ReportPeriod("month", 2026, 12), 1), (ReportPeriod("month", 2027, 1), 1),
                             (ReportPeriod("year", 2027), 1)):
        assert zone_report(db, actor=people.admin, zone_id=1, period=period).figures.giant_count == expected

    # a reversal out of a closed month is posted in the month that is open now, Shanghai's
    assert desk.entry(eve_reversal)["period"] == "2026-12"
    november = desk.approved(other, "water", "2026-11", 100_000)
    policy.close_period(db, actor=people.admin, period="2026-11")
    night_reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=november, reason="水表读数有误")
    assert desk.entry(night_reversal)["period"] == "2027-01"
    assert audit.verify(db).ok


@pytest.mark.now(NEW_YEARS_NIGHT)
def test_what_may_not_lie_in_the_future_is_judged_by_shanghais_date(desk, db, people):
    firm = desk.firm()
    version = desk.row("enterprise", firm)["version"]
    with pytest.raises(ValidationError) as tomorrow:
        awards.record_little_giant(db, actor=people.clerk, enterprise_id=firm, expected_version=version,
                                   level="municipal", recognised_on=date(2027, 1, 2), document_no="沪经信企〔2027〕1号")
    assert tomorrow.value.field == "recognised_on"
    award = awards.record_little_giant(db, actor=people.clerk, enterprise_id=firm, expected_version=version,
                                       level="municipal", recognised_on=date(2027, 1, 1),
                                       document_no="沪经信企〔2027〕1号")
    assert desk.row("award", award)["recognised_on"] == "2027-01-01"
    register_enterprise(db, actor=people.clerk, zone_id=1, fields=firm_fields(founded_on=date(2027, 1, 1)))
    with pytest.raises(ValidationError) as future:
        register_enterprise(db, actor=people.clerk, zone_id=1, fields=firm_fields(founded_on=date(2027, 1, 2)))
    assert future.value.field == "founded_on"
    assert confirmation_months("2026-01", "2027-01") == ("2026-01", "2027-01")
    with pytest.raises(ValidationError, match="still to come"):
        confirmation_months("2026-01", "2027-02")


@pytest.mark.now(LEAP_DAY)
def test_the_leap_day(desk, db, people):
    assert today_shanghai() == date(2028, 2, 29)
    assert rules.period_end("2028-02") == date(2028, 2, 29)
    assert rules.period_end("2027-02") == date(2027, 2, 28)
    firm = register_enterprise(db, actor=people.clerk, zone_id=1,
                               fields=firm_fields(founded_on=date(2028, 2, 29)),
                               tenancy=FirstTenancy("C栋229", 10_000, date(2028, 2, 29)))
    issued = _tenancy_certificate(desk, firm)
    assert (issued.serial, issued.printed.issued_on) == ("Z01-2028-000001", date(2028, 2, 29))
    assert issued.printed.facts["since"] == "2028-02-29"
    assert format_date_cn(issued.printed.issued_on) == "2028年2月29日"
    assert desk.entry(desk.save(firm, "electricity", "2028-02", 100_000))["period"] == "2028-02"
    # the firm leaves on the leap day: February is still its month, March no longer
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=firm,
                            expected_version=desk.row("enterprise", firm)["version"], end_on=date(2028, 2, 29))
    desk.save(firm, "water", "2028-02", 10_000)
    with pytest.raises(ValidationError, match="not a tenant"):
        desk.save(firm, "water", "2028-03", 10_000)
    # a new year's cap: 2028's subsidies owe nothing to 2027's
    with db.reading() as uow:
        assert limits.cap_used(uow.session, firm, "electricity", 2028) == desk.entry(
            desk.query("SELECT id FROM subsidyentry WHERE category = 'electricity'")[0][0])["subsidy_fen"]
        assert limits.cap_used(uow.session, firm, "electricity", 2027) == 0


def test_a_tenancy_covers_the_month_of_its_first_and_of_its_last_day(desk, db, people):
    arrives_last_day = desk.firm(start_on=date(2026, 3, 31))
    desk.save(arrives_last_day, "land", "2026-03", 100_000)
    with pytest.raises(ValidationError, match="not a tenant"):
        desk.save(arrives_last_day, "land", "2026-02", 100_000)
    leaves_first_day = desk.firm(start_on=date(2026, 1, 1))
    tenancies.close_tenancy(db, actor=people.clerk, enterprise_id=leaves_first_day,
                            expected_version=desk.row("enterprise", leaves_first_day)["version"],
                            end_on=date(2026, 5, 1))
    desk.save(leaves_first_day, "land", "2026-05", 100_000)
    with pytest.raises(ValidationError, match="not a tenant"):
        desk.save(leaves_first_day, "land", "2026-06", 100_000)


def test_the_rate_of_a_month_is_the_one_in_force_on_its_first_day(desk, db, people):
    policy.set_policy_rate(db, actor=people.admin, category="water", valid_from=date(2026, 6, 1),
                           rate_bp=2500, yearly_cap_fen=5_000_000)
    policy.set_policy_rate(db, actor=people.admin, category="water", valid_from=date(2026, 8, 2),
                           rate_bp=3000, yearly_cap_fen=5_000_000)
    firm = desk.firm()
    rates = {period: desk.entry(desk.save(firm, "water", period, 100_000))["rate_bp"]
             for period in ("2026-05", "2026-06", "2026-08", "2026-09")}
    assert rates == {"2026-05": 1000, "2026-06": 2500, "2026-08": 2500, "2026-09": 3000}


def test_a_bill_typed_on_new_years_night_belongs_to_the_month_typed_not_the_day(desk, db, people,
                                                                              fixed_clock):
    """The month of an entry is the bill's month, whatever the day it is typed or approved."""
    firm = desk.firm()
    fixed_clock.move_to(moment_of(NEW_YEARS_EVE))
    december = desk.submitted(firm, "electricity", "2026-12", 1_000_000)
    fixed_clock.move_to(moment_of(NEW_YEARS_NIGHT))
    approvals.approve(db, actor=people.reviewer, entry_ids=[december])
    with db.reading() as uow:
        assert limits.budget_used(uow.session, 1, 2026, "electricity") == desk.entry(december)["subsidy_fen"]
        assert limits.budget_used(uow.session, 1, 2027, "electricity") == 0


@pytest.mark.real_clock
def test_the_program_reads_the_systems_clock():
    """The one test on the real calendar: the program's clock is the system's, in Shanghai."""
    assert abs((utc_now() - datetime.now(UTC)).total_seconds()) < 5
    assert today_shanghai() == datetime.now(SHANGHAI).date()


def test_nothing_lets_a_person_move_the_programs_clock():
    """No environment variable, setting or flag reaches the clock: db/clock.py reads none, the
    program reads only the two variables that say where its files are, and the command line
    has no date."""
    tree = ast.parse((ROOT / "db" / "clock.py").read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not names & {"environ", "getenv", "argv", "offset", "settings"}
    read = set()
    for folder in ("db", "desktop", "documents"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                    read.add(path.relative_to(ROOT).as_posix())
    # where its files are (db/locations.py); whether there is a display to open a window on and
    # the locale Qt's own dialogs write dates in (desktop/): never the time zone or the time
    assert read == {"db/locations.py", "desktop/cli.py", "desktop/app.py"}
    names_read = set()
    for path in ("desktop/cli.py", "desktop/app.py"):
        for node in ast.walk(ast.parse((ROOT / path).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "get" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                names_read.add(node.args[0].value)
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                names_read.add(node.slice.value)
    assert {n for n in names_read if isinstance(n, str) and n.isupper()} <= {
        "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LC_TIME", "LC_MESSAGES",
        "ZONEDESK_ADMIN_PASSWORD"}  # `zonedesk server init`'s first administrator, unattended
    from db import locations
    assert {locations.DB_ENV, locations.DATA_ENV} == {"ZONEDESK_DB", "ZONEDESK_DATA"}
    from desktop.cli import _parser
    options = [o for action in _parser()._actions for o in action.option_strings]
    for sub in _parser()._subparsers._group_actions[0].choices.values():
        options += [o for action in sub._actions for o in action.option_strings]
    assert not [o for o in options if any(w in o for w in ("date", "time", "clock", "now", "day"))]
