"""Filter as you type: each keystroke's query at city and stress scale.

The list shows the first page as soon as it is read (enterprise_page); the total follows
(count_enterprises). Target: the first page in under 50 ms at 150,000 firms.
"""

import pytest

from db.demo import DEMO_PASSWORD
from db.engine import Database
from db.queries.enterprises import EnterpriseFilter, count_enterprises, enterprise_page
from db.services import auth

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
