"""Chinese as printed (issue 16): lines never spread apart character by character, a subsidy
confirmation's first page filled with its table, and a report that does not speak of a period's
end before it has come. Real PDFs read back with poppler (pdftotext)."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from db.clock import format_date_cn
from db.queries.reports import (
    BUDGET_CATEGORIES,
    BudgetFigures,
    CategoryFigures,
    ReportPeriod,
    ZoneFigures,
    ZoneHeading,
    ZoneReport,
    city_report,
    zone_report,
)
from documents.certificate_pdf import render_certificates
from documents.fonts import text_width
from documents.report_pdf import city_report_pdf, zone_report_pdf
from tests.ledger_data import make_book
from tests.rules.test_certificate_pdf import certificate, page_count

ZONE = ZoneHeading(1, "Z01", "张江科学城园区", "浦东新区", "张江科学城园区服务中心")


def read_back(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def words(pdf: bytes, tmp_path: Path) -> list[tuple[float, str]]:
    """Every word pdftotext finds, with its width in points."""
    boxes = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<',
                       read_back(pdf, tmp_path, "-bbox"))
    return [(float(right) - float(left), text) for left, right, text in boxes]


def figures() -> ZoneFigures:
    return ZoneFigures(
        tenants=1104, new_tenancies=37,
        categories=(CategoryFigures("land", 405_365_635, 812, 3),
                    CategoryFigures("electricity", 287_293_556, 900, 0),
                    CategoryFigures("water", 1_234_567, 300, 0),
                    CategoryFigures("internet", 7_654_321, 200, 1)),
        giant_count=3, giant_fen=90_000_000, guarantee_count=2, loans_fen=500_000_000,
        guaranteed_fen=300_000_000, budgets=tuple(BudgetFigures(c, 900_000_000, 500_000_000)
                                                  for c in BUDGET_CATEGORIES))


def test_a_certificate_line_made_short_by_a_code_is_not_spread_apart(tmp_path):
    # the credit code does not fit after （统一社会信用代码：, so the line is short
    pdf = render_certificates([certificate("subsidy", firm_name="上海东方科技有限公司")])
    line = next((width, text) for width, text in words(pdf, tmp_path) if text.startswith("兹确认"))
    assert line[1] == "兹确认上海东方科技有限公司（统一社会信用代码："
    assert line[0] <= text_width(line[1], 14) + 1  # as long as its characters, not spread


def test_a_report_line_made_short_by_an_amount_is_not_spread_apart(tmp_path):
    report = ZoneReport(ReportPeriod("quarter", 2026, 4), ZONE, figures(),
                        {c: [0, 0, 0] for c in ("land", "electricity", "water", "internet")},
                        date(2026, 12, 31))
    text = read_back(zone_report_pdf(report), tmp_path)
    assert "其中土地4,053,656.35元、电费" in text  # was 其 中 土 地 4,053,656.35元、 电 费
    assert "推荐贷款担保2笔，贷款金额5,000,000.00元，担保金额" in text
    assert not re.search(r"(?:[\u4e00-\u9fff] ){3}", text)  # nowhere 以 上 补 贴


def test_the_first_page_of_a_subsidy_confirmation_is_filled_with_its_table(tmp_path):
    cert = certificate("subsidy", lines=19)  # 20 rows, the last one a reversal
    path = tmp_path / "twenty.pdf"
    path.write_bytes(render_certificates([cert]))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    rows = {int(n) for n in re.findall(r"^(\d+)$", first, re.M) if int(n) <= len(cert.lines)}
    assert rows == set(range(1, 21))  # every row on page 1, not 17 and a quarter page blank
    assert page_count(path) == 1  # rows set closer: the seal and the text fit under them

    longer = certificate("subsidy", lines=25)  # 26 rows: the table fills page 1, the text goes on
    path.write_bytes(render_certificates([longer]))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    rows = {int(n) for n in re.findall(r"^(\d+)$", first, re.M) if int(n) <= len(longer.lines)}
    assert rows == set(range(1, 27)) and "合计" in first and page_count(path) == 2


@pytest.mark.now("2026-12-03T15:00:00+08:00")
def test_a_report_before_the_end_of_its_quarter_says_the_day_it_was_made(db, people, tmp_path):
    make_book(db, people)
    quarter = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("quarter", 2026, 4))
    text = re.sub(r"\s+", "", read_back(zone_report_pdf(quarter), tmp_path))
    assert "截至2026年12月3日，" in text and "第4季度末" not in text
    city = city_report(db, actor=people.admin, period=ReportPeriod("quarter", 2026, 4))
    text = re.sub(r"\s+", "", read_back(city_report_pdf(city), tmp_path))
    assert "截至2026年12月3日，在园企业" in text and "第4季度末" not in text
    ended = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("quarter", 2026, 3))
    text = re.sub(r"\s+", "", read_back(zone_report_pdf(ended), tmp_path))
    assert "截至2026年第3季度末，" in text and format_date_cn(date(2026, 12, 3)) in text


@pytest.mark.now("2026-12-03T15:00:00+08:00")
def test_a_firm_moving_in_later_this_quarter_is_not_yet_counted(db, people):
    from db.services.enterprises import FirstTenancy, register_enterprise
    from tests.conftest import firm_fields, valid_uscc
    period = ReportPeriod("quarter", 2026, 4)
    before = zone_report(db, actor=people.clerk, zone_id=1, period=period).figures
    register_enterprise(db, actor=people.admin, zone_id=1,
                        fields=firm_fields(uscc=valid_uscc(300_000_009), name="上海将来科技有限公司"),
                        tenancy=FirstTenancy("D栋101", 5_000, date(2026, 12, 20)))
    after = zone_report(db, actor=people.clerk, zone_id=1, period=period).figures
    assert (after.tenants, after.new_tenancies) == (before.tenants, before.new_tenancies)
