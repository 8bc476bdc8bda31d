"""On a PostgreSQL server, firms are found as in an SQLite file, from one typed character on:
`enterprise_search` holds each firm's searched text (name, USCC, contact, pinyin initials and
reading: db.search.server_row, each column's letters and digits run together), and
`enterprise_grams` the pieces of it that a search looks up (db/search.py, "On a server"): each
piece of 1 and 2 characters and each stretch of up to 8 characters of every column, once per
firm, in a btree. Nothing changes in an SQLite file (its FTS5 tables are made by 0001, 0007 and
0012).

Why a btree of stretches and not pg_trgm: under row-level security (0014) PostgreSQL applies a
person's own conditions after the policies unless their operators are leakproof; btree text
comparisons are, LIKE is not, so a trigram index is never used for a staff role's LIKE (a
sequential scan instead). At 150,000 firms the stretches also count a common fragment in a
third of pg_trgm's time (db/search.py has the figures).

The services write `enterprise_search` (their own zone's firms: row-level security as their
`enterprise` row); `enterprise_grams` follows it by a trigger of the owner's, so no staff role
writes it, and only administrators and auditors read it (a clerk's search reads their zones'
firms themselves). The firms already on the server get their rows here, and their `spelled`
(which 0007 left empty on a server).

`zonedesk_firm_number(code)` tells the number of the firm with a credit code in any zone, as a
bills import names it when it refuses another zone's firm (SQLite's program reads every firm's
code for that; a clerk's role reads only their zones' firms).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from alembic import op
from sqlalchemy import text

from db.server.dialect import on_server
from db.server.roles import OWNER, STAFF

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

COLUMNS = ("name", "code", "contact", "initials", "pinyin")  # db.search.COLUMNS at this revision
GRAM = 8  # db.search.GRAM at this revision
_BATCH = 2_000

ROLE = "(SELECT zonedesk_role(current_user))"  # as 0014 reads who asks
ALL_ZONES = f"{ROLE} IN ('admin', 'auditor')"
OF_FIRM = "EXISTS (SELECT 1 FROM enterprise e WHERE e.id = enterprise_search.enterprise_id)"
# table: {command: who}; a firm's search row as its enterprise row (0014), its grams for those
# who search the whole city
SCOPES = {
    "enterprise_search": {"SELECT": f"({ALL_ZONES} OR {OF_FIRM})",
                          "INSERT": f"({ROLE} IN ('clerk', 'admin') AND {OF_FIRM})",
                          "UPDATE": f"({ROLE} IN ('clerk', 'reviewer', 'admin') AND {OF_FIRM})"},
    "enterprise_grams": {"SELECT": ALL_ZONES},
}


def _grams_function() -> str:
    """Every piece of 1 and 2 characters and every stretch of up to GRAM characters of each
    column (its tokens run together): db.search.server_grams, in SQL."""
    pieces = ", ".join(f"substr(c.chars, i, {n})" for n in (1, 2, GRAM))
    return (
        "CREATE FUNCTION zonedesk_grams(name text, code text, contact text, initials text,"
        " pinyin text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE"
        " SET search_path = pg_catalog AS $$"
        " SELECT DISTINCT g FROM unnest(ARRAY[name, code, contact, initials, pinyin]) AS t(words),"
        " LATERAL (SELECT replace(t.words, ' ', '') AS chars) AS c,"
        f" LATERAL generate_series(1, length(c.chars)) AS i, LATERAL unnest(ARRAY[{pieces}]) AS g $$")


def _grams_of(table: str) -> str:
    columns = ", ".join(f"r.{c}" for c in COLUMNS)
    return f"SELECT r.enterprise_id, g FROM {table} r, LATERAL zonedesk_grams({columns}) AS g"


def _triggers(schema: str) -> list[str]:
    """enterprise_grams follows enterprise_search, a statement at a time (a bulk load is one
    INSERT of many rows, one set-wise step here)."""
    bodies = {
        "added": f"INSERT INTO enterprise_grams (enterprise_id, gram) {_grams_of('added')}"
                 " ON CONFLICT DO NOTHING;",
        "changed": f"DELETE FROM enterprise_grams g USING ({_grams_of('before')} EXCEPT"
                   f" {_grams_of('after')}) AS gone (enterprise_id, gram)"
                   " WHERE g.gram = gone.gram AND g.enterprise_id = gone.enterprise_id;"
                   f" INSERT INTO enterprise_grams (enterprise_id, gram) {_grams_of('after')}"
                   " ON CONFLICT DO NOTHING;",
        "removed": f"DELETE FROM enterprise_grams g USING ({_grams_of('before')}) AS gone"
                   " (enterprise_id, gram) WHERE g.gram = gone.gram"
                   " AND g.enterprise_id = gone.enterprise_id;",
    }
    events = {"added": ("INSERT", "NEW TABLE AS added"),
              "changed": ("UPDATE", "OLD TABLE AS before NEW TABLE AS after"),
              "removed": ("DELETE", "OLD TABLE AS before")}
    statements = []
    for name, body in bodies.items():
        event, tables = events[name]
        statements += [
            f"CREATE FUNCTION zonedesk_search_{name}() RETURNS trigger LANGUAGE plpgsql"
            f" SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$ BEGIN {body}"
            " RETURN NULL; END $$",
            f"CREATE TRIGGER enterprise_search_{name} AFTER {event} ON enterprise_search"
            f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION zonedesk_search_{name}()",
            f"REVOKE ALL ON FUNCTION zonedesk_search_{name}() FROM PUBLIC"]
    return statements


def _firm_number(schema: str) -> list[str]:
    """The number of the firm with a credit code, whichever zone it is in: what a bills import
    tells of a code one names (db/importing/bills.py: "{number} is not a tenant of this zone"),
    nothing else of another zone's firm."""
    return [f"CREATE FUNCTION zonedesk_firm_number(code text) RETURNS bigint LANGUAGE sql STABLE"
            f" SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$"
            " SELECT id FROM enterprise WHERE uscc = code $$",
            "REVOKE ALL ON FUNCTION zonedesk_firm_number(text) FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION zonedesk_firm_number(text) TO {STAFF}"]


