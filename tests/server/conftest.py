"""The throw-away PostgreSQL server (tests/throwaway_server.py), made once a run and removed
at its end, and a fresh database on it for each test, at the newest schema."""

import itertools

import pytest
from sqlalchemy import text

from db.server import schema
from db.server.connection import server_engine
from tests.throwaway_server import ThrowAwayServer

_numbers = itertools.count(1)
TEMPLATE = "zonedesk_template"


@pytest.fixture(scope="session")
def postgres_server():  # noqa: ANN201
    server = ThrowAwayServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server_template(postgres_server: ThrowAwayServer) -> str:
    """A database at the newest schema, migrated once by the owner role; copied for each test."""
    with postgres_server.connect() as admin:
        admin.execute(f"CREATE ROLE {schema.OWNER} NOLOGIN")
        admin.execute(f"CREATE DATABASE {TEMPLATE} OWNER {schema.OWNER}")
    engine = server_engine(postgres_server.url(database=TEMPLATE))
    with engine.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        schema.upgrade(connection)
    engine.dispose()
    return TEMPLATE


@pytest.fixture
def server_database(postgres_server: ThrowAwayServer, server_template: str) -> str:
    """The name of a fresh database at the newest schema, dropped after the test."""
    name = f"zonedesk_test_{next(_numbers)}"
    with postgres_server.connect() as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {server_template}")
    yield name
    postgres_server.wait_until_gone(name)
    with postgres_server.connect() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
