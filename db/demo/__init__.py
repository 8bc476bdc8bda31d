"""A demo database: reference data, staff of every role, fictional firms with valid USCCs, and
their money over the twelve months before the day it is made (db/demo/money.py, around
db/demo/calendar.py): policy rates, zone budgets, monthly subsidy entries, little-giant awards
and loan guarantees. A newcomer sees a full year on any date, January included.

Deterministic for a given seed and date. Bulk rows go in through executemany on one connection, in one
transaction, with their audit events and search rows, so 11,000 firms take well under a minute.
The file is marked as a demo for good (db/queries/demo_data.py): its windows and printouts say so.
"""

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from db import audit, passwords, search, size_class, uscc
from db.audit import Change
from db.clock import today_shanghai
from db.demo.accounts import ACCOUNTS, DEMO_PASSWORD, DemoAccount  # noqa: F401 (their home)
from db.demo.calendar import DemoCalendar
from db.demo.money import _money, default_entry_months
from db.queries.demo_data import mark_as_demo
from db.startup import open_database

_BRAND = ("星河 启明 华信 锐思 远航 天擎 弘毅 博源 恒通 鼎新 宏图 致远 卓越 瑞丰 凯盛 晶芯 睿智 智联 云图"
          " 蓝海 汇通 东方 申江 浦江 明珠 长风 金桥 紫竹 张江 临港 新纪元 同创 众合 盛世 嘉禾 安泰 德润"
          " 麒麟 凌云 翔宇 微光 光启 量子 磐石 昊天 璟瑞 澜起 芯源 禾丰 沐阳 谦益 朗润 曜石 骏驰 鸿鹄").split()
_SECTOR_WORDS = {
    "ai": ("智能科技", "人工智能", "数据科技", "机器人"),
    "low_altitude": ("航空科技", "无人机", "低空科技", "飞行器"),
    "biomedicine": ("生物医药", "生物科技", "医疗器械", "制药"),
    "ic": ("微电子", "半导体", "集成电路", "芯片科技"),
    "new_materials": ("新材料", "超导科技", "复合材料", "纳米科技"),
    "icv": ("汽车电子", "激光雷达", "智能网联", "车联科技"),
    "high_end_equipment": ("精密机械", "智能装备", "自动化设备", "机电"),
    "software": ("信息技术", "软件", "网络科技", "云计算"),
    "new_energy": ("新能源", "储能科技", "光伏科技", "氢能"),
    "green_low_carbon": ("环保科技", "节能科技", "低碳科技", "水处理"),
    "advanced_manufacturing": ("制造", "精工", "模具", "工业科技"),
    "consumer_goods": ("服饰", "日用品", "食品", "家居"),
    "other": ("实业", "商务服务", "贸易", "咨询"),
}
_SECTOR_WEIGHTS = {"ai": 12, "low_altitude": 4, "biomedicine": 10, "ic": 9, "new_materials": 8,
                   "icv": 6, "high_end_equipment": 12, "software": 12, "new_energy": 6,
                   "green_low_carbon": 5, "advanced_manufacturing": 10, "consumer_goods": 3, "other": 3}
_INDUSTRY_OF = {"software": "software", "ai": "software", "other": "leasing_business",
                "consumer_goods": "wholesale"}
_SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹".split()
_GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 建国 志强 晓东 海燕 雪 婷 宇".split()
_BUILDINGS = "A B C D E F G H".split()
# characters 9–17 of a USCC (the organisation code part), from the USCC alphabet
_ORG = uscc.ALPHABET


@dataclass(frozen=True)
class DemoReport:
    firms: int
    tenancies: int
    staff: int
    audit_events: int
    entries: int = 0  # subsidy entries (reversals included)
    awards: int = 0  # little-giant awards and loan guarantees


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"021-{rng.randint(5000_0000, 6999_9999)}"
    return f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"


