"""The printed summaries on a real temp database: the zone, city and firm reports exact to the
fen for a month, a quarter and a year (tests/ledger_data.py's book, a firm that arrived in
February, one that left in May, a loan guarantee approved this month); zone scope; the PDFs read
back with pdftotext (zone, period, totals in figures and in words, the GB/T 9704 page
geometry); the workbooks read back with openpyxl (numbers as numbers, exact to the fen)."""

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.clock import format_date_cn, today_shanghai
from db.errors import NotFound, PermissionDenied, ValidationError
from db.money.words import amount_in_words
from db.queries.enterprises import enterprise_detail
from db.queries.reports import ReportPeriod, city_report, statement_report, zone_report
from db.services import approvals, awards
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.tenancies import close_tenancy
from documents.report_pdf import city_report_pdf, statement_pdf, zone_report_pdf
from documents.report_xlsx import city_report_xlsx, statement_xlsx, zone_report_xlsx
from tests.conftest import firm_fields, valid_uscc
from tests.ledger_data import BUDGET_FEN, GIANT_BUDGET_FEN, YEAR, Book, make_book

MM = 72 / 25.4  # points in a millimetre
TOLERANCE = 0.5 * MM
LOAN_FEN, GUARANTEED_FEN = 500_000_000, 300_000_000  # 5,000,000 and 3,000,000 yuan
THIS_MONTH = today_shanghai().month  # the award and the guarantee are decided today


@dataclass(frozen=True)
class Town:
    book: Book
    newcomer: int  # zone 1, a tenant since 2026-02-10
    leaver: int  # zone 1, a tenant from 2024 until 2026-05-15
    guarantee: int  # firm A's, approved today


@pytest.fixture
def town(db, people) -> Town:
    book = make_book(db, people)
    newcomer = register_enterprise(
        db, actor=people.admin, fields=firm_fields(uscc=valid_uscc(300_000_001), name="上海新来科技有限公司"),
        zone_id=1, tenancy=FirstTenancy("C栋301", 5_000, date(YEAR, 2, 10)))
    leaver = register_enterprise(
        db, actor=people.admin, fields=firm_fields(uscc=valid_uscc(300_000_002), name="上海远行材料有限公司"),
        zone_id=1, tenancy=FirstTenancy("C栋302", 5_000, date(2024, 1, 1)))
    version = enterprise_detail(db, actor=people.admin, enterprise_id=leaver).version
    close_tenancy(db, actor=people.clerk, enterprise_id=leaver, expected_version=version,
                  end_on=date(YEAR, 5, 15))
    guarantee = awards.record_loan_guarantee(
        db, actor=people.clerk, enterprise_id=book.firm_a, bank="中国银行上海市分行", loan_fen=LOAN_FEN,
        term_months=24, guaranteed_fen=GUARANTEED_FEN)
    approvals.approve(db, actor=people.reviewer, award_ids=[guarantee])
    return Town(book, newcomer, leaver, guarantee)


def approved(figures) -> dict[str, tuple[int, int, int]]:
    return {c.category: (c.approved_fen, c.entries, c.reversals) for c in figures.categories}


def used(figures) -> dict[str, tuple[int, int]]:
    return {b.category: (b.budget_fen, b.used_fen) for b in figures.budgets}


# --- the periods ---------------------------------------------------------------------------
def test_periods_know_their_months_and_labels():
    q3 = ReportPeriod("quarter", 2026, 3)
    assert (q3.first_month, q3.last_month, q3.label, q3.slug) == ("2026-07", "2026-09", "2026年第3季度", "2026-Q3")
    assert (q3.first_day, q3.last_day) == (date(2026, 7, 1), date(2026, 9, 30))
    november = ReportPeriod("month", 2026, 11)
    assert (november.months, november.label, november.slug) == (["2026-11"], "2026年11月", "2026-11")
    year = ReportPeriod("year", 2026)
    assert (year.first_month, year.last_month, year.label, len(year.months)) == ("2026-01", "2026-12", "2026年度", 12)
    assert ReportPeriod("month", 2028, 2).last_day == date(2028, 2, 29)
    for kind, number in (("quarter", 5), ("month", 0), ("month", 13), ("week", 1), ("year", 1)):
        with pytest.raises(ValidationError):
            ReportPeriod(kind, 2026, number)


