"""The printed summaries as workbooks that open in WPS and Excel: a zone's report, the city's
report across zones and a firm's statement.

Amounts are numbers of yuan (Decimal(fen) / 100, exact: never a float on the way), shown as
#,##0.00; counts are whole numbers; each sheet has a header row kept in view, bold totals,
widths to fit its columns, and prints on one page across. `demo`: made from a demo database,
every sheet says so in its name and printed header (documents/demo_mark.py).
"""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from db.clock import format_date_cn
from db.models.money import CATEGORIES
from db.money import format_fen
from db.money.words import amount_in_words
from db.queries.reports import CityReport, StatementReport, ZoneFigures, ZoneReport
from documents.demo_mark import mark_workbook
from documents.report_charts import CATEGORY_NAMES
from documents.report_pdf import STATUS_NAMES

YUAN_FORMAT, COUNT_FORMAT, RATE_FORMAT = "#,##0.00", "#,##0", "0.0%"
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Yuan:
    """An amount in fen, written as a number of yuan."""

    fen: int


@dataclass(frozen=True)
class Rate:
    """used / budget, written as a percentage (None: no budget)."""

    used: int
    budget: int


def yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def _value(value: object) -> tuple[object, str | None]:
    if isinstance(value, Yuan):
        return yuan(value.fen), YUAN_FORMAT
    if isinstance(value, Rate):
        return ((Decimal(value.used) / Decimal(value.budget)).quantize(Decimal("0.0001"))
                if value.budget else None), RATE_FORMAT
    if isinstance(value, int) and not isinstance(value, bool):
        return value, COUNT_FORMAT
    return value, None


def sheet(book: Workbook, title: str, header: list[str], rows: list[list], *, totals: int = 0,
          frozen: str = "A2", wide: bool = False) -> Worksheet:
    """A sheet of `rows` under `header`; the last `totals` rows bold."""
    ws = book.create_sheet(title)
    ws.append(header)
    widths = [_width(h) for h in header]
    for row in rows:
        ws.append([_value(v)[0] for v in row])
        for column, value in enumerate(row):
            cell = ws.cell(ws.max_row, column + 1)
            number_format = _value(value)[1]
            if number_format:
                cell.number_format = number_format
            widths[column] = max(widths[column], _width(_shown(value)))
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border = _BOX
    for row in ws.iter_rows(min_row=ws.max_row - totals + 1) if totals else ():
        for cell in row:
            cell.font, cell.fill = _BOLD, _TOTAL_FILL
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)
    ws.freeze_panes = frozen
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _shown(value: object) -> str:
    if isinstance(value, Yuan):
        return format_fen(value.fen)
    return "100.0%" if isinstance(value, Rate) else "" if value is None else str(value)


