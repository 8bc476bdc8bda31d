"""A demo database says that it is one, in the file itself, so that any program that opens it,
by any path, marks its windows and every printout 演示数据: the row `demo_data` of
`officesetting`, written by the demo generator (db/demo/__init__.py). Triggers refuse to change
or delete that row: a demo cannot be passed off as an office's real data by the program.

Demo files made before this revision are marked here: they hold the demo's own staff account
"democlerk" (办事员（演示数据）, db/demo/accounts.py), which no office creates. The mark gets
its audit event (`office.demo_mark`, as the generator writes it), chained after the file's last:
reconciliation (db/reconcile.py) reports a mark without its event.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from db.server.dialect import on_sqlite

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

MARK = "demo_data"
GUARDS = {
    f"officesetting_demo_no_{verb.lower()}": (
        f"CREATE TRIGGER officesetting_demo_no_{verb.lower()} BEFORE {verb} ON officesetting"
        f" WHEN OLD.name = '{MARK}'"
        " BEGIN SELECT RAISE(ABORT, 'a demo database stays marked as one'); END")
    for verb in ("UPDATE", "DELETE")
}


def upgrade() -> None:
    on_sqlite(*GUARDS.values())  # a server's guards are made by 0013
    bind = op.get_bind()
    old_demo = bind.execute(sa.text(
        "SELECT 1 FROM staffaccount WHERE username = 'democlerk'"
        " AND display_name = '办事员（演示数据）'")).first() is not None
    marked = bind.execute(sa.text(f"SELECT 1 FROM officesetting WHERE name = '{MARK}'")).first()
    if old_demo and marked is None:
        _mark(bind)


def _mark(bind: sa.Connection) -> None:
    """The mark and its audit event, written as the generator writes them, in this migration's
    transaction (the same SQLite connection)."""
    from db.queries.demo_data import mark_as_demo

    mark_as_demo(bind.connection.driver_connection)


def downgrade() -> None:
    for name in GUARDS:
        op.execute(f"DROP TRIGGER {name}")
