"""The columns an import reads: the field each one fills, the header texts it is found by
(Chinese and English, with the variants offices use), whether it is required, and what the
template's notes sheet says of it.

The first Chinese header is the one the template writes; the export of the firms list
(db/export/firms.py, in Chinese or English) writes headers that are all among the variants,
so that an exported list imports back.
"""

from dataclasses import dataclass
from enum import StrEnum

from db.translatable import QT_TRANSLATE_NOOP


class Kind(StrEnum):
    TEXT = "text"
    USCC = "uscc"
    MONEY = "money"  # yuan, to fen
    INTEGER = "integer"
    DATE = "date"
    AREA = "area"  # m², to dm²
    QUANTITY = "quantity"  # to hundredths
    FLAG = "flag"  # 是/否, yes/no
    CHOICE = "choice"  # a word from a list (sector, industry, level, zone, category)


@dataclass(frozen=True)
class ImportField:
    key: str
    kind: Kind
    headers: tuple[str, ...]  # the first is the template's (Chinese); then English; variants
    required: bool = False
    example: str = ""
    note: str = ""  # for the template's notes sheet (translatable, context "db")
    ignored: bool = False  # written by the export, derived by the program: read past

    @property
    def title(self) -> str:
        return self.headers[0]


def _f(key: str, kind: Kind, headers: tuple[str, ...], *, required: bool = False,
       example: str = "", note: str = "", ignored: bool = False) -> ImportField:
    return ImportField(key, kind, headers, required, example, note, ignored)


FIRM_FIELDS: tuple[ImportField, ...] = (
    _f("uscc", Kind.USCC, ("统一社会信用代码", "Credit code", "信用代码", "社会信用代码",
                           "统一信用代码", "USCC", "Unified social credit code"), required=True,
       example="91310115MA1H7XXX0Q",
       note=QT_TRANSLATE_NOOP("db", "18 characters. Format the column as text, or Excel turns "
                              "the code into a number and loses its last digits.")),
    _f("name", Kind.TEXT, ("企业名称", "Name", "名称", "公司名称", "企业", "Firm name",
                           "Company name", "Firm"), required=True, example="上海示例科技有限公司",
       note=QT_TRANSLATE_NOOP("db", "As on the business licence; at most 100 characters.")),
    _f("name_en", Kind.TEXT, ("英文名称", "English name", "英文名"), example="Shanghai Example Technology Co., Ltd."),
    _f("legal_representative", Kind.TEXT, ("法定代表人", "Legal representative", "法人代表", "法人"),
       example="张三"),
    _f("registered_capital_fen", Kind.MONEY, ("注册资本（元）", "Registered capital (yuan)", "注册资本",
                                              "注册资金", "Registered capital"), example="5000000",
       note=QT_TRANSLATE_NOOP("db", "In yuan; 500万元 and ¥5,000,000.00 are read too.")),
    _f("founded_on", Kind.DATE, ("成立日期", "Founded on", "成立时间", "注册日期", "Founded"),
       example="2019-03-05",
       note=QT_TRANSLATE_NOOP("db", "A date: 2019-03-05, 2019/3/5 or 2019年3月5日.")),
    _f("sector_code", Kind.CHOICE, ("行业领域", "Sector", "重点领域", "领域"), required=True,
       example="人工智能", note=QT_TRANSLATE_NOOP("db", "One of the sectors in the program's list.")),
    _f("industry_code", Kind.CHOICE, ("所属行业", "Industry", "国民经济行业", "行业"), required=True,
       example="工业", note=QT_TRANSLATE_NOOP(
           "db", "One of the industries of the size-class rules (工业, 软件和信息技术服务业 …).")),
    _f("employees", Kind.INTEGER, ("从业人员（人）", "Employees", "从业人员", "从业人数", "员工人数",
                                   "职工人数", "人数"), example="35"),
    _f("annual_revenue_fen", Kind.MONEY, ("年营业收入（元）", "Annual revenue (yuan)", "营业收入",
                                          "年营业收入", "营收", "Annual revenue", "Revenue"),
       example="12000000"),
    _f("total_assets_fen", Kind.MONEY, ("资产总额（元）", "Total assets (yuan)", "资产总额", "总资产",
                                        "Total assets"), example="8000000",
       note=QT_TRANSLATE_NOOP("db", "Needed for the industries whose size class counts assets.")),
    _f("core_tech", Kind.FLAG, ("核心技术", "Core technology", "拥有核心技术"), example="是",
       note=QT_TRANSLATE_NOOP("db", "是 or empty.")),
    _f("core_tech_note", Kind.TEXT, ("核心技术说明", "Core technology note"), example=""),
    _f("contact_name", Kind.TEXT, ("联系人", "Contact", "联系人姓名"), example="李四"),
    _f("contact_phone", Kind.TEXT, ("电话", "Phone", "联系电话", "联系方式", "手机", "手机号"),
       example="021-12345678"),
    _f("contact_email", Kind.TEXT, ("电子邮箱", "Email", "邮箱", "E-mail", "电子邮件"), example=""),
    _f("giant_level", Kind.CHOICE, ("专精特新", "Little giant", "专精特新等级", "认定等级",
                                    "Little-giant level"), example="",
       note=QT_TRANSLATE_NOOP("db", "Empty, 市级专精特新 or 国家级小巨人.")),
    _f("giant_recognised_on", Kind.DATE, ("认定日期", "Recognised on", "认定时间"), example="",
       note=QT_TRANSLATE_NOOP("db", "Needed when the firm has a little-giant level.")),
    _f("zone_code", Kind.CHOICE, ("园区代码", "Zone code"), example="Z01",
       note=QT_TRANSLATE_NOOP("db", "The zone's code, or its name in the next column; when both "
                              "are empty the zone chosen for the import is taken.")),
    _f("zone", Kind.CHOICE, ("园区", "Zone", "园区名称", "所在园区"), example=""),
    _f("unit", Kind.TEXT, ("房号", "Unit", "单元", "房间号", "租赁房号"), example="A栋101室",
       note=QT_TRANSLATE_NOOP("db", "Unit, floor area and tenancy start: all three, or none.")),
    _f("floor_area_dm2", Kind.AREA, ("面积（平方米）", "Floor area (m²)", "面积", "租赁面积",
                                     "建筑面积", "Floor area"), example="120.5"),
    _f("tenancy_start", Kind.DATE, ("入驻日期", "Tenancy from", "入园日期", "入驻时间", "租赁起始日"),
       example="2024-01-01"),
    _f("size_class", Kind.TEXT, ("规模", "Size", "企业规模"), ignored=True),
    _f("firm_status", Kind.TEXT, ("状态", "Status"), ignored=True),
)