def _width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _save(book: Workbook, demo: bool = False) -> bytes:
    del book["Sheet"]
    if demo:
        mark_workbook(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# --- the sheets both area reports have ---------------------------------------------------
def _summary(book: Workbook, f: ZoneFigures, heading: list[list], issuer: str, made: str) -> None:
    rows = [*heading,
            ["在园企业（家）", f.tenants], ["本期新入驻企业（家）", f.new_tenancies],
            ["审核通过补贴（笔）", f.entries], ["冲销（笔）", f.reversals],
            ["审核通过补贴金额（元）", Yuan(f.subsidy_fen)],
            ["“小巨人”奖励（家）", f.giant_count], ["“小巨人”奖励金额（元）", Yuan(f.giant_fen)],
            ["贷款担保（笔）", f.guarantee_count], ["贷款金额（元）", Yuan(f.loans_fen)],
            ["担保金额（元）", Yuan(f.guaranteed_fen)],
            ["待审核补贴（笔）", f.waiting_entries], ["待审核补贴金额（元）", Yuan(f.waiting_entry_fen)],
            ["待审核奖励及贷款担保（笔）", f.waiting_awards],
            ["制表单位", issuer], ["制表日期", made],
            ["兑现扶持资金合计（元）", Yuan(f.granted_fen)], ["合计（大写）", amount_in_words(f.granted_fen)]]
    sheet(book, "概况", ["项目", "数值"], rows, totals=2)


def _categories(book: Workbook, f: ZoneFigures) -> None:
    rows = [[CATEGORY_NAMES[c.category], c.entries, c.reversals, Yuan(c.approved_fen)] for c in f.categories]
    rows += [["补贴小计", f.entries, f.reversals, Yuan(f.subsidy_fen)],
             [CATEGORY_NAMES["little_giant"], f.giant_count, None, Yuan(f.giant_fen)],
             ["合计", None, None, Yuan(f.granted_fen)]]
    sheet(book, "分类汇总", ["类别", "笔数", "冲销笔数", "金额（元）"], rows, totals=1)


def _months(book: Workbook, months: list[str], monthly_fen: dict[str, list[int]]) -> None:
    rows = [[month, *[Yuan(monthly_fen[c][n]) for c in CATEGORIES],
             Yuan(sum(monthly_fen[c][n] for c in CATEGORIES))] for n, month in enumerate(months)]
    rows.append(["合计", *[Yuan(sum(monthly_fen[c])) for c in CATEGORIES],
                 Yuan(sum(sum(v) for v in monthly_fen.values()))])
    sheet(book, "月度", ["月份", *[f"{CATEGORY_NAMES[c]}（元）" for c in CATEGORIES], "合计（元）"],
          rows, totals=1)


def _budgets(book: Workbook, f: ZoneFigures) -> None:
    rows = [[CATEGORY_NAMES[b.category], Yuan(b.budget_fen), Yuan(b.used_fen), Yuan(b.left_fen),
             Rate(b.used_fen, b.budget_fen)] for b in f.budgets]
    rows.append(["合计", Yuan(f.budget_fen), Yuan(f.used_fen), Yuan(f.budget_fen - f.used_fen),
                 Rate(f.used_fen, f.budget_fen)])
    sheet(book, "预算", ["类别", "年度预算（元）", "已使用（元）", "结余（元）", "执行率"], rows, totals=1)


def zone_report_xlsx(report: ZoneReport, *, demo: bool = False) -> bytes:
    book, f, zone = Workbook(), report.figures, report.zone
    _summary(book, f, [["园区", f"{zone.code} {zone.name}"], ["所在区", zone.district],
                       ["报告期", report.period.label]], zone.issuer, format_date_cn(report.made_on))
    _categories(book, f)
    _months(book, report.period.months, report.monthly_fen)
    _budgets(book, f)
    return _save(book, demo)


def city_report_xlsx(report: CityReport, *, demo: bool = False) -> bytes:
    book = Workbook()
    _summary(book, report.totals, [["范围", "全市" if report.all_zones else "所辖园区"],
                                   ["园区数", len(report.zones)], ["报告期", report.period.label]],
             report.issuer, format_date_cn(report.made_on))
    header = ["园区代码", "园区名称", "所在区", "在园企业", "新入驻", "补贴笔数", "冲销笔数",
              *[f"{CATEGORY_NAMES[c]}（元）" for c in CATEGORIES], "补贴合计（元）", "奖励（家）",
              "奖励金额（元）", "担保（笔）", "贷款金额（元）", "担保金额（元）", "年度预算（元）",
              "已使用（元）", "结余（元）", "执行率", "待审核补贴（笔）", "待审核补贴金额（元）",
              "待审核奖励及担保（笔）"]
    rows = [[z.code, z.name, z.district, *_zone_cells(f)] for z, f in report.zones]
    rows.append(["合计", "", "", *_zone_cells(report.totals)])
    sheet(book, "各园区", header, rows, totals=1, frozen="C2", wide=True)
    _categories(book, report.totals)
    _months(book, report.period.months, report.monthly_fen)
    _budgets(book, report.totals)
    return _save(book, demo)


def _zone_cells(f: ZoneFigures) -> list:
    return [f.tenants, f.new_tenancies, f.entries, f.reversals,
            *[Yuan(c.approved_fen) for c in f.categories], Yuan(f.subsidy_fen), f.giant_count,
            Yuan(f.giant_fen), f.guarantee_count, Yuan(f.loans_fen), Yuan(f.guaranteed_fen),
            Yuan(f.budget_fen), Yuan(f.used_fen), Yuan(f.budget_fen - f.used_fen),
            Rate(f.used_fen, f.budget_fen), f.waiting_entries, Yuan(f.waiting_entry_fen), f.waiting_awards]


def statement_xlsx(report: StatementReport, *, demo: bool = False) -> bytes:
    book, s = Workbook(), report.statement
    guaranteed, waiting = sum(y.guaranteed_fen for y in s.years), sum(y.waiting_fen for y in s.years)
    sheet(book, "概况", ["项目", "数值"], [
        ["企业名称", s.name], ["统一社会信用代码", s.uscc],
        ["所在园区", f"{report.zone.code} {report.zone.name}"],
        ["审核通过补贴（元）", Yuan(s.subsidy_fen)], ["审核通过奖励（元）", Yuan(s.award_fen)],
        ["贷款担保（元）", Yuan(guaranteed)], ["待审核（元）", Yuan(waiting)],
        ["制表单位", report.zone.issuer], ["制表日期", format_date_cn(report.made_on)],
        ["补贴与奖励合计（元）", Yuan(s.subsidy_fen + s.award_fen)],
        ["合计（大写）", amount_in_words(s.subsidy_fen + s.award_fen)]], totals=2)
    years = [[y.year, Yuan(y.subsidy_fen), Yuan(y.award_fen), Yuan(y.guaranteed_fen), Yuan(y.waiting_fen)]
             for y in s.years]
    years.append(["合计", Yuan(s.subsidy_fen), Yuan(s.award_fen), Yuan(guaranteed), Yuan(waiting)])
    sheet(book, "年度汇总", ["年度", "审核通过补贴（元）", "审核通过奖励（元）", "贷款担保（元）",
                            "待审核（元）"], years, totals=1)
    lines = [[year.year, line.period, CATEGORY_NAMES.get(line.category, line.category), line.zone_code,
              Yuan(line.billed_fen), Yuan(line.amount_fen),
              STATUS_NAMES["reversed" if line.status == "approved" and line.reversed_by_id else line.status],
              f"冲销：{line.note}" if line.reverses_id is not None else line.note]
             for year in s.years for line in year.lines]
    sheet(book, "明细", ["年度", "月份", "类别", "园区", "账单/贷款（元）", "金额（元）", "状态", "备注"],
          lines, wide=True)
    return _save(book, demo)
