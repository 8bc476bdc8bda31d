"""The printed summaries sent upward: a zone's report, the city's report across zones and a
firm's statement, as PDF on the pages of GB/T 9704-2012 (documents/official_page.py), with the
charts of documents/report_charts.py. Each ends with the issuer and the date, as for a document
without a seal; grand totals are also written in words. `demo`: made from a demo database, each
page says so (documents/demo_mark.py).
"""

from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Spacer

from db.clock import format_date_cn
from db.money import format_fen
from db.money.words import amount_in_words
from db.queries.firm_statement import StatementLine
from db.queries.reports import (
    CityReport,
    ReportPeriod,
    StatementReport,
    ZoneFigures,
    ZoneReport,
)
from documents.fonts import register_fonts
from documents.official_page import (
    LINE,
    TABLE_PT,
    CjkText,
    Signature,
    build,
    cell,
    heading,
    paragraph,
    table,
)
from documents.report_charts import CATEGORY_NAMES, budget_chart, monthly_chart

STATUS_NAMES = {"draft": "草稿", "submitted": "待审核", "approved": "已通过", "rejected": "未通过",
                "reversed": "已通过（已冲销）"}


def yuan(fen: int) -> str:
    return format_fen(fen)


def wan(fen: int) -> str:
    """In 万元, rounded half up to the hundredth (100 yuan): 2,869.97."""
    hundredths = (abs(fen) + 5_000) // 10_000
    return f"{'-' if fen < 0 and hundredths else ''}{hundredths // 100:,}.{hundredths % 100:02d}"


def _as_of(period: ReportPeriod, made_on: date) -> str:
    """截至2026年第4季度末 once the period has ended; before that, the day the report is made
    (截至2026年12月3日), for a report does not speak of days that have not come."""
    if made_on < period.last_day:
        return f"截至{format_date_cn(made_on)}"
    return f"截至{period.label}末"


# --- the three documents ----------------------------------------------------------------
def _money_paragraphs(f: ZoneFigures, period_label: str) -> list[Flowable]:
    subsidies = "、".join(f"{CATEGORY_NAMES[c.category]}{yuan(c.approved_fen)}元"
                          for c in f.categories if c.approved_fen or c.entries)
    text = (f"{period_label}共审核通过土地、电费、水费、网络四类补贴{f.entries:,}笔"
            + (f"（另有冲销{f.reversals:,}笔，已与原补贴相抵）" if f.reversals else "")
            + f"，金额合计{yuan(f.subsidy_fen)}元" + (f"，其中{subsidies}。" if subsidies else "。"))
    awards = (f"兑现“小巨人”及专精特新奖励{f.giant_count:,}家，金额{yuan(f.giant_fen)}元；"
              f"推荐贷款担保{f.guarantee_count:,}笔，贷款金额{yuan(f.loans_fen)}元，"
              f"担保金额{yuan(f.guaranteed_fen)}元。")
    if not (f.giant_count or f.giant_fen or f.guarantee_count or f.loans_fen):
        awards = f"{period_label}无审核通过的“小巨人”及专精特新奖励和贷款担保事项。"
    total = (f"{period_label}兑现扶持资金（补贴与奖励）合计{yuan(f.granted_fen)}元，"
             f"大写{amount_in_words(f.granted_fen)}。")
    return [paragraph(text), paragraph(awards), paragraph(total)]


def _category_rows(f: ZoneFigures) -> list[list]:
    rows: list[list] = [["类别", "笔数", "冲销笔数", "金额", "占比"]]
    for c in f.categories:
        share = f"{c.approved_fen * 100 / f.subsidy_fen:.1f}%" if f.subsidy_fen else "—"
        rows.append([CATEGORY_NAMES[c.category], f"{c.entries:,}", f"{c.reversals:,}",
                     yuan(c.approved_fen), share])
    rows.append(["补贴小计", f"{f.entries:,}", f"{f.reversals:,}", yuan(f.subsidy_fen), ""])
    rows.append([CATEGORY_NAMES["little_giant"], f"{f.giant_count:,}", "", yuan(f.giant_fen), ""])
    rows.append(["合计", "", "", yuan(f.granted_fen), ""])
    return rows


