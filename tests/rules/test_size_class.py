"""SME size classes (工信部联企业〔2011〕300号): every bound, exactly at it and one below.

The regulation's numbers are typed out here again, independently of db.size_class, so a wrong
number in db/ fails: a class needs every lower bound (employees persons, revenue and assets in
万元), tried from large down; a firm meeting none is micro.
"""

from datetime import date

import pytest

from db import size_class
from db.errors import ValidationError
from db.models import Enterprise
from db.services import enterprises
from tests.conftest import firm_fields

E, R, A = "employees", "revenue", "assets"
WAN = 1_000_000  # fen in 1 万元

# industry: (large, medium, small) lower bounds, as the regulation words them
REGULATION = {
    "agriculture": ({R: 20000}, {R: 500}, {R: 50}),
    "industry": ({E: 1000, R: 40000}, {E: 300, R: 2000}, {E: 20, R: 300}),
    "construction": ({R: 80000, A: 80000}, {R: 6000, A: 5000}, {R: 300, A: 300}),
    "wholesale": ({E: 200, R: 40000}, {E: 20, R: 5000}, {E: 5, R: 1000}),
    "retail": ({E: 300, R: 20000}, {E: 50, R: 500}, {E: 10, R: 100}),
    "transport": ({E: 1000, R: 30000}, {E: 300, R: 3000}, {E: 20, R: 200}),
    "warehousing": ({E: 200, R: 30000}, {E: 100, R: 1000}, {E: 20, R: 100}),
    "postal": ({E: 1000, R: 30000}, {E: 300, R: 2000}, {E: 20, R: 100}),
    "accommodation": ({E: 300, R: 10000}, {E: 100, R: 2000}, {E: 10, R: 100}),
    "catering": ({E: 300, R: 10000}, {E: 100, R: 2000}, {E: 10, R: 100}),
    "telecom": ({E: 2000, R: 100000}, {E: 100, R: 1000}, {E: 10, R: 100}),
    "software": ({E: 300, R: 10000}, {E: 100, R: 1000}, {E: 10, R: 50}),
    "real_estate": ({R: 200000, A: 10000}, {R: 1000, A: 5000}, {R: 100, A: 2000}),
    "property_management": ({E: 1000, R: 5000}, {E: 300, R: 1000}, {E: 100, R: 500}),
    "leasing_business": ({E: 300, A: 120000}, {E: 100, A: 8000}, {E: 10, A: 100}),
    "other": ({E: 300}, {E: 100}, {E: 10}),
}
CLASSES = ("large", "medium", "small", "micro")


def classify(industry: str, **measures: int | None) -> str:
    return size_class.classify(industry, employees=measures.get(E), revenue_fen=measures.get(R),
                               assets_fen=measures.get(A))


def at(bounds: dict[str, int]) -> dict[str, int]:
    """The measures exactly at the bounds (money in fen)."""
    return {m: v if m == E else v * WAN for m, v in bounds.items()}


def test_the_table_is_the_regulations():
    table = {i.code: (i.large, i.medium, i.small) for i in size_class.THRESHOLDS}
    assert table == REGULATION
    assert len(size_class.THRESHOLDS) == len(size_class.INDUSTRIES) == 16


CASES = [(industry, rank) for industry in REGULATION for rank in range(3)]


@pytest.mark.parametrize(("industry", "rank"), CASES,
                         ids=[f"{i}-{CLASSES[r]}" for i, r in CASES])
def test_exactly_at_every_bound_and_one_below(industry, rank):
    bounds = REGULATION[industry][rank]
    measures = at(bounds)
    assert classify(industry, **measures) == CLASSES[rank]
    for measure in bounds:
        below = dict(measures, **{measure: measures[measure] - 1})  # one person / one fen less
        assert classify(industry, **below) == CLASSES[rank + 1], (measure, below)


@pytest.mark.parametrize("industry", list(REGULATION))
def test_each_class_needs_both_lower_bounds(industry):
    """Far above one bound but just under the other still drops a class."""
    for rank in range(3):
        bounds = REGULATION[industry][rank]
        if len(bounds) < 2:
            continue
        for short in bounds:
            measures = {m: (v * 100 if m == E else v * WAN * 100) for m, v in bounds.items()}
            measures[short] = at(bounds)[short] - 1
            assert classify(industry, **measures) == CLASSES[rank + 1], (rank, short, measures)