# --- the zone report ---------------------------------------------------------------------
def test_the_first_quarter_of_zone_1(db, people, town):
    report = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("quarter", YEAR, 1))
    f = report.figures
    assert (report.zone.code, report.zone.issuer) == ("Z01", f"{report.zone.name}服务中心")
    assert (f.tenants, f.new_tenancies) == (5, 1)  # A, B, C, the leaver and the newcomer
    # the electricity entry and its reversal net to nothing, in money and in entries
    assert approved(f) == {"land": (150_000, 1, 0), "electricity": (0, 0, 1), "water": (15_000, 1, 0),
                           "internet": (0, 0, 0)}
    assert (f.subsidy_fen, f.entries, f.reversals) == (165_000, 2, 1)
    assert report.monthly_fen == {"land": [0, 0, 150_000], "electricity": [0, 0, 0],
                                  "water": [0, 0, 15_000], "internet": [0, 0, 0]}
    assert (f.giant_count, f.giant_fen, f.guarantee_count, f.guaranteed_fen) == (0, 0, 0, 0)
    assert (f.waiting_entries, f.waiting_entry_fen, f.waiting_awards) == (0, 0, 0)  # April's is Q2
    assert used(f) == {"land": (BUDGET_FEN, 150_000), "electricity": (BUDGET_FEN, 0),
                       "water": (BUDGET_FEN, 15_000), "internet": (BUDGET_FEN, 0),
                       "little_giant": (GIANT_BUDGET_FEN, 0)}  # the award came in November
    assert f.granted_fen == 165_000


def test_the_second_quarter_waits_for_april_and_lost_a_tenant(db, people, town):
    f = zone_report(db, actor=people.reviewer, zone_id=1, period=ReportPeriod("quarter", YEAR, 2)).figures
    assert (f.tenants, f.new_tenancies) == (4, 0)  # the leaver left on 15 May
    assert f.subsidy_fen == 0 and f.entries == 0
    assert (f.waiting_entries, f.waiting_entry_fen) == (1, 150_000)  # April's land; May's is a draft
    assert used(f)["land"] == (BUDGET_FEN, 150_000)  # used from January to June


def test_months_of_zone_1(db, people, town):
    def month(number: int):
        return zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("month", YEAR, number)).figures

    assert (month(1).tenants, month(1).new_tenancies) == (4, 0)  # the newcomer came in February
    assert (month(2).tenants, month(2).new_tenancies) == (5, 1)
    assert month(5).tenants == 5  # the leaver was still there in May
    assert approved(month(3))["land"] == (150_000, 1, 0) and month(4).subsidy_fen == 0
    now = month(THIS_MONTH)
    assert (now.giant_count, now.giant_fen) == (1, 10_000_000)
    assert (now.guarantee_count, now.loans_fen, now.guaranteed_fen) == (1, LOAN_FEN, GUARANTEED_FEN)


def test_the_year_of_zone_1(db, people, town):
    report = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("year", YEAR))
    f = report.figures
    assert (f.tenants, f.new_tenancies) == (4, 1)
    assert (f.subsidy_fen, f.entries, f.reversals) == (165_000, 2, 1)
    assert report.monthly_fen["land"] == [0, 0, 150_000, *[0] * 9]
    assert (f.giant_count, f.giant_fen, f.guarantee_count, f.loans_fen) == (1, 10_000_000, 1, LOAN_FEN)
    assert f.granted_fen == 10_165_000  # ¥101,650.00: subsidies and the award, not the guarantee
    assert used(f)["little_giant"] == (GIANT_BUDGET_FEN, 10_000_000)
    assert (f.budget_fen, f.used_fen) == (4 * BUDGET_FEN + GIANT_BUDGET_FEN, 10_165_000)
    assert (f.waiting_entries, f.waiting_entry_fen, f.waiting_awards) == (1, 150_000, 0)


def test_a_zone_report_of_a_year_without_money_is_all_zeros(db, people, town):
    f = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("year", YEAR - 1)).figures
    assert f.subsidy_fen == f.granted_fen == f.budget_fen == 0 and f.tenants == 4  # no newcomer yet


def test_reports_of_a_year_without_budgets_print_and_say_so(db, people, town, tmp_path):
    """An office that has set no budget yet still prints its reports: no chart of nothing."""
    period = ReportPeriod("year", YEAR - 1)
    for pdf in (zone_report_pdf(zone_report(db, actor=people.clerk, zone_id=1, period=period)),
                city_report_pdf(city_report(db, actor=people.admin, period=period))):
        text = flat(pdf_text(pdf, tmp_path))
        assert "本年度尚未设定预算" in text and "图2" not in text


def test_a_clerk_cannot_report_on_another_zone(db, people, town):
    with pytest.raises(PermissionDenied):
        zone_report(db, actor=people.clerk, zone_id=2, period=ReportPeriod("year", YEAR))
    with pytest.raises(PermissionDenied):
        zone_report(db, actor=people.clerk2, zone_id=1, period=ReportPeriod("year", YEAR))
    assert zone_report(db, actor=people.auditor, zone_id=2,
                       period=ReportPeriod("year", YEAR)).figures.subsidy_fen == 300_000