BILL_FIELDS: tuple[ImportField, ...] = (
    _f("uscc", Kind.USCC, FIRM_FIELDS[0].headers, example="91310115MA1H7XXX0Q",
       note=QT_TRANSLATE_NOOP("db", "The firm's credit code, or its name in the next column.")),
    _f("name", Kind.TEXT, ("企业名称", "Firm", "名称", "公司名称", "企业", "户名", "用户名称",
                           "Name", "Firm name"), example="上海示例科技有限公司"),
    _f("category", Kind.CHOICE, ("类别", "Category", "费用类别", "费用类型", "项目"), example="电",
       note=QT_TRANSLATE_NOOP("db", "土地, 电, 水 or 网络. Without this column each sheet is named "
                              "after its category.")),
    _f("billed_fen", Kind.MONEY, ("账单金额（元）", "Billed (yuan)", "账单金额", "金额", "应缴金额",
                                  "费用", "本期金额", "Amount", "Billed"), required=True,
       example="12345.67"),
    _f("quantity_x100", Kind.QUANTITY, ("数量", "Quantity", "用量", "用电量", "用水量", "面积"),
       example="5230"),
    _f("bill_reference", Kind.TEXT, ("账单号", "Bill no.", "账单编号", "票据号", "Bill or document no.",
                                     "账单号或文号", "Bill number"), example="DF202403-0001"),
)

# the words each category is known by: on a sheet's name or in the category column
CATEGORY_WORDS = {
    "land": ("land", "土地", "土地费", "房租", "租金", "土地租金"),
    "electricity": ("electricity", "电", "电费", "用电", "电力"),
    "water": ("water", "水", "水费", "用水"),
    "internet": ("internet", "网络", "网费", "宽带", "互联网", "网络费"),
}
