"""What a database holds, for tests that prove an action changed nothing: a file by its path,
or a test's database (`db`, on either engine)."""

import hashlib
import sqlite3


def _server(where: object) -> bool:
    return getattr(where, "path", "") is None  # db.server.connection.ServerDatabase


def _server_digest(db) -> str:  # noqa: ANN001
    from sqlalchemy import text

    sha = hashlib.sha256()
    with db.engine.connect() as connection:
        names = connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
        for name in names.scalars().all():
            rows = connection.execute(text(f'SELECT * FROM "{name}"')).all()
            sha.update(repr((name, sorted((tuple(r) for r in rows), key=repr))).encode())
    return sha.hexdigest()


def digest(path) -> str:  # noqa: ANN001 (a path, or a test's db)
    """A fingerprint of every row of every table (the audit trail included)."""
    if _server(path):
        return _server_digest(path)
    path = getattr(path, "path", path)
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'enterprise_search_%' AND name NOT LIKE 'enterprise_grams_%'"
            " ORDER BY name")]
        sha = hashlib.sha256()
        for name in names:
            rows = connection.execute(f'SELECT * FROM "{name}"').fetchall()
            sha.update(repr((name, sorted(rows, key=repr))).encode())
        return sha.hexdigest()
    finally:
        connection.close()


def audit_count(path) -> int:  # noqa: ANN001 (a path, or a test's db)
    if _server(path):
        from sqlalchemy import text

        with path.engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM auditevent")).scalar()
    path = getattr(path, "path", path)
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM auditevent").fetchone()[0]
    finally:
        connection.close()
