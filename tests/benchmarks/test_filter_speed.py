"""Filter as you type: each keystroke's query at city and stress scale.

The list shows the first page as soon as it is read (enterprise_page); the total follows
(count_enterprises). Targets: the first page in under 50 ms at 150,000 firms; every count under
25 ms city-wide at stress, at every length of what is typed (issue 14).

test_count_every_length types one firm's USCC (1..18 characters), name (1..4), pinyin initials
(1..6) and reading (1..8) a character at a time, as the administrator (the whole city) and as
clerk01 (Z01: 15,000 firms at stress), and measures each count beside its floor in the same run
(tests/benchmarks/ratios.py): the one statement a person would write by hand with the plain
sqlite3 module for the same number, without the program's log-in check, session or plan. Across
the city the floor reads enterprise_grams where the file has it (migration 0012, proposed) and
the search index otherwise; within a zone it searches the zone's rows as the program does.
"""

import sqlite3

import pytest

from db.demo import DEMO_PASSWORD
from db.engine import Database
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_page
from db.services import auth
from tests.benchmarks import ratios

# one Chinese character, two, a whole brand, a common word, USCC fragments, a contact, nothing;
# pinyin initials (上海东方…) and a part of a reading
QUERIES = ["科", "星河", "上海星河", "公司", "9131", "0115", "张伟", "xyz", "shdf", "dongfang"]
PAGE_TARGET_MS = 50


@pytest.fixture(scope="module", params=["admin", "clerk02"])
def searcher(request, scale_db):
    scale, path = scale_db
    database = Database(path)
    actor = auth.log_in(database, username=request.param, password=DEMO_PASSWORD)
    yield scale, database, actor
    database.dispose()


@pytest.mark.parametrize("query", QUERIES)
def test_first_page(benchmark, searcher, query):
    scale, database, actor = searcher
    benchmark.group = f"first page, {scale}, {actor.username}"
    flt = EnterpriseFilter(text=query)
    rows = benchmark(lambda: enterprise_page(database, actor=actor, flt=flt, limit=200))
    assert all(actor.all_zones or row.zone_code in ("Z02", "Z03") for row in rows)
    assert benchmark.stats.stats.median * 1000 < PAGE_TARGET_MS


@pytest.mark.parametrize("query", QUERIES)
def test_count(benchmark, searcher, query):
    scale, database, actor = searcher
    benchmark.group = f"count, {scale}, {actor.username}"
    flt = EnterpriseFilter(text=query)
    benchmark(lambda: count_enterprises(database, actor=actor, flt=flt))


COUNT_TARGET_MS = 25
# the program's count within 2x the hand-written statement; below ~2 ms its fixed ~1.3 ms (the
# log-in check in db.access.authorise, the session) is most of it, so tiny counts show a larger ratio
COUNT_RATIO = 2.0
GRAM = 8  # as db.search.GRAM: the stretches enterprise_grams holds


@pytest.fixture(scope="module")
def typist(scale_db):
    """The database, the administrator and clerk01, a plain read-only sqlite3 connection for the
    floors, and what is typed: a Z01 firm's USCC, name and pinyin."""
    scale, path = scale_db
    database = Database(path)
    actors = {name: auth.log_in(database, username=name, password=DEMO_PASSWORD)
              for name in ("admin", "clerk01")}
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    zone, uscc, name, spelled = raw.execute(
        "SELECT e.zone_id, e.uscc, e.name, e.spelled FROM enterprise e JOIN zone z ON z.id = e.zone_id"
        " WHERE z.code = 'Z01' AND e.name LIKE '上海%' ORDER BY e.id LIMIT 1 OFFSET 37").fetchone()
    initials, reading = spelled.split(" ")
    typed = {"USCC": uscc[:18], "name": name[:4], "initials": initials[:6], "reading": reading[:8]}
    grams = raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'enterprise_grams'").fetchone()
    yield scale, database, actors, raw, zone, typed, grams is not None
    raw.close()
    database.dispose()


def _city_floor(raw: sqlite3.Connection, typed: str, grams: bool):  # noqa: ANN202
    chars = "".join(ch for ch in typed.lower() if ch.isalnum())
    if not grams:
        phrase = " ".join(chars)
        return lambda: raw.execute("SELECT count(*) FROM enterprise_search WHERE enterprise_search"
                                   " MATCH ?", (f'"{phrase}"',)).fetchone()[0]
    if len(chars) <= GRAM:
        term = f'"{chars}"' + ("*" if len(chars) < GRAM else "")
        return lambda: raw.execute("SELECT count(*) FROM enterprise_grams WHERE enterprise_grams"
                                   " MATCH ?", (term,)).fetchone()[0]
    stretches = " AND ".join(f'"{chars[i:i + GRAM]}"' for i in (0, len(chars) - GRAM))
    phrase = " ".join(chars)
    return lambda: raw.execute(
        "SELECT count(*) FROM enterprise_grams g JOIN enterprise_search s ON s.rowid = g.rowid"
        " WHERE enterprise_grams MATCH ?1 AND (instr(s.name, ?2) OR instr(s.code, ?2)"
        " OR instr(s.contact, ?2) OR instr(s.initials, ?2) OR instr(s.pinyin, ?2))",
        (stretches, phrase)).fetchone()[0]


def _zone_floor(raw: sqlite3.Connection, typed: str, zone: int):  # noqa: ANN202
    lower, upper = typed.lower(), typed.upper()
    pinyin = lower if lower.isascii() and lower.isalnum() and not lower.isdigit() else "\x00"
    return lambda: raw.execute(
        "SELECT count(*) FROM enterprise WHERE zone_id = ?1 AND (instr(lower(name), ?2)"
        " OR instr(lower(name_en), ?2) OR instr(uscc, ?3) OR instr(lower(contact_name), ?2)"
        " OR instr(contact_phone, ?2) OR instr(spelled, ?4))", (zone, lower, upper, pinyin)).fetchone()[0]


@pytest.mark.parametrize("who", ["admin", "clerk01"])
@pytest.mark.parametrize("kind", ["USCC", "name", "initials", "reading"])
def test_count_every_length(typist, kind, who):
    scale, database, actors, raw, zone, typed, grams = typist
    actor = actors[who]
    where = "city" if who == "admin" else "Z01"
    for length in range(1, len(typed[kind]) + 1):
        text = typed[kind][:length]
        flt = EnterpriseFilter(text=text)
        floor = _city_floor(raw, text, grams) if who == "admin" else _zone_floor(raw, text, zone)
        count = count_enterprises(database, actor=actor, flt=flt)
        assert count == floor(), text  # the floor counts the same firms
        pair = ratios.paired(f"count, {scale}, {where}, {kind} {length:2} chars ({count:,})",
                             lambda f=flt: count_enterprises(database, actor=actor, flt=f), floor,
                             target=COUNT_RATIO)
        held = "held" if pair.seconds * 1000 < COUNT_TARGET_MS else "NOT held"
        print(f"{'':58} {pair.seconds * 1000:9.1f} ms  (target {COUNT_TARGET_MS} ms: {held})")