def generate(path: str | Path, *, firms: int = 11_000, seed: int = 2026,
             progress: Callable[[int, int], None] | None = None,
             entry_months: int | None = None) -> DemoReport:
    """Writes a new demo database at `path` (which must not exist yet), around today.

    `entry_months`: how many of the twelve months before this one carry decided subsidy
    entries, the latest ones (12: all; 0: none, this month's only). By default 12 up to about
    16,000 firms, fewer above (see `default_entry_months`), so that the stress database builds
    in minutes."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists already; the demo writes a new file only")
    database = open_database(path)
    database.dispose()
    rng = random.Random(seed)
    connection = sqlite3.connect(path)
    connection.isolation_level = None
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA cache_size = -262144")  # 256 MiB for the bulk load's indexes
    connection.execute("PRAGMA temp_store = MEMORY")
    try:
        connection.execute("BEGIN IMMEDIATE")
        calendar = DemoCalendar(today_shanghai())
        report = _fill(connection, rng, firms, progress, calendar)
        months = default_entry_months(firms) if entry_months is None else entry_months
        entries, awards, events = _money(connection, seed, calendar, months)
        # windows and printouts say 演示数据 (db/queries/demo_data.py); the trail's last event
        mark_as_demo(connection)
        report = DemoReport(report.firms, report.tenancies, report.staff,
                            report.audit_events + events + 1, entries, awards)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    return report


BIG_ZONE_SHARE = 6  # Z01 takes 6 of every len(zones) + 5 firms: ~10 %, the rest share alike


def _zone_slot(n: int, zones: int) -> int:
    """Zones differ in size, as they do in the city: Z01 (the demo clerk's zone) is a large one
    (~1,100 firms of 11,000, so a batch of 1,000 certificates can be printed for it)."""
    slot = n % (zones + BIG_ZONE_SHARE - 1)
    return 0 if slot < BIG_ZONE_SHARE else slot - BIG_ZONE_SHARE + 1


def _fill(connection: sqlite3.Connection, rng: random.Random, firms: int,
          progress: Callable[[int, int], None] | None, calendar: DemoCalendar) -> DemoReport:
    # accounts and firms were registered a month before the demo's first decided month
    stamp = (calendar.start - timedelta(days=30)).strftime("%Y-%m-%d %H:%M:%S.%f")
    latest_start = calendar.today - timedelta(days=183)  # the newest tenants moved in half a year ago
    zones = connection.execute("SELECT id, code, district_code FROM zone ORDER BY id").fetchall()
    zone_id_of = {code: zid for zid, code, _ in zones}
    changes: list[Change] = []

    for account in ACCOUNTS:
        cursor = connection.execute(
            "INSERT INTO staffaccount (username, display_name, role, password_hash, failed_attempts,"
            " active, version, created_at) VALUES (?, ?, ?, ?, 0, 1, 1, ?)",
            (account.username, account.display_name, account.role,
             passwords.hash_password(DEMO_PASSWORD), stamp))
        staff_id = cursor.lastrowid
        zone_ids = [zone_id_of[c] for c in account.zone_codes]
        connection.executemany("INSERT INTO staffzone (staff_id, zone_id) VALUES (?, ?)",
                               [(staff_id, z) for z in zone_ids])
        changes.append(Change("staff.create", "staff", staff_id, None,
                              {"username": account.username, "display_name": account.display_name,
                               "role": account.role, "zone_ids": zone_ids, "active": True}))

    sectors = list(_SECTOR_WEIGHTS)
    weights = list(_SECTOR_WEIGHTS.values())
    used_codes: set[str] = set()
    used_names: set[str] = set()
    enterprise_rows, tenancy_rows, search_rows = [], [], []
    start_id = (connection.execute("SELECT coalesce(max(id), 0) FROM enterprise").fetchone()[0]) + 1
    tenancy_id = connection.execute("SELECT coalesce(max(id), 0) FROM tenancy").fetchone()[0]
    for n in range(firms):
        firm_id = start_id + n
        zone_id, _zone_code, district = zones[_zone_slot(n, len(zones))]
        sector = rng.choices(sectors, weights)[0]
        industry = _INDUSTRY_OF.get(sector, "industry")
        while True:
            code = uscc.make("91" + district + "".join(rng.choice(_ORG) for _ in range(9)))
            if code not in used_codes:
                break
        check = "ok"
        if n % 1_000 == 7:  # an early pilot code whose check character fails, confirmed
            code = code[:17] + next(c for c in _ORG if c != code[17])
            check = "confirmed" if n % 2_000 == 7 else "unconfirmed"
        used_codes.add(code)
        name = ""
        for _ in range(50):
            name = (("上海" if rng.random() < 0.8 else "") + rng.choice(_BRAND)
                    + rng.choice(_SECTOR_WORDS[sector])
                    + ("股份有限公司" if rng.random() < 0.1 else "有限公司"))
            if name not in used_names:
                break
            name = name.replace("有限公司", f"（{rng.choice(_BRAND)}）有限公司")
            if name not in used_names:
                break
        used_names.add(name)
        employees = int(rng.lognormvariate(3.4, 1.0)) + 3
        revenue_fen = int(rng.lognormvariate(7.0, 1.3) * 10) * 100_000  # whole 千元, ~1,100万 median
        assets_fen = revenue_fen * rng.randint(5, 20) // 10
        level_roll = rng.random()
        level = "national" if level_roll < 0.015 else "municipal" if level_roll < 0.09 else "none"
        founded = date(2000, 1, 1) + timedelta(days=rng.randint(0, 9_000))
        # recognised in the last six and a half years (awards are paid for those since 2024-12)
        recognised = (max(founded, calendar.today - timedelta(days=rng.randint(30, 2_430)))
                      if level != "none" else None)
        contact, phone = _person(rng), _phone(rng)
        size = size_class.classify(industry, employees=employees, revenue_fen=revenue_fen,
                                   assets_fen=assets_fen)
        core_tech = rng.random() < 0.25
        enterprise_rows.append((
            firm_id, code, name, "", _person(rng), rng.randint(10, 5_000) * 1_000_000, founded.isoformat(),
            sector, industry, employees, revenue_fen, assets_fen, core_tech,
            "拥有核心技术专利" if core_tech else "", level,
            recognised.isoformat() if recognised else None, contact, phone, "",
            zone_id, size, "active", check, 1, stamp, stamp))
        search_rows.append((firm_id, name, "", code, contact, phone))
        start = max(founded, date(2012, 1, 1)) + timedelta(days=rng.randint(0, 3_000))
        start = min(start, latest_start)
        tenancy_id += 1
        area = rng.randint(50, 5_000) * 100 + rng.choice((0, 50))
        tenancy_rows.append((tenancy_id, firm_id, zone_id, f"{rng.choice(_BUILDINGS)}栋{rng.randint(1, 12)}"
                             f"{rng.randint(1, 30):02d}室", area, start.isoformat(), None, 1))
        if progress and n % 1_000 == 0:
            progress(n, firms)

    connection.executemany(
        "INSERT INTO enterprise (id, uscc, name, name_en, legal_representative, registered_capital_fen,"
        " founded_on, sector_code, industry_code, employees, annual_revenue_fen, total_assets_fen,"
        " core_tech, core_tech_note, giant_level, giant_recognised_on, contact_name, contact_phone,"
        " contact_email, zone_id, size_class, status, uscc_check, version, created_at, updated_at)"
        " VALUES (" + ", ".join("?" * 26) + ")", enterprise_rows)
    connection.executemany(
        "INSERT INTO tenancy (id, enterprise_id, zone_id, unit, floor_area_dm2, start_on, end_on, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tenancy_rows)
    search.index_bulk(connection, search_rows)
    columns = ("id", "uscc", "name", "name_en", "legal_representative", "registered_capital_fen",
               "founded_on", "sector_code", "industry_code", "employees", "annual_revenue_fen",
               "total_assets_fen", "core_tech", "core_tech_note", "giant_level", "giant_recognised_on",
               "contact_name", "contact_phone", "contact_email", "zone_id", "size_class", "status",
               "uscc_check", "version")
    for firm, tenancy in zip(enterprise_rows, tenancy_rows, strict=True):
        changes.append(Change("enterprise.register", "enterprise", firm[0], None,
                              dict(zip(columns, firm[:24], strict=True))))
        changes.append(Change("tenancy.open", "tenancy", tenancy[0], None,
                              {"enterprise_id": tenancy[1], "zone_id": tenancy[2], "unit": tenancy[3],
                               "floor_area_dm2": tenancy[4], "start_on": tenancy[5], "end_on": None}))
    events = audit.record_bulk(connection, None, "demo", changes)
    if progress:
        progress(firms, firms)
    return DemoReport(firms=len(enterprise_rows), tenancies=len(tenancy_rows),
                      staff=len(ACCOUNTS), audit_events=events)


# --- twelve months of money ------------------------------------------------------------------
# Rates from 1 January of the first year touched; the twelve months before this one decided
# (approved, a few rejected and typed again, two reversed), all but the last two closed, this
# month partly submitted and partly typed as drafts; budgets per zone and year sized so a whole
# year's approvals would use 70-85 % of them. One audit event
# per row loaded, in place of the draft/submit/approve events the services would have written:
# 'entry.demo_load' with the entry's money, firm, status and who typed and decided it (the
# row itself keeps its times), 'award.demo_load' with the whole award; one 'entry.reversed'
# per link of an original to its reversal, as approval writes it; one event per rate, budget
# and closed month.
