"""On the throw-away PostgreSQL server (tests/conftest.py's `postgres_server`), a fresh
database for each test, at the newest schema: as `zonedesk server
init` makes one (the roles, row-level security, the reference data), without an administrator."""

import itertools

import pytest

from db.server import setup
from tests.throwaway_server import ThrowAwayServer

_numbers = itertools.count(1)
TEMPLATE = "zonedesk_template"


@pytest.fixture(scope="session")
def server_template(postgres_server: ThrowAwayServer) -> str:
    """A database at the newest schema, made once by the steps of `server init` but the first
    administrator's (db/server/setup.py); copied for each test."""
    setup.make_server(postgres_server.url(), TEMPLATE)
    return TEMPLATE


@pytest.fixture
def server_database(postgres_server: ThrowAwayServer, server_template: str) -> str:
    """The name of a fresh database at the newest schema, dropped after the test."""
    name = copy_of(postgres_server, server_template)
    yield name
    drop(postgres_server, name)


def copy_of(server: ThrowAwayServer, template: str) -> str:
    """A new database copied from `template`, owned by the owner role as `server init` makes it."""
    name = f"zonedesk_test_{next(_numbers)}"
    with server.connect() as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template} OWNER {setup.OWNER}")
    return name


def drop(server: ThrowAwayServer, name: str) -> None:
    server.wait_until_gone(name)
    with server.connect() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
