"""A year's zone summary at city and stress scale: the overview of one zone (one GROUP BY over
its approved entries) and the ledger's totals and first page for the zone and year.

Target: under 1 s each at 150,000 firms. The demo database may hold no subsidy entries yet (the
generator gains a year of them separately); the benchmark then runs on what there is and says
how many entries it summed, so a fast time over nothing is not mistaken for a fast summary.
"""

import pytest

from db.queries.ledger import LedgerFilter, ledger_page, ledger_totals
from db.queries.overview import overview

SUMMARY_TARGET_S = 1.0
ZONE_CODE = "Z02"  # one of clerk02's zones


@pytest.fixture(scope="module")
def zone_year(zone_demo):  # noqa: ANN001, ANN201
    """(scale, database, clerk02, zone id, the zone's latest year with entries or this year)."""
    z = zone_demo
    return z.scale, z.database, z.clerk, z.zone_id, z.year


def test_overview_of_a_zone_year(benchmark, zone_year):
    scale, database, actor, zone_id, year = zone_year
    benchmark.group = f"zone summary, {scale}"
    summary = benchmark(lambda: overview(database, actor=actor, year=year, zone_id=zone_id))
    benchmark.extra_info["year"] = year
    benchmark.extra_info["approved_entries_summed"] = summary.entries_summed
    print(f"\noverview {scale} {ZONE_CODE} {year}: {summary.entries_summed:,} approved entries summed,"
          f" ¥{summary.subsidy_fen / 100:,.2f}")
    assert summary.subsidy_fen == sum(z.used(c) for z in summary.zones for c in ("land", "electricity",
                                                                                 "water", "internet"))
    assert benchmark.stats.stats.median < SUMMARY_TARGET_S


def test_ledger_totals_of_a_zone_year(benchmark, zone_year):
    scale, database, actor, zone_id, year = zone_year
    benchmark.group = f"zone summary, {scale}"
    flt = LedgerFilter(zone_id=zone_id, month_from=f"{year}-01", month_to=f"{year}-12")
    totals = benchmark(lambda: ledger_totals(database, actor=actor, flt=flt))
    benchmark.extra_info["year"] = year
    benchmark.extra_info["rows_summed"] = totals.count
    print(f"\nledger totals {scale} {ZONE_CODE} {year}: {totals.count:,} entries and awards summed")
    assert benchmark.stats.stats.median < SUMMARY_TARGET_S


@pytest.mark.parametrize("status", [None, "approved"])
def test_ledger_first_page_of_a_zone_year(benchmark, zone_year, status):
    scale, database, actor, zone_id, year = zone_year
    benchmark.group = f"ledger first page, {scale}"
    flt = LedgerFilter(zone_id=zone_id, month_from=f"{year}-01", month_to=f"{year}-12", status=status)
    rows = benchmark(lambda: ledger_page(database, actor=actor, flt=flt, limit=200))
    assert all(row.zone_id == zone_id for row in rows)
    assert benchmark.stats.stats.median < SUMMARY_TARGET_S
