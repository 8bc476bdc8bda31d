"""How the money panes (ledger, statement, overview, policy) name categories, statuses, award
levels and programme settings on screen, and show amounts and quantities."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtGui import QColor

from db.models.money import UNITS
from db.money import format_fen

CATEGORIES = {
    "land": QT_TRANSLATE_NOOP("money", "Land"),
    "electricity": QT_TRANSLATE_NOOP("money", "Electricity"),
    "water": QT_TRANSLATE_NOOP("money", "Water"),
    "internet": QT_TRANSLATE_NOOP("money", "Internet"),
    "little_giant": QT_TRANSLATE_NOOP("money", "Little-giant award"),
    "loan_guarantee": QT_TRANSLATE_NOOP("money", "Loan guarantee"),
}
STATUSES = {
    "draft": QT_TRANSLATE_NOOP("money", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("money", "Submitted"),
    "approved": QT_TRANSLATE_NOOP("money", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("money", "Rejected"),
    "reversed": QT_TRANSLATE_NOOP("money", "Approved, reversed"),
}
LEVELS = {
    "municipal": QT_TRANSLATE_NOOP("money", "Municipal specialised (专精特新)"),
    "national": QT_TRANSLATE_NOOP("money", "National little giant (小巨人)"),
}
SETTINGS = {
    "budget_cap_fen": QT_TRANSLATE_NOOP("money", "Programme budget cap (all zones' budgets together)"),
    "loan_quota_fen": QT_TRANSLATE_NOOP("money", "Quota of guaranteed bank loans"),
    "guarantee_cap_per_firm_fen": QT_TRANSLATE_NOOP("money", "Guarantees per firm, in total"),
}


def money_label(table: dict[str, str], code: str) -> str:
    return QCoreApplication.translate("money", table.get(code, code))


def status_text(status: str, reversed_by_id: int | None) -> str:
    return money_label(STATUSES, "reversed" if status == "approved" and reversed_by_id else status)


def yuan(fen: int) -> str:
    """¥1,234.50 (negative: -¥1,234.50)."""
    return format_fen(fen, symbol=True)


def quantity_text(category: str, quantity_x100: int) -> str:
    if category not in UNITS:
        return ""
    whole, hundredths = divmod(abs(quantity_x100), 100)
    sign = "-" if quantity_x100 < 0 else ""
    return f"{sign}{QLocale().toString(whole)}.{hundredths:02d} {UNITS[category]}"


def month_names() -> list[str]:
    """1月 … 12月 in Chinese, Jan … Dec in English (the locale's short month names)."""
    return [QLocale().monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)]


def month_axis(months: list[str]) -> list[str]:
    """Labels for consecutive months ('2026-11', '2026-12', '2027-01' …): the short month name,
    with its year on January (11月, 12月, 2027年1月 …); the chart's title names the span."""
    names = month_names()
    return [month_of_year(int(p[:4]), 1) if p.endswith("-01") else names[int(p[5:]) - 1] for p in months]


def month_of_year(year: int, month: int) -> str:
    """2026年11月 in Chinese, Nov 2026 in English."""
    return QCoreApplication.translate("money_labels", "{month} {year}").format(
        month=QLocale().monthName(month, QLocale.FormatType.ShortFormat), year=year)


RED = QColor("#c62828")  # a negative amount, a budget overspent
OWN = QColor("#8a8a8a")  # what the reader may not decide: their own entry, a rejected or reversed one


def kind_label(code: str) -> str:
    """A subsidy category or an award kind, as the money panes name it."""
    return money_label(CATEGORIES, code)
