"""The audit pane reads five million events a page at a time: indexes on who, what and when, and
a side table naming the firm and zone each event is about, so that a firm's or a zone's events
are found by index.

Events carry no zone: `auditsubject` holds, for each event about a firm, a tenancy, an entry, an
award, a certificate, a budget or a zone, the firm (`enterprise_id`) and zone (`zone_id`) its
recorded values name (the values after the change, or before it for a deletion); `auditzone`
holds one row (zone_id, seq) for each zone an event names before or after the change (a firm
moving from zone A to zone B is found under both). A trigger fills them as each event is
written, whatever writes it (a service, a bulk load, a restore); events already in the file are
filled here. Triggers refuse UPDATE and DELETE on both, as on the events; verification
(db/audit.py) checks that these triggers exist and recomputes both tables from the events with
the same SELECTs as the backfill here, so an index emptied behind the program's back is found.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from alembic import op

from db.server.dialect import on_server, on_sqlite

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

SUBJECT_TYPES = ("('enterprise', 'tenancy', 'subsidy_entry', 'award', 'certificate', 'zone',"
                 " 'budget')")


def _subject(event: str) -> str:
    """(seq, enterprise_id, zone_id) of the event `event` (NEW in the trigger, a table alias in
    the backfill), from its values after the change (before, for a deletion)."""
    values = (f"(CASE WHEN {event}.after_json <> 'null' THEN {event}.after_json"
              f" ELSE {event}.before_json END)")
    json = f"CASE WHEN json_valid({values}) THEN json_extract({values}, '$.{{key}}') END"
    firm = (f"CASE {event}.entity_type WHEN 'enterprise' THEN CAST({event}.entity_id AS INTEGER)"
            f" WHEN 'zone' THEN NULL ELSE {json.format(key='enterprise_id')} END")
    zone = (f"CASE {event}.entity_type WHEN 'zone' THEN CAST({event}.entity_id AS INTEGER)"
            f" ELSE {json.format(key='zone_id')} END")
    return f"{event}.seq, {firm}, {zone}"


def _zones(event: str, source: str = "") -> str:
    """SELECT (zone_id, seq): one row for each zone the event `event` names, in its values
    before or after the change (a firm moving from zone A to B: both), `source` its FROM
    (empty in the trigger)."""
    def named(values: str) -> str:
        return (f"CASE WHEN {event}.entity_type = 'zone' THEN CAST({event}.entity_id AS INTEGER)"
                f" WHEN json_valid({event}.{values}) THEN json_extract({event}.{values}, '$.zone_id')"
                " END")
    each = " UNION ".join(f"SELECT {named(v)} AS zone_id, {event}.seq AS seq{source}"
                          for v in ("after_json", "before_json"))
    return f"SELECT zone_id, seq FROM ({each}) WHERE zone_id IS NOT NULL"


def backfill_subjects() -> str:
    """The rows of `auditsubject` for every event of the file (verification recomputes them)."""
    return f"SELECT {_subject('e')} FROM auditevent e WHERE e.entity_type IN {SUBJECT_TYPES}"


def backfill_zones() -> str:
    """The rows of `auditzone` for every event of the file."""
    return _zones("e", f" FROM auditevent e WHERE e.entity_type IN {SUBJECT_TYPES}")


TRIGGER = ("CREATE TRIGGER auditevent_subject AFTER INSERT ON auditevent"
           f" WHEN NEW.entity_type IN {SUBJECT_TYPES} BEGIN"
           f" INSERT OR REPLACE INTO auditsubject (seq, enterprise_id, zone_id) VALUES ({_subject('NEW')});"
           f" INSERT OR IGNORE INTO auditzone (zone_id, seq) {_zones('NEW')};"
           " END")
# the index is kept as the events are: written once, never changed
GUARDS = {
    f"{table}_no_{verb.lower()}": (f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}"
                                   f" BEGIN SELECT RAISE(ABORT, 'the audit index cannot be changed'); END")
    for table in ("auditsubject", "auditzone") for verb in ("UPDATE", "DELETE")
}


def upgrade() -> None:
    op.execute("CREATE INDEX ix_auditevent_actor ON auditevent (actor_id, seq)")
    op.execute("CREATE INDEX ix_auditevent_action ON auditevent (action, seq)")
    op.execute("CREATE INDEX ix_auditevent_at ON auditevent (at)")
    op.execute("CREATE TABLE auditsubject (seq INTEGER PRIMARY KEY, enterprise_id INTEGER,"
               " zone_id INTEGER)")
    op.execute("CREATE TABLE auditzone (zone_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
               " PRIMARY KEY (zone_id, seq))" + ("" if on_server() else " WITHOUT ROWID"))
    # a server's trail starts at a later revision, empty; its trigger is made by 0013
    on_sqlite(f"INSERT INTO auditsubject (seq, enterprise_id, zone_id) {backfill_subjects()}",
              f"INSERT INTO auditzone (zone_id, seq) {backfill_zones()}")
    op.execute("CREATE INDEX ix_auditsubject_firm ON auditsubject (enterprise_id)"
               " WHERE enterprise_id IS NOT NULL")
    on_sqlite(TRIGGER, *GUARDS.values())


def downgrade() -> None:
    for name in GUARDS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TRIGGER auditevent_subject")
    op.execute("DROP TABLE auditzone")
    op.execute("DROP TABLE auditsubject")
    op.execute("DROP INDEX ix_auditevent_at")
    op.execute("DROP INDEX ix_auditevent_action")
    op.execute("DROP INDEX ix_auditevent_actor")
