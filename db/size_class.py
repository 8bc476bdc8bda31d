"""SME size classes under 工信部联企业〔2011〕300号, all industries in one table.

A class applies when the firm meets every lower bound of that class (both bounds, where there
are two); the classes are tried from large down, and a firm meeting none is micro. Revenue and
assets are in fen; the table states them in 万元 as the regulation does.
"""

from dataclasses import dataclass

WAN_YUAN_FEN = 1_000_000  # 1 万元 = 10,000 元 = 1,000,000 fen

LARGE, MEDIUM, SMALL, MICRO, UNKNOWN = "large", "medium", "small", "micro", "unknown"
CLASSES = (LARGE, MEDIUM, SMALL, MICRO)

# measure names: "employees" (persons), "revenue" and "assets" (万元 in this table)
Bounds = dict[str, int]


@dataclass(frozen=True)
class Industry:
    code: str
    name: str
    name_en: str
    large: Bounds
    medium: Bounds
    small: Bounds


def _i(code: str, name: str, name_en: str, large: Bounds, medium: Bounds, small: Bounds) -> Industry:
    return Industry(code, name, name_en, large, medium, small)


E, R, A = "employees", "revenue", "assets"

THRESHOLDS: tuple[Industry, ...] = (
    _i("agriculture", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry, fishery",
       {R: 20000}, {R: 500}, {R: 50}),
    _i("industry", "工业", "Industry (mining, manufacturing, utilities)",
       {E: 1000, R: 40000}, {E: 300, R: 2000}, {E: 20, R: 300}),
    _i("construction", "建筑业", "Construction",
       {R: 80000, A: 80000}, {R: 6000, A: 5000}, {R: 300, A: 300}),
    _i("wholesale", "批发业", "Wholesale",
       {E: 200, R: 40000}, {E: 20, R: 5000}, {E: 5, R: 1000}),
    _i("retail", "零售业", "Retail",
       {E: 300, R: 20000}, {E: 50, R: 500}, {E: 10, R: 100}),
    _i("transport", "交通运输业", "Transport",
       {E: 1000, R: 30000}, {E: 300, R: 3000}, {E: 20, R: 200}),
    _i("warehousing", "仓储业", "Warehousing",
       {E: 200, R: 30000}, {E: 100, R: 1000}, {E: 20, R: 100}),
    _i("postal", "邮政业", "Postal services",
       {E: 1000, R: 30000}, {E: 300, R: 2000}, {E: 20, R: 100}),
    _i("accommodation", "住宿业", "Accommodation",
       {E: 300, R: 10000}, {E: 100, R: 2000}, {E: 10, R: 100}),
    _i("catering", "餐饮业", "Catering",
       {E: 300, R: 10000}, {E: 100, R: 2000}, {E: 10, R: 100}),
    _i("telecom", "信息传输业", "Information transmission",
       {E: 2000, R: 100000}, {E: 100, R: 1000}, {E: 10, R: 100}),
    _i("software", "软件和信息技术服务业", "Software and IT services",
       {E: 300, R: 10000}, {E: 100, R: 1000}, {E: 10, R: 50}),
    _i("real_estate", "房地产开发经营", "Real-estate development",
       {R: 200000, A: 10000}, {R: 1000, A: 5000}, {R: 100, A: 2000}),
    _i("property_management", "物业管理", "Property management",
       {E: 1000, R: 5000}, {E: 300, R: 1000}, {E: 100, R: 500}),
    _i("leasing_business", "租赁和商务服务业", "Leasing and business services",
       {E: 300, A: 120000}, {E: 100, A: 8000}, {E: 10, A: 100}),
    _i("other", "其他未列明行业", "Other industries",
       {E: 300}, {E: 100}, {E: 10}),
)

INDUSTRIES = {industry.code: industry for industry in THRESHOLDS}


def _meets(bounds: Bounds, measures: dict[str, int | None]) -> bool | None:
    """True/False, or None when a measure the bounds need is not known."""
    for measure, minimum in bounds.items():
        value = measures[measure]
        if value is None:
            return None
        floor = minimum if measure == E else minimum * WAN_YUAN_FEN
        if value < floor:
            return False
    return True


def classify(
    industry_code: str, *, employees: int | None, revenue_fen: int | None, assets_fen: int | None
) -> str:
    """large, medium, small, micro; unknown when a measure the industry needs is missing."""
    industry = INDUSTRIES.get(industry_code)
    if industry is None:
        return UNKNOWN
    measures = {E: employees, R: revenue_fen, A: assets_fen}
    for name, bounds in ((LARGE, industry.large), (MEDIUM, industry.medium), (SMALL, industry.small)):
        met = _meets(bounds, measures)
        if met is None:
            return UNKNOWN
        if met:
            return name
    return MICRO


def needs_assets(industry_code: str) -> bool:
    industry = INDUSTRIES.get(industry_code)
    return industry is not None and any(A in b for b in (industry.large, industry.medium, industry.small))
