"""The rules suite runs on both engines: each test that takes `db` runs once on an SQLite file
(`[sqlite]`) and once on the throw-away PostgreSQL server (`[postgres]`). A test about the file
itself (it takes `db_path` or `template_db`, or is marked `sqlite_only` with its reason) runs on
SQLite only."""

import itertools

import pytest

from db.engine import Database
from tests.throwaway_server import ThrowAwayServer

ENGINES = ("sqlite", "postgres")
FILE_FIXTURES = {"db_path", "template_db"}
_numbers = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): a rule of the SQLite file itself")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db" not in metafunc.fixturenames:
        return
    file_bound = (FILE_FIXTURES & set(metafunc.fixturenames)
                  or metafunc.definition.get_closest_marker("sqlite_only"))
    if file_bound:
        metafunc.parametrize("engine", ["sqlite"], indirect=True)
        return
    metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def rules_template(postgres_server: ThrowAwayServer) -> str:
    from tests.server_template import make_template

    return make_template(postgres_server, "zonedesk_rules_template")


@pytest.fixture
def db(engine: str, request: pytest.FixtureRequest):  # noqa: ANN201
    if engine == "sqlite":
        database = Database(request.getfixturevalue("db_path"))
        yield database
        database.dispose()
        return
    from db.server.connection import ServerDatabase

    server: ThrowAwayServer = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("rules_template")
    name = f"zonedesk_rules_{next(_numbers)}"
    with server.connect() as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    database = ServerDatabase(server.url(database=name))
    yield database
    database.dispose()
    server.wait_until_gone(name)
    with server.connect() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
