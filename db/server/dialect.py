"""Where the two engines differ in the migrations (one Alembic chain for both).

On PostgreSQL every integer is a BIGINT, as SQLite's are 64-bit: money in fen passes 2**31 (the
programme's cap alone is 1.5 * 10**12 fen). The SQLite rules (triggers, FTS5) are made by the
migrations that introduced them; the server's are made by migration 0013 in plpgsql and its
search by 0013 too, since no server database existed before that revision.
"""

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles


@compiles(sa.Integer, "postgresql")
def _integer_on_the_server(_type, _compiler, **_kw) -> str:  # noqa: ANN001
    return "BIGINT"


def on_server() -> bool:
    """True in a migration running on PostgreSQL."""
    from alembic import op

    return op.get_bind().dialect.name == "postgresql"


def on_sqlite(*statements: str) -> None:
    """Runs these statements on SQLite only (triggers and search tables written in its SQL)."""
    from alembic import op

    if not on_server():
        for statement in statements:
            op.execute(statement)


def hex_digits(column: str, count: int) -> str:
    """A CHECK that `column` is `count` lower-case hex digits, in each engine's own words."""
    if on_server():
        return f"{column} ~ '^[0-9a-f]{{{count}}}$'"
    return f"length({column}) = {count} AND {column} NOT GLOB '*[^0-9a-f]*'"


def is_server(bind: object) -> bool:
    """True when a Session, Connection or Engine works on PostgreSQL (for the few queries that
    must be written in each engine's own words)."""
    get_bind = getattr(bind, "get_bind", None)
    target = get_bind() if get_bind is not None else bind
    dialect = getattr(target, "dialect", None)
    return dialect is not None and dialect.name == "postgresql"
