"""What a database file holds, for tests that prove an action changed nothing."""

import hashlib
import sqlite3
from pathlib import Path


def digest(path: Path | str) -> str:
    """A fingerprint of every row of every table (the audit trail included)."""
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


def audit_count(path: Path | str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM auditevent").fetchone()[0]
    finally:
        connection.close()
