"""The money flows: policy rates, budgets, programme settings, subsidy entries, awards, closed
periods. Every amount is an integer number of fen.

Approved rows are frozen by triggers (migration 0002): no UPDATE or DELETE reaches them, except
the one-time link to the reversal that cancels them (`reversed_by_id`, NULL -> id).
"""

from datetime import date, datetime

from sqlmodel import Field, SQLModel

CATEGORIES = ("land", "electricity", "water", "internet")
UNITS = {"land": "m²", "electricity": "kWh", "water": "m³", "internet": "Mbps"}
STATUSES = ("draft", "submitted", "approved", "rejected")


class PolicyRate(SQLModel, table=True):
    """From `valid_from` on: the share of the bill paid back (basis points: 1500 = 15 %) and the
    most a firm receives in a calendar year for this category."""

    id: int | None = Field(default=None, primary_key=True)
    category: str
    valid_from: date
    rate_bp: int
    yearly_cap_fen: int
    version: int = 1


class Budget(SQLModel, table=True):
    """What a zone may pay out in a year for a category (subsidies) or for little-giant awards."""

    id: int | None = Field(default=None, primary_key=True)
    zone_id: int = Field(foreign_key="zone.id")
    year: int
    category: str  # one of CATEGORIES, or "little_giant"
    amount_fen: int
    version: int = 1


class ProgrammeSetting(SQLModel, table=True):
    """Programme-wide limits, editable by an administrator (policies change)."""

    key: str = Field(primary_key=True)  # budget_cap_fen | loan_quota_fen | guarantee_cap_per_firm_fen
    value: int
    version: int = 1


class AwardRate(SQLModel, table=True):
    """The little-giant award for a level, from `valid_from` on."""

    id: int | None = Field(default=None, primary_key=True)
    level: str  # municipal | national
    valid_from: date
    amount_fen: int
    version: int = 1


class ClosedPeriod(SQLModel, table=True):
    period: str = Field(primary_key=True)  # 2026-11
    closed_by: int = Field(foreign_key="staffaccount.id")
    closed_at: datetime


class SubsidyEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprise.id")
    zone_id: int = Field(foreign_key="zone.id")
    category: str
    period: str  # the month billed, 2026-11
    quantity_x100: int  # hundredths of the category's unit
    billed_fen: int
    subsidy_fen: int
    rate_bp: int  # the rate applied, kept with the entry
    bill_reference: str = ""
    status: str = "draft"
    reverses_id: int | None = Field(default=None, foreign_key="subsidyentry.id")
    reversed_by_id: int | None = Field(default=None, foreign_key="subsidyentry.id")
    reason: str = ""  # why a reversal was made
    entered_by: int = Field(foreign_key="staffaccount.id")
    entered_at: datetime
    decided_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    decided_at: datetime | None = None
    decision_note: str = ""  # the reason of a rejection
    version: int = 1


class Award(SQLModel, table=True):
    """A little-giant award (amount by level) or a loan guarantee (bank, loan, guaranteed part)."""

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprise.id")
    zone_id: int = Field(foreign_key="zone.id")
    kind: str  # little_giant | loan_guarantee
    level: str = ""  # little_giant: municipal | national
    recognised_on: date | None = None
    document_no: str = ""
    bank: str = ""
    loan_fen: int = 0
    term_months: int = 0
    amount_fen: int  # the award paid, or the amount guaranteed
    status: str = "draft"
    reverses_id: int | None = Field(default=None, foreign_key="award.id")
    reversed_by_id: int | None = Field(default=None, foreign_key="award.id")
    reason: str = ""
    entered_by: int = Field(foreign_key="staffaccount.id")
    entered_at: datetime
    decided_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    decided_at: datetime | None = None
    decision_note: str = ""
    version: int = 1