# --- the city report ---------------------------------------------------------------------
def test_the_city_year_for_an_administrator(db, people, town):
    report = city_report(db, actor=people.admin, period=ReportPeriod("year", YEAR))
    assert report.all_zones and len(report.zones) == 55
    by_code = {zone.code: f for zone, f in report.zones}
    assert by_code["Z01"].granted_fen == 10_165_000 and by_code["Z02"].subsidy_fen == 300_000
    assert by_code["Z03"].subsidy_fen == 0 and by_code["Z03"].tenants == 0
    t = report.totals
    assert (t.tenants, t.new_tenancies, t.entries, t.reversals) == (5, 1, 3, 1)
    assert approved(t)["land"] == (450_000, 2, 0)
    assert (t.subsidy_fen, t.granted_fen, t.guaranteed_fen) == (465_000, 10_465_000, GUARANTEED_FEN)
    assert t.budget_fen == 8 * BUDGET_FEN + GIANT_BUDGET_FEN
    assert report.monthly_fen["land"][2] == 450_000


def test_the_city_report_of_a_clerk_covers_their_zone_and_is_issued_by_it(db, people, town):
    report = city_report(db, actor=people.clerk, period=ReportPeriod("quarter", YEAR, 1))
    assert not report.all_zones and [zone.code for zone, _f in report.zones] == ["Z01"]
    assert report.totals == report.zones[0][1]
    assert report.issuer == report.zones[0][0].issuer
    assert report.totals.subsidy_fen == 165_000


# --- the firm statement ------------------------------------------------------------------
def test_a_firm_statement_reuses_the_firm_statement(db, people, town):
    report = statement_report(db, actor=people.clerk, enterprise_id=town.book.firm_a)
    assert report.zone.code == "Z01"
    assert report.statement.subsidy_fen == 150_000 and report.statement.years[0].guaranteed_fen == GUARANTEED_FEN
    with pytest.raises(NotFound):
        statement_report(db, actor=people.clerk, enterprise_id=town.book.firm_d)


# --- the PDFs ----------------------------------------------------------------------------
def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_words(pdf: bytes, tmp_path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words as (x min, y min, x max, y max, text) in points from the top left."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)])
    return pages


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_zone_report_pdf_says_zone_period_and_totals(db, people, town, tmp_path):
    report = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("year", YEAR))
    text = flat(pdf_text(zone_report_pdf(report), tmp_path))
    assert report.zone.name in text and "2026年度" in text
    assert "101,650.00" in text and amount_in_words(10_165_000) == "人民币壹拾万壹仟陆佰伍拾元整"
    assert "人民币壹拾万壹仟陆佰伍拾元整" in text
    assert "1,650.00" in text  # the subsidies
    assert "5,000,000.00" in text and "3,000,000.00" in text  # the loan and the guarantee
    assert format_date_cn(today_shanghai()) in text and f"{report.zone.name}服务中心" in text
    assert "1月" in text and "土地" in text  # the chart's labels are text, in Chinese


def test_the_zone_report_lies_within_the_gbt_9704_text_block(db, people, town, tmp_path):
    report = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("quarter", YEAR, 1))
    pages = pdf_words(zone_report_pdf(report), tmp_path)
    assert len(pages) >= 2
    left, right, top, bottom = 28 * MM, (28 + 156) * MM, 37 * MM, (37 + 225) * MM
    for number, words in enumerate(pages, start=1):
        body = [w for w in words if w[1] < bottom]
        footer = [w for w in words if w[1] >= bottom]
        for x0, y0, x1, y1, word in body:
            assert x0 >= left - TOLERANCE and x1 <= right + TOLERANCE, (number, word, x0, x1)
            assert y0 >= top - TOLERANCE and y1 <= bottom + TOLERANCE, (number, word, y0, y1)
        # the page number, — 1 —, 7 mm under the text block; odd pages right, even pages left
        assert [w[4] for w in footer] == ["—", str(number), "—"]
        assert all(bottom + 6 * MM <= w[1] <= bottom + 9 * MM for w in footer)
        one_char = 14
        if number % 2:
            assert abs(footer[-1][2] - (right - one_char)) < TOLERANCE
        else:
            assert abs(footer[0][0] - (left + one_char)) < TOLERANCE
    title = pages[0][0]
    assert abs((title[0] + title[2]) / 2 - (left + right) / 2) < TOLERANCE  # centred
    assert 21 <= title[3] - title[1] <= 24  # 22 pt (二号)
    first_line = next(w for w in pages[0] if w[4].startswith("截至"))
    assert 15 <= first_line[3] - first_line[1] <= 17.5  # 16 pt body (三号)
    assert abs(first_line[0] - (left + 2 * 156 * MM / 28)) < TOLERANCE  # indented two characters