def _scope(table: str) -> list[str]:
    """Row-level security as 0014 gives every table: forced, the owner's own policy, and the
    staff's per command."""
    statements = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                  f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
                  f"CREATE POLICY owner_all ON {table} FOR ALL TO {OWNER} USING (true)"
                  " WITH CHECK (true)"]
    for command, who in SCOPES[table].items():
        clause = {"INSERT": f"WITH CHECK ({who})",
                  "UPDATE": f"USING ({who}) WITH CHECK ({who})"}.get(command, f"USING ({who})")
        statements += [f"CREATE POLICY staff_{command.lower()} ON {table} FOR {command}"
                       f" TO {STAFF} {clause}", f"GRANT {command} ON {table} TO {STAFF}"]
    return statements


def _fill() -> None:
    """The search rows and `spelled` of the firms already on the server."""
    from db.search import document, server_row, spelled_of  # what the services write

    bind = op.get_bind()
    last = 0
    while True:
        firms = bind.execute(text(
            "SELECT id, name, name_en, uscc, contact_name, contact_phone FROM enterprise"
            " WHERE id > :last ORDER BY id LIMIT :batch"), {"last": last, "batch": _BATCH}).all()
        if not firms:
            return
        documents = [(f[0], document(*f[1:])) for f in firms]
        bind.execute(text(f"INSERT INTO enterprise_search (enterprise_id, {', '.join(COLUMNS)})"
                          f" VALUES (:enterprise_id, {', '.join(':' + c for c in COLUMNS)})"),
                     [{"enterprise_id": i, **server_row(d)} for i, d in documents])
        bind.execute(text("UPDATE enterprise SET spelled = :spelled WHERE id = :id"),
                     [{"id": i, "spelled": spelled_of(d)} for i, d in documents])
        last = firms[-1][0]


def upgrade() -> None:
    if not on_server():
        return
    schema = op.get_bind().execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    statements = [
        "CREATE TABLE enterprise_search (enterprise_id BIGINT PRIMARY KEY REFERENCES enterprise (id),"
        + "".join(f" {c} TEXT NOT NULL DEFAULT ''," for c in COLUMNS).rstrip(",") + ")",
        # "C": the prefix of a range is the prefix of its characters, whatever the server's locale
        "CREATE TABLE enterprise_grams (gram TEXT COLLATE \"C\" NOT NULL, enterprise_id BIGINT NOT NULL,"
        " PRIMARY KEY (gram, enterprise_id))",
        # a count reads one range of the index: sooner alone than by workers it has to start
        "ALTER TABLE enterprise_grams SET (parallel_workers = 0)",
        # a zone's firms in registration order (a clerk's first page)
        "CREATE INDEX ix_enterprise_zone_firm ON enterprise (zone_id, id)",
        _grams_function(), *_triggers(schema), *_scope("enterprise_search"),
        *_scope("enterprise_grams"), *_firm_number(schema)]
    for statement in statements:
        op.execute(text(statement))
    _fill()


def downgrade() -> None:
    if not on_server():
        return
    for statement in ("DROP TABLE enterprise_grams", "DROP TABLE enterprise_search",
                      *(f"DROP FUNCTION zonedesk_search_{name}()" for name in
                        ("added", "changed", "removed")),
                      "DROP FUNCTION zonedesk_grams(text, text, text, text, text)",
                      "DROP FUNCTION zonedesk_firm_number(text)",
                      "DROP INDEX ix_enterprise_zone_firm"):
        op.execute(text(statement))