def _budget_rows(f: ZoneFigures) -> list[list]:
    rows: list[list] = [["类别", "年度预算", "已使用", "结余", "执行率"]]
    for b in [*f.budgets, None]:
        budget, used = (b.budget_fen, b.used_fen) if b else (f.budget_fen, f.used_fen)
        rate = f"{used * 100 / budget:.1f}%" if budget else "—"
        rows.append([CATEGORY_NAMES[b.category] if b else "合计", yuan(budget), yuan(used),
                     yuan(budget - used), rate])
    return rows


def _budget_figure(f: ZoneFigures) -> list[Flowable]:
    """The chart of the budgets' use; a year without budgets or use has nothing to draw (a chart
    of no bars fails to draw) and says so instead."""
    if not any(b.budget_fen or b.used_fen for b in f.budgets):
        return [paragraph("本年度尚未设定预算，也没有已使用的预算，故无预算使用情况图。")]
    return [budget_chart(f, "图2  预算使用情况"), Spacer(1, LINE / 2)]


def _waiting(f: ZoneFigures, period_label: str) -> Flowable:
    if not (f.waiting_entries or f.waiting_awards):
        return paragraph(f"截至报告日，{period_label}补贴、奖励及贷款担保事项均已审核完毕。")
    return paragraph(f"截至报告日，{period_label}尚有补贴{f.waiting_entries:,}笔"
                     f"（金额{yuan(f.waiting_entry_fen)}元）、奖励及贷款担保{f.waiting_awards:,}笔"
                     "待审核，审核通过后计入下期报告。")


def _ending(title: str, last: Flowable, issuer: str, report_date: str) -> list[Flowable]:
    """The last section, 特此报告 and the signature, on one page."""
    return [KeepTogether([heading(title), last, paragraph("特此报告。"), Spacer(1, LINE),
                          Signature(issuer, report_date)])]


def zone_report_pdf(report: ZoneReport, *, demo: bool = False) -> bytes:
    register_fonts()
    f, label, zone = report.figures, report.period.label, report.zone
    year_to = f"{report.period.year}年1月至{int(report.period.last_month[5:])}月"
    story: list = [
        heading("一、基本情况"),
        paragraph(f"{_as_of(report.period, report.made_on)}，{zone.name}（{zone.code}，"
                  f"{zone.district}）共有在园企业"
                  f"{f.tenants:,}家，{label}新入驻企业{f.new_tenancies:,}家。"),
        heading("二、扶持资金兑现情况"), *_money_paragraphs(f, label),
        *table(_category_rows(f), [110, 70, 70, 122, 70], caption=f"表1  {label}扶持资金分类汇总",
               shaded=(-3, -1)),
    ]
    if len(report.period.months) > 1:
        story += [monthly_chart(report.period.months, report.monthly_fen, f"图1  {label}各月审核通过补贴"),
                  Spacer(1, LINE / 2)]
    story += [heading("三、预算执行情况"),
              paragraph(f"{report.period.year}年度预算合计{yuan(f.budget_fen)}元，{year_to}已使用"
                        f"{yuan(f.used_fen)}元，结余{yuan(f.budget_fen - f.used_fen)}元。"),
              *table(_budget_rows(f), [110, 100, 100, 82, 50],
                     caption=f"表2  {report.period.year}年度预算执行情况（{year_to}）"),
              *_budget_figure(f),
              *_ending("四、待审核事项", _waiting(f, label), zone.issuer, format_date_cn(report.made_on))]
    return build(f"{zone.name}\n{label}中小企业扶持资金兑现情况报告", story, author=zone.issuer, demo=demo)


