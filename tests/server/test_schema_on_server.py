"""The one Alembic chain makes the same tables on a PostgreSQL server as in an SQLite file."""

import sqlite3

from db import migrate
from db.engine import Database
from db.migrate import head_revision

SQLITE_ONLY = {"enterprise_search", "enterprise_grams"}  # FTS5: the server searches its own way


def _server_columns(server, database: str) -> dict[str, set[str]]:
    with server.connect(database=database) as connection:
        rows = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public'").fetchall()
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(table, set()).add(column)
    return tables


def test_the_server_is_at_the_newest_revision(postgres_server, server_database):
    with postgres_server.connect(database=server_database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
            == head_revision()


def test_the_server_has_the_tables_and_columns_of_an_sqlite_file(postgres_server, server_database,
                                                                 tmp_path):
    path = tmp_path / "office.sqlite"
    migrate.upgrade(Database(path))
    connection = sqlite3.connect(path)
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'enterprise_search_%' AND name NOT LIKE 'enterprise_grams_%'")]
    in_file = {name: {row[1] for row in connection.execute(f"PRAGMA table_info({name})")}
               for name in names if name not in SQLITE_ONLY}
    connection.close()
    on_server = _server_columns(postgres_server, server_database)
    assert {t: on_server.get(t) for t in in_file} == in_file


def test_every_integer_on_the_server_holds_the_programme_cap_in_fen(postgres_server,
                                                                     server_database):
    """15 billion yuan is 1.5 * 10**12 fen: beyond a 32-bit integer."""
    with postgres_server.connect(database=server_database) as connection:
        narrow = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND data_type = 'integer'"
            " AND column_name LIKE '%fen'").fetchall()
        assert narrow == []
        value = connection.execute(
            "SELECT value FROM programmesetting WHERE key = 'budget_cap_fen'").fetchone()[0]
    assert value == 1_500_000_000_000