@pytest.mark.parametrize(("employees", "revenue_wan_fen", "expected"), [
    (1000, 40000 * WAN, "large"),
    (999, 40000 * WAN, "medium"),
    (1000, 40000 * WAN - 1, "medium"),
    (300, 2000 * WAN, "medium"),
    (299, 2000 * WAN, "small"),
    (5000, 2000 * WAN - 1, "small"),  # 5,000 people, revenue just under 2,000万: small
    (20, 300 * WAN, "small"),
    (19, 300 * WAN, "micro"),
    (20, 300 * WAN - 1, "micro"),
    (100_000, 0, "micro"),
    (0, 10**15, "micro"),
])
def test_industry_facts(employees, revenue_wan_fen, expected):
    assert classify("industry", employees=employees, revenue=revenue_wan_fen) == expected


@pytest.mark.parametrize(("employees", "revenue_fen", "expected"), [
    (300, 10000 * WAN, "large"),
    (299, 10000 * WAN, "medium"),
    (100, 1000 * WAN, "medium"),
    (99, 1000 * WAN, "small"),
    (100, 1000 * WAN - 1, "small"),
    (10, 50 * WAN, "small"),
    (9, 50 * WAN, "micro"),
    (10, 50 * WAN - 1, "micro"),
    (2000, 50 * WAN - 1, "micro"),
])
def test_software_facts(employees, revenue_fen, expected):
    assert classify("software", employees=employees, revenue=revenue_fen) == expected


def test_unknown_when_a_needed_measure_is_missing():
    assert classify("construction", revenue=10**12, assets=None) == "unknown"
    assert classify("real_estate", revenue=10**12) == "unknown"
    assert classify("leasing_business", employees=500) == "unknown"
    assert classify("industry", employees=None, revenue=10**12) == "unknown"
    assert classify("no_such_industry", employees=10, revenue=10, assets=10) == "unknown"
    # a measure the industry does not use may be missing
    assert classify("leasing_business", employees=100, assets=8000 * WAN) == "medium"
    assert classify("other", employees=10) == "small"
    assert classify("agriculture", revenue=500 * WAN) == "medium"


def test_needs_assets_only_where_the_regulation_uses_assets():
    needing = {i for i, classes in REGULATION.items() if any(A in b for b in classes)}
    assert needing == {"construction", "real_estate", "leasing_business"}
    for industry in REGULATION:
        assert size_class.needs_assets(industry) == (industry in needing)


def register(db, people, **changes):
    return enterprises.register_enterprise(
        db, actor=people.clerk, fields=firm_fields(**changes), zone_id=1,
        tenancy=enterprises.FirstTenancy("A栋101", 10000, date(2025, 1, 1)))


def stored_size(db, firm_id):
    with db.reading() as uow:
        return uow.session.get(Enterprise, firm_id).size_class


def test_the_service_stores_the_size_class(db, people):
    small = register(db, people, industry_code="industry", employees=5000,
                     annual_revenue_fen=2000 * WAN - 1)
    medium = register(db, people, industry_code="industry", employees=300,
                      annual_revenue_fen=2000 * WAN)
    software = register(db, people, industry_code="software", employees=100,
                        annual_revenue_fen=1000 * WAN)
    builder = register(db, people, industry_code="construction", employees=10,
                       annual_revenue_fen=6000 * WAN, total_assets_fen=5000 * WAN - 1)
    assert stored_size(db, small) == "small"
    assert stored_size(db, medium) == "medium"
    assert stored_size(db, software) == "medium"
    assert stored_size(db, builder) == "small"


def test_an_edit_recomputes_the_size_class(db, people):
    firm = register(db, people, uscc=(code := firm_fields().uscc), industry_code="software",
                    employees=9, annual_revenue_fen=50 * WAN)
    assert stored_size(db, firm) == "micro"
    enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm, expected_version=1,
                                  fields=firm_fields(uscc=code, industry_code="software",
                                                     employees=10, annual_revenue_fen=50 * WAN))
    assert stored_size(db, firm) == "small"


def test_the_service_wants_assets_where_the_industry_needs_them(db, people):
    with pytest.raises(ValidationError) as refused:
        register(db, people, industry_code="construction", total_assets_fen=None)
    assert refused.value.field == "total_assets_fen"
