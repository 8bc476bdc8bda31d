"""The Overview pane on a real temp database: the chart series carry the approved sums (read
back from each QBarSet), budgets against used per zone, what waits for review, new figures
after an approval, Chinese labels in the app font."""

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from db.money import FEN_PER_WAN_YUAN, FEN_PER_YUAN
from db.services import approvals, subsidies
from db.services.subsidies import Bill
from desktop.app import create_application, install_language
from desktop.overview.overview_pane import OverviewPane
from tests.fixed_clock import moment_of
from tests.ledger_data import BUDGET_FEN, GIANT_BUDGET_FEN

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import translations  # noqa: E402


@pytest.fixture
def open_pane(show_pane):  # noqa: ANN001, ANN201
    return lambda actor: show_pane(OverviewPane, actor, (1100, 760), lambda pane: pane.loaded)


def bars(chart) -> dict[str, list[float]]:  # noqa: ANN001
    return {s.label(): [s.at(i) for i in range(s.count())] for s in chart.bar_sets()}


def in_yuan(*fen: int) -> list[float]:
    return [f / FEN_PER_YUAN for f in fen]


def short_month(month: int) -> str:
    return QLocale().monthName(month, QLocale.FormatType.ShortFormat)


def test_the_month_chart_carries_the_approved_sums_of_the_last_twelve_months(open_pane, people, book):
    """On 22 November 2026, nothing of November approved yet: November 2025 to October 2026."""
    pane = open_pane(people.clerk)
    chart = pane.monthly_chart
    assert pane.year.currentText() == "Last twelve months"
    assert chart.unit == FEN_PER_YUAN  # ¥1,650.00 at most in a month: the axis counts yuan
    series = bars(chart)
    assert list(series) == ["Land", "Electricity", "Water", "Internet"]
    march = 4  # Nov, Dec, Jan, Feb, Mar
    assert series["Land"] == in_yuan(*[0] * march, 150_000, *[0] * 7)  # April is only submitted
    assert series["Electricity"] == [0.0] * 12  # approved, then reversed: nets to 0
    assert series["Water"] == in_yuan(*[0] * march, 15_000, *[0] * 7)
    assert series["Internet"] == [0.0] * 12  # a draft
    assert chart.categories == [short_month(11), short_month(12), "Jan 2026",
                                *[short_month(m) for m in range(2, 11)]]
    assert "Nov 2025 to Oct 2026" in chart.title()
    assert pane.approved.text() == ("Approved from Nov 2025 to Oct 2026: ¥1,650.00 from 4 entries "
                                    "(reversals netted)")
    assert pane.waiting.text() == "Waiting for review: subsidy entries 1, awards 0"


def axis_labels(axis) -> list[str]:  # noqa: ANN001
    """The value axis's labels as drawn: each tick's value in the axis's label format."""
    count = axis.tickCount()
    step = (axis.max() - axis.min()) / (count - 1)
    return [axis.labelFormat() % (axis.min() + n * step) for n in range(count)]


def test_a_new_offices_empty_charts_label_each_tick_once(open_pane, people):
    pane = open_pane(people.clerk)  # a new office: nothing approved, no budget
    for chart in (pane.monthly_chart, pane.budget_chart):
        labels = axis_labels(chart.y_axis)
        assert labels == ["0", "1"], labels


def test_the_value_axes_label_each_tick_once(open_pane, people, book):
    pane = open_pane(people.clerk)
    for chart in (pane.monthly_chart, pane.budget_chart):
        labels = axis_labels(chart.y_axis)
        assert len(labels) > 2 and len(set(labels)) == len(labels), labels


def test_a_calendar_year_shows_january_to_december(qtbot, open_pane, people, book):
    pane = open_pane(people.clerk)
    with qtbot.waitSignal(pane.refreshed):
        pane.set_year(2026)
    assert bars(pane.monthly_chart)["Land"] == in_yuan(0, 0, 150_000, *[0] * 9)
    assert pane.monthly_chart.categories == [short_month(m) for m in range(1, 13)]
    assert pane.approved.text() == "Approved in 2026: ¥1,650.00 from 4 entries (reversals netted)"


def test_in_january_the_overview_still_shows_a_full_year(open_pane, people, book, fixed_clock):
    """The book made in 2026; on 20 January 2027 the new year has no approved money yet: the
    twelve months shown are last year's, the budgets this year's (none set yet)."""
    fixed_clock.move_to(moment_of("2027-01-20T10:00:00+08:00"))
    pane = open_pane(people.admin)
    assert bars(pane.monthly_chart)["Land"] == in_yuan(0, 0, 450_000, *[0] * 9)  # 2026-01 to 2026-12
    assert pane.monthly_chart.categories[0] == "Jan 2026" and "Jan 2026 to Dec 2026" in pane.monthly_chart.title()
    assert pane.approved.text().startswith("Approved from Jan 2026 to Dec 2026: ¥4,650.00")
    assert "2027" in pane.budget_chart.title() and pane.budget_chart.categories == []


def test_the_budget_chart_sets_budget_against_used_per_zone(open_pane, people, book):
    pane = open_pane(people.admin)
    chart = pane.budget_chart
    assert chart.categories == ["Z01", "Z02"]
    assert chart.unit == FEN_PER_WAN_YUAN
    zone1_budget = 4 * BUDGET_FEN + GIANT_BUDGET_FEN
    zone1_used = 150_000 + 15_000 + 10_000_000  # land, water, the little-giant award
    assert bars(chart) == {"Budget": [zone1_budget / FEN_PER_WAN_YUAN, 4 * BUDGET_FEN / FEN_PER_WAN_YUAN],
                           "Used": [zone1_used / FEN_PER_WAN_YUAN, 300_000 / FEN_PER_WAN_YUAN]}
    pane.budget_category.setCurrentIndex(pane.budget_category.findData("land"))
    assert bars(chart) == {"Budget": [100.0, 100.0], "Used": [0.15, 0.3]}  # in 万元
    assert "Land" in chart.title()