def city_report_pdf(report: CityReport, *, demo: bool = False) -> bytes:
    register_fonts()
    f, label = report.totals, report.period.label
    scope = "全市" if report.all_zones else "所辖"
    rows: list[list] = [["园区", "在园企业", "新入驻", "补贴笔数", "补贴金额", "奖励金额", "担保金额", "执行率"]]
    for zone, z in [*report.zones, (None, f)]:
        rate = f"{z.used_fen * 100 / z.budget_fen:.1f}%" if z.budget_fen else "—"
        name = cell(f"{zone.code} {zone.name}" if zone else "合计", 8)
        rows.append([name, f"{z.tenants:,}", f"{z.new_tenancies:,}", f"{z.entries:,}",
                     wan(z.subsidy_fen), wan(z.giant_fen), wan(z.guaranteed_fen), rate])
    story: list = [
        heading("一、基本情况"),
        paragraph(f"本报告汇总{scope}{len(report.zones)}个中小企业产业园区{label}扶持资金兑现情况。"
                  f"{_as_of(report.period, report.made_on)}，在园企业{f.tenants:,}家，"
                  f"{label}新入驻企业{f.new_tenancies:,}家。"),
        heading("二、扶持资金兑现情况"), *_money_paragraphs(f, label),
        *table(_category_rows(f), [110, 70, 70, 122, 70], caption=f"表1  {label}扶持资金分类汇总",
               shaded=(-3, -1)),
    ]
    if len(report.period.months) > 1:
        story += [monthly_chart(report.period.months, report.monthly_fen, f"图1  {label}各月审核通过补贴"),
                  Spacer(1, LINE / 2)]
    story += [heading("三、预算执行情况"),
              paragraph(f"{report.period.year}年度预算合计{yuan(f.budget_fen)}元，已使用{yuan(f.used_fen)}元，"
                        f"结余{yuan(f.budget_fen - f.used_fen)}元。"),
              *table(_budget_rows(f), [110, 100, 100, 82, 50],
                     caption=f"表2  {report.period.year}年度预算执行情况"),
              *_budget_figure(f),
              heading("四、各园区情况"),
              *table(rows, [124, 44, 38, 46, 58, 44, 52, 36], caption=f"表3  {label}各园区扶持资金兑现情况",
                     unit="单位：万元", size=8),
              CjkText("注：表3金额以万元为单位四舍五入，合计数与分项之和可能略有差异；"
                      "精确到分的数据见同期XLSX报表。", TABLE_PT),
              *_ending("五、待审核事项", _waiting(f, label), report.issuer, format_date_cn(report.made_on))]
    return build(f"{label}{scope}中小企业产业园区\n扶持资金兑现情况汇总报告", story, author=report.issuer, demo=demo)


def _statement_row(line: StatementLine) -> list:
    status = "reversed" if line.status == "approved" and line.reversed_by_id else line.status
    note = f"冲销：{line.note}" if line.reverses_id is not None else line.note
    return [line.period, CATEGORY_NAMES.get(line.category, line.category), line.zone_code,
            yuan(line.billed_fen) if line.billed_fen else "", yuan(line.amount_fen),
            cell(STATUS_NAMES[status], 9), cell(note, 9)]


def statement_pdf(report: StatementReport, *, demo: bool = False) -> bytes:
    register_fonts()
    s = report.statement
    story: list = [paragraph(f"企业名称：{s.name}"), paragraph(f"统一社会信用代码：{s.uscc}"),
                   paragraph(f"所在园区：{report.zone.name}（{report.zone.code}）")]
    if not s.years:
        story.append(paragraph("该企业尚无补贴、奖励或贷款担保记录。"))
    for year in s.years:
        rows = [["月份", "类别", "园区", "账单/贷款", "金额", "状态", "备注"],
                *[_statement_row(line) for line in year.lines],
                ["本年审核通过补贴与奖励", "", "", "", yuan(year.subsidy_fen + year.award_fen), "", ""]]
        story += [heading(f"{year.year}年"),
                  paragraph(f"审核通过补贴{yuan(year.subsidy_fen)}元，奖励{yuan(year.award_fen)}元，"
                            f"贷款担保{yuan(year.guaranteed_fen)}元；待审核{yuan(year.waiting_fen)}元。"),
                  *table(rows, [48, 56, 30, 68, 68, 78, 94], caption=f"{year.year}年明细",
                         text_columns=(0, 1, 2, 5, 6), extra=[("SPAN", (0, -1), (3, -1))])]
    granted = s.subsidy_fen + s.award_fen
    story += [paragraph(f"以上各年审核通过补贴与奖励合计{yuan(granted)}元，大写{amount_in_words(granted)}。"),
              Spacer(1, LINE), Signature(report.zone.issuer, format_date_cn(report.made_on))]
    return build(f"{s.name}\n扶持资金明细表", story, author=report.zone.issuer, demo=demo)
