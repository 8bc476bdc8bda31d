"""The printed summaries at city and stress scale: a zone's year report (its figures, then the
PDF and the workbook drawn from them) and the city's year report across the 55 zones.

Target: a zone's year summary under 1 s at 150,000 firms (DESIGN.md); the figures come from the
approved totals (migration 0003) and indexed reads, so they take milliseconds whatever the
number of entries. The city report and the documents have no target of their own: they are
measured so that a slow change shows, and they must stay well within the same second.
"""

import pytest

from db.queries.reports import ReportPeriod, city_report, zone_report
from documents.report_pdf import zone_report_pdf
from documents.report_xlsx import zone_report_xlsx

SUMMARY_TARGET_S = 1.0
ZONE_CODE = "Z02"  # one of clerk02's zones


@pytest.fixture(scope="module")
def zone_year(zone_demo):  # noqa: ANN001, ANN201
    """(scale, database, clerk02, the administrator, zone id, the zone's latest year with entries)."""
    z = zone_demo
    return z.scale, z.database, z.clerk, z.admin, z.zone_id, z.year


def test_zone_year_report_figures(benchmark, zone_year):
    scale, database, clerk, _admin, zone_id, year = zone_year
    benchmark.group = f"reports, {scale}"
    period = ReportPeriod("year", year)
    report = benchmark(lambda: zone_report(database, actor=clerk, zone_id=zone_id, period=period))
    f = report.figures
    benchmark.extra_info.update(year=year, approved_entries=f.entries, tenants=f.tenants)
    print(f"\nzone report {scale} {ZONE_CODE} {year}: {f.entries:,} approved entries,"
          f" {f.tenants:,} tenants, {f.subsidy_fen:,} fen approved")
    assert f.subsidy_fen == sum(sum(values) for values in report.monthly_fen.values())
    assert benchmark.stats.stats.median < SUMMARY_TARGET_S


def test_zone_year_report_documents(benchmark, zone_year):
    """The PDF (charts included) and the workbook of a zone's year, from figures already read."""
    scale, database, clerk, _admin, zone_id, year = zone_year
    benchmark.group = f"reports, {scale}"
    report = zone_report(database, actor=clerk, zone_id=zone_id, period=ReportPeriod("year", year))
    pdf, workbook = benchmark(lambda: (zone_report_pdf(report), zone_report_xlsx(report)))
    assert pdf.startswith(b"%PDF") and workbook.startswith(b"PK")
    assert benchmark.stats.stats.median < SUMMARY_TARGET_S


def test_city_year_report_figures(benchmark, zone_year):
    scale, database, _clerk, admin, _zone_id, year = zone_year
    benchmark.group = f"reports, {scale}"
    report = benchmark(lambda: city_report(database, actor=admin, period=ReportPeriod("year", year)))
    assert len(report.zones) == 55
    assert report.totals.subsidy_fen == sum(f.subsidy_fen for _zone, f in report.zones)
    print(f"\ncity report {scale} {year}: {report.totals.entries:,} approved entries,"
          f" {report.totals.tenants:,} tenants")
    assert benchmark.stats.stats.median < SUMMARY_TARGET_S