def test_one_zone_and_another_year(qtbot, open_pane, people, book):
    pane = open_pane(people.admin)
    qtbot.waitUntil(lambda: pane.zone_filter.count() > 2)
    with qtbot.waitSignal(pane.refreshed):
        pane.zone_filter.setCurrentIndex(pane.zone_filter.findData(2))
    assert bars(pane.monthly_chart)["Land"] == in_yuan(0, 0, 0, 0, 300_000, *[0] * 7)
    assert pane.budget_chart.categories == ["Z02"]
    with qtbot.waitSignal(pane.refreshed):
        pane.set_year(2025)
    assert all(v == 0 for values in bars(pane.monthly_chart).values() for v in values)
    assert pane.approved.text() == "No subsidy has been approved in 2025 yet."
    assert pane.budget_chart.categories == []


def test_new_figures_replace_values_and_never_remove_a_series(qtbot, open_pane, people, book):
    """Qt Charts handles a removed series later, from the event queue; a series deleted by then
    (removeAllSeries deletes) crashed the program now and then. A chart keeps its one series
    and its two axes for life; new figures change the bar sets' values and the labels."""
    pane = open_pane(people.admin)
    qtbot.waitUntil(lambda: pane.zone_filter.count() > 2)
    charts = (pane.monthly_chart, pane.budget_chart)
    kept = [(chart.series(), chart.axes(), chart.bar_sets()) for chart in charts]
    for zone in (2, 1, 2):
        with qtbot.waitSignal(pane.refreshed):
            pane.zone_filter.setCurrentIndex(pane.zone_filter.findData(zone))
    with qtbot.waitSignal(pane.refreshed):
        pane.set_year(2025)
    for chart, (series, axes, bar_sets) in zip(charts, kept, strict=True):
        assert chart.series() == series and len(series) == 1
        assert chart.axes() == axes and chart.bar_sets() == bar_sets
    assert pane.budget_chart.categories == [] and pane.budget_chart.axes()[0].categories() == []


def test_an_approval_shows_after_the_change_signal(qtbot, db, open_pane, people, book):
    pane = open_pane(people.clerk)
    approvals.approve(db, actor=people.reviewer, entry_ids=[book.land_april])
    with qtbot.waitSignal(pane.refreshed, timeout=3000):
        pane.context.bus.changed.emit("subsidy_entry", book.land_april)
    assert bars(pane.monthly_chart)["Land"][5] == 1_500.0  # April 2026
    assert pane.waiting.text() == "Waiting for review: subsidy entries 0, awards 0"


def test_an_approval_of_this_months_bill_brings_this_month_in(qtbot, db, open_pane, people, book):
    pane = open_pane(people.clerk)
    november = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-11",
                                    bills=[Bill(book.firm_a, "water", 200_000)])
    subsidies.submit_entries(db, actor=people.clerk, entry_ids=november)
    approvals.approve(db, actor=people.reviewer, entry_ids=november)
    with qtbot.waitSignal(pane.refreshed, timeout=3000):
        pane.context.bus.changed.emit("subsidy_entry", november[0])
    assert pane.monthly_chart.categories[:2] == [short_month(12), "Jan 2026"]
    assert "Dec 2025 to Nov 2026" in pane.monthly_chart.title()
    assert bars(pane.monthly_chart)["Water"] == in_yuan(0, 0, 0, 15_000, *[0] * 7, 30_000)


@pytest.fixture
def chinese(qapp):
    translations.compile_all()
    create_application("zh_CN")  # the bundled CJK font and the Chinese translation
    yield
    install_language(qapp, "en")  # the other tests read the English source texts


def test_the_charts_speak_chinese_in_the_app_font(chinese, open_pane, people, book):
    pane = open_pane(people.clerk)
    chart = pane.monthly_chart
    legend = [bars.label() for bars in chart.bar_sets()]
    assert legend == [QCoreApplication.translate("money", text)
                      for text in ("Land", "Electricity", "Water", "Internet")]
    assert not any(label.isascii() for label in legend)  # translated: Chinese characters
    assert chart.categories[:3] == ["11月", "12月", "2026年1月"] and chart.categories[11] == "10月"
    assert chart.title() == "2025年11月至2026年10月各月审核通过的补贴"
    assert chart.axes()[0].categories()[4] == "3月"
    family = QApplication.font().family()
    assert chart.axes()[0].labelsFont().family() == family
    assert chart.legend().font().family() == family
    assert not pane.budget_chart.axes()[1].titleText().isascii()  # 万元


def test_a_hidden_pane_asks_again_only_when_shown(qtbot, db, open_pane, people, book):
    pane = open_pane(people.clerk)
    pane.hide()
    approvals.approve(db, actor=people.reviewer, entry_ids=[book.land_april])
    pane.context.bus.changed.emit("subsidy_entry", book.land_april)
    assert not pane._refresh.isActive()  # nothing asked of the database while nobody looks
    assert bars(pane.monthly_chart)["Land"][5] == 0.0  # April 2026
    with qtbot.waitSignal(pane.refreshed, timeout=3000):
        pane.show()
    assert bars(pane.monthly_chart)["Land"][5] == 1_500.0
