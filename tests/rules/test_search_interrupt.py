"""A count no longer wanted stops at once, so the next keystroke's query need not wait for it."""

import pytest

from db import demo
from db.engine import Database
from db.errors import Interrupted
from db.queries.enterprises import EnterpriseFilter, count_enterprises
from db.services import auth


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "demo.sqlite"
    demo.generate(path, firms=3_000, entry_months=0)  # firms only: the search is what is tested
    database = Database(path)
    yield database, auth.log_in(database, username="admin", password=demo.DEMO_PASSWORD)
    database.dispose()


def test_a_cancelled_count_stops_with_interrupted(city):
    database, admin = city
    with pytest.raises(Interrupted):
        count_enterprises(database, actor=admin, flt=EnterpriseFilter(text="1"), cancelled=lambda: True)


def test_a_wanted_count_is_the_same_with_or_without_the_check(city):
    database, admin = city
    flt = EnterpriseFilter(text="1")
    assert count_enterprises(database, actor=admin, flt=flt, cancelled=lambda: False) \
        == count_enterprises(database, actor=admin, flt=flt) == 3_000
    # the connection is left without the handler: a later query is not interrupted
    assert count_enterprises(database, actor=admin, flt=EnterpriseFilter(text="科")) > 0