def test_the_city_report_pdf(db, people, town, tmp_path):
    report = city_report(db, actor=people.admin, period=ReportPeriod("year", YEAR))
    pdf = city_report_pdf(report)
    text = flat(pdf_text(pdf, tmp_path))
    assert "2026年度全市中小企业产业园区" in text and "Z55" in text
    assert "104,650.00" in text and amount_in_words(10_465_000) in text
    left, right = 28 * MM, (28 + 156) * MM
    for words in pdf_words(pdf, tmp_path):
        assert all(w[0] >= left - TOLERANCE and w[2] <= right + TOLERANCE for w in words)


def test_the_statement_pdf(db, people, town, tmp_path):
    report = statement_report(db, actor=people.clerk, enterprise_id=town.book.firm_a)
    text = flat(pdf_text(statement_pdf(report), tmp_path))
    assert "上海星河智能科技有限公司" in text and report.statement.uscc in text
    assert "1,500.00" in text and amount_in_words(150_000) in text  # 人民币壹仟伍佰元整
    assert "冲销：电表读数有误" in text and "中国银行上海市分行" in text


# --- the workbooks -----------------------------------------------------------------------
def yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def number(cell) -> Decimal:  # noqa: ANN001
    assert cell.data_type == "n" and cell.number_format == "#,##0.00", (cell.coordinate, cell.value)
    return Decimal(str(cell.value))


def rows_by_label(ws) -> dict:  # noqa: ANN001
    return {row[0].value: row for row in ws.iter_rows(min_row=2)}


def test_the_zone_report_workbook(db, people, town):
    report = zone_report(db, actor=people.clerk, zone_id=1, period=ReportPeriod("year", YEAR))
    book = load_workbook(BytesIO(zone_report_xlsx(report)))
    assert book.sheetnames == ["概况", "分类汇总", "月度", "预算"]
    categories = rows_by_label(book["分类汇总"])
    assert number(categories["土地"][3]) == yuan(150_000)
    assert number(categories["电费"][3]) == 0 and categories["电费"][2].value == 1
    assert number(categories["合计"][3]) == yuan(10_165_000)
    assert categories["合计"][0].font.b and not categories["土地"][0].font.b
    assert categories["土地"][1].data_type == "n" and categories["土地"][1].value == 1
    months = rows_by_label(book["月度"])
    assert number(months["2026-03"][1]) == yuan(150_000) and number(months["合计"][5]) == yuan(165_000)
    budgets = rows_by_label(book["预算"])
    assert number(budgets["“小巨人”奖励"][2]) == yuan(10_000_000)
    assert number(budgets["合计"][3]) == yuan(4 * BUDGET_FEN + GIANT_BUDGET_FEN - 10_165_000)
    summary = rows_by_label(book["概况"])
    assert summary["合计（大写）"][1].value == "人民币壹拾万壹仟陆佰伍拾元整"
    assert number(summary["贷款金额（元）"][1]) == yuan(LOAN_FEN)
    for ws in book:
        assert ws.freeze_panes == "A2" and ws["A1"].font.b
        assert ws.column_dimensions["A"].width >= 8


def test_the_city_report_workbook(db, people, town):
    report = city_report(db, actor=people.admin, period=ReportPeriod("quarter", YEAR, 1))
    book = load_workbook(BytesIO(city_report_xlsx(report)))
    assert book.sheetnames == ["概况", "各园区", "分类汇总", "月度", "预算"]
    ws = book["各园区"]
    header = [c.value for c in ws[1]]
    zones = rows_by_label(ws)
    assert len(zones) == 56  # 55 zones and the total
    subsidies = header.index("补贴合计（元）")
    assert number(zones["Z01"][subsidies]) == yuan(165_000)
    assert number(zones["Z02"][subsidies]) == yuan(300_000)
    assert number(zones["合计"][subsidies]) == yuan(465_000) and zones["合计"][subsidies].font.b
    assert zones["Z01"][header.index("在园企业")].value == 5
    assert ws.freeze_panes == "C2"


def test_the_statement_workbook(db, people, town):
    report = statement_report(db, actor=people.clerk, enterprise_id=town.book.firm_a)
    book = load_workbook(BytesIO(statement_xlsx(report)))
    assert book.sheetnames == ["概况", "年度汇总", "明细"]
    lines = list(book["明细"].iter_rows(min_row=2, values_only=False))
    amounts = sorted(Decimal(str(row[5].value)) for row in lines)
    assert amounts == sorted(yuan(f) for f in (150_000, 35_185, -35_185, 150_000, GUARANTEED_FEN))
    assert all(row[5].data_type == "n" for row in lines)
    assert number(rows_by_label(book["年度汇总"])[YEAR][1]) == yuan(150_000)
