"""A small book of money for the ledger, overview and policy tests, made through the services
(rates, budgets, bills, submissions, approvals, a reversal, a little-giant award).

All in 2026, every figure chosen so that the expected sums are exact to the fen:

zone 1  2026-03  firm A land         bill 10,000.00  subsidy 1,500.00  approved
        2026-03  firm A electricity  bill  2,345.67  subsidy   351.85  approved, then reversed
        2026-03  reversal of it      bill -2,345.67  subsidy  -351.85  approved (posted in 2026-03)
        2026-03  firm B water        bill  1,000.01  subsidy   150.00  approved
        2026-04  firm A land         bill 10,000.00  subsidy 1,500.00  submitted
        2026-05  firm C internet     bill    800.00  subsidy   120.00  draft
        award    firm B little giant (municipal)            100,000.00  approved
zone 2  2026-03  firm D land         bill 20,000.00  subsidy 3,000.00  approved
"""

from dataclasses import dataclass
from datetime import date

from db.engine import Database
from db.queries.enterprises import enterprise_detail
from db.services import approvals, awards, policy, subsidies
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.subsidies import Bill
from tests.conftest import Staff, firm_fields, valid_uscc

YEAR = 2026
RATE_BP = 1500
CAP_FEN = 5_000_000  # 50,000 yuan a firm and year
BUDGET_FEN = 100_000_000  # 1,000,000 yuan a zone and category
GIANT_BUDGET_FEN = 50_000_000  # 500,000 yuan


@dataclass(frozen=True)
class Book:
    firm_a: int
    firm_b: int
    firm_c: int
    firm_d: int
    land_march: int
    electricity_march: int
    reversal: int
    water_march: int
    land_april: int
    internet_may: int
    giant_award: int
    zone2_land_march: int


def register_firms(db: Database, people: Staff) -> tuple[int, int, int, int]:
    """Firms A, B, C in zone 1 and D in zone 2, each a tenant since 2024-01-01."""
    ids = []
    for n, (name, zone) in enumerate((("上海星河智能科技有限公司", 1), ("上海蓝芯集成电路有限公司", 1),
                                      ("上海云翼低空飞行器有限公司", 1), ("上海海蓝生物医药有限公司", 2))):
        ids.append(register_enterprise(
            db, actor=people.admin, fields=firm_fields(uscc=valid_uscc(200_000_000 + 7919 * n), name=name),
            zone_id=zone, tenancy=FirstTenancy(f"B栋{201 + n}", 10_000, date(2024, 1, 1))))
    return ids[0], ids[1], ids[2], ids[3]


def set_policy(db: Database, people: Staff) -> None:
    for category in ("land", "electricity", "water", "internet"):
        policy.set_policy_rate(db, actor=people.admin, category=category, valid_from=date(YEAR, 1, 1),
                               rate_bp=RATE_BP, yearly_cap_fen=CAP_FEN)
        for zone in (1, 2):
            policy.set_budget(db, actor=people.admin, zone_id=zone, year=YEAR, category=category,
                              amount_fen=BUDGET_FEN)
    policy.set_budget(db, actor=people.admin, zone_id=1, year=YEAR, category="little_giant",
                      amount_fen=GIANT_BUDGET_FEN)


def make_book(db: Database, people: Staff, firms: tuple[int, int, int, int] | None = None, *,
              with_policy: bool = True) -> Book:
    a, b, c, d = firms or register_firms(db, people)
    if with_policy:
        set_policy(db, people)
    clerk, reviewer = people.clerk, people.reviewer
    land, electricity, water = subsidies.save_bills(db, actor=clerk, zone_id=1, period=f"{YEAR}-03", bills=[
        Bill(a, "land", 1_000_000, 50_000, "L-0301"), Bill(a, "electricity", 234_567, 120_000, "E-0301"),
        Bill(b, "water", 100_001, 3_000, "W-0301")])
    subsidies.submit_entries(db, actor=clerk, entry_ids=[land, electricity, water])
    approvals.approve(db, actor=reviewer, entry_ids=[land, electricity, water])
    reversal = subsidies.reverse_entry(db, actor=clerk, entry_id=electricity, reason="电表读数有误")
    approvals.approve(db, actor=reviewer, entry_ids=[reversal])
    (april,) = subsidies.save_bills(db, actor=clerk, zone_id=1, period=f"{YEAR}-04",
                                    bills=[Bill(a, "land", 1_000_000, 50_000, "L-0401")])
    subsidies.submit_entries(db, actor=clerk, entry_ids=[april])
    (may,) = subsidies.save_bills(db, actor=clerk, zone_id=1, period=f"{YEAR}-05",
                                  bills=[Bill(c, "internet", 80_000, 10_000, "N-0501")])
    version = enterprise_detail(db, actor=people.admin, enterprise_id=b).version
    giant = awards.record_little_giant(db, actor=clerk, enterprise_id=b, expected_version=version,
                                       level="municipal", recognised_on=date(YEAR, 2, 1),
                                       document_no="沪经信〔2026〕12号")
    approvals.approve(db, actor=reviewer, award_ids=[giant])
    (zone2,) = subsidies.save_bills(db, actor=people.clerk2, zone_id=2, period=f"{YEAR}-03",
                                    bills=[Bill(d, "land", 2_000_000, 80_000, "L2-0301")])
    subsidies.submit_entries(db, actor=people.clerk2, entry_ids=[zone2])
    approvals.approve(db, actor=people.admin, entry_ids=[zone2])
    return Book(a, b, c, d, land, electricity, reversal, water, april, may, giant, zone2)


def add_last_year(db: Database, people: Staff, firm_a: int) -> int:
    """An approved land subsidy of firm A in 2025-12: bill 3,333.35 at 10 % = 333.34 (half up)."""
    policy.set_policy_rate(db, actor=people.admin, category="land", valid_from=date(YEAR - 1, 1, 1),
                           rate_bp=1000, yearly_cap_fen=CAP_FEN)
    policy.set_budget(db, actor=people.admin, zone_id=1, year=YEAR - 1, category="land",
                      amount_fen=BUDGET_FEN)
    (entry,) = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period=f"{YEAR - 1}-12",
                                    bills=[Bill(firm_a, "land", 333_335)])
    subsidies.submit_entries(db, actor=people.clerk, entry_ids=[entry])
    approvals.approve(db, actor=people.reviewer, entry_ids=[entry])
    return entry
