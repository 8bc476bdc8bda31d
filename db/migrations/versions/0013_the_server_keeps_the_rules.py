"""On a PostgreSQL server, the rules the SQLite triggers of 0001-0012 keep, in plpgsql, in their
newest form, and what only a server needs: the audit trail kept in one line by its writers.
Nothing changes in an SQLite file.

No server database existed before this revision: 0001-0012 make a server's tables and indexes
and skip what is written in SQLite's own SQL; this revision makes the server's triggers at once.
Each keeps its SQLite trigger's name and English text (raised as an integrity violation, SQLSTATE
23000, so that the program sees sqlalchemy's IntegrityError as it does from SQLite), and fires
where SQLite's does first when two would refuse the same change (PostgreSQL fires them by name).

Beyond SQLite's triggers, because TRUNCATE, concurrent writers and psql exist on a server:
- TRUNCATE (which skips row triggers) is refused on every table of 0001-0012.
- An event must follow the newest one: its seq the next, its prev_hash that event's hash, its
  hash what db.audit.event_hash makes of its content. Writers queue on the trail's advisory lock
  (TRAIL_LOCK), which `zonedesk_audit_head()` takes before it tells what the next event follows
  (so a writer that asks it first is never refused); the insert trigger takes it too.
- `audithead` is moved to the newest event by the trail's trigger, once, as the transaction
  commits; any other write must name the newest event (an upsert of the same values, as the
  program made on SQLite, stays harmless), and it is never deleted.
- `approvedtotal`, `auditsubject` and `auditzone` are written by triggers only.

The trigger functions that read or write other tables are SECURITY DEFINER (the owner's, which
sees every row) with a fixed search_path, so that a person's row-level scope, or a temporary
table named like ours, never decides a rule.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from alembic import op
from sqlalchemy import text

from db.server.dialect import on_server

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TRAIL_LOCK = 0x5A444154  # "ZDAT": the advisory lock every writer of the audit trail queues on
GENESIS = "0" * 64  # db.audit.GENESIS: what the first event follows
# the lists of the SQLite triggers (0002, 0004 with 0008's batch), as they stand there
ENTRY_COLUMNS = ("id", "enterprise_id", "zone_id", "category", "period", "quantity_x100",
                 "billed_fen", "subsidy_fen", "rate_bp", "bill_reference", "status", "reverses_id",
                 "reason", "entered_by", "entered_at", "decided_by", "decided_at", "decision_note",
                 "version")
AWARD_COLUMNS = ("id", "enterprise_id", "zone_id", "kind", "level", "recognised_on", "document_no",
                 "bank", "loan_fen", "term_months", "amount_fen", "status", "reverses_id", "reason",
                 "entered_by", "entered_at", "decided_by", "decided_at", "decision_note", "version")
CERTIFICATE_FIXED = ("serial", "zone_id", "year", "seq", "kind", "enterprise_id", "amount_fen",
                     "period_from", "period_to", "award_id", "tenancy_id", "payload", "signature",
                     "key_id", "content", "issued_by", "issued_at", "batch")
SUBJECT_TYPES = ("('enterprise', 'tenancy', 'subsidy_entry', 'award', 'certificate', 'zone',"
                 " 'budget')")  # 0010's
KEPT_TABLES = ("district", "sector", "zone", "cluster", "enterprise", "tenancy", "staffaccount",
               "staffzone", "auditevent", "audithead", "policyrate", "budget", "programmesetting",
               "awardrate", "closedperiod", "subsidyentry", "award", "approvedtotal", "signingkey",
               "certificate", "certificatecover", "databaseidentity", "unknownname",
               "officesetting", "auditsubject", "auditzone")  # every table of 0001-0012

REFUSE = ("CREATE FUNCTION zonedesk_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          " RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = TG_ARGV[0];"
          " END $$")


def _quoted(words: str) -> str:
    return "'" + words.replace("'", "''") + "'"


def _raise(words: str, *values: str) -> str:
    """plpgsql that refuses with `words`, each {} in them filled with one of `values` (plpgsql
    expressions)."""
    pieces = words.split("{}")
    message = _quoted(pieces[0])
    for value, piece in zip(values, pieces[1:], strict=True):
        message += f" || {value} || {_quoted(piece)}"
    return f"RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = {message};"


def _refusal(name: str, when: str, table: str, words: str, condition: str = "") -> str:
    """A trigger that refuses `when` (BEFORE UPDATE, ...) on `table`, under `condition`."""
    guard = f" WHEN ({condition})" if condition else ""
    return (f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW{guard}"
            f" EXECUTE FUNCTION zonedesk_refuse({_quoted(words)})")


def _function(name: str, body: str, declare: str = "", *, schema: str) -> str:
    """A trigger function that reads or writes tables: the owner's, on our schema only."""
    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
            f" SET search_path = {schema}, pg_temp AS $$ {declare} BEGIN {body} END $$")


def _link_only(table: str, columns: tuple[str, ...]) -> str:
    """0002's: an UPDATE that only links an approved row to the approved reversal cancelling it."""
    same = " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in columns)
    return (f"(OLD.status = 'approved' AND OLD.reversed_by_id IS NULL"
            f" AND NEW.reversed_by_id IS NOT NULL AND {same} AND EXISTS (SELECT 1 FROM {table} r"
            f" WHERE r.id = NEW.reversed_by_id AND r.reverses_id = OLD.id AND r.status = 'approved'))")


def _money(schema: str) -> list[str]:
    """0002's freezing and closed months, 0003's approved totals."""
    statements = []
    for table, columns, what in (("subsidyentry", ENTRY_COLUMNS, "subsidy entries"),
                                 ("award", AWARD_COLUMNS, "awards")):
        statements += [
            _function(f"zonedesk_{table}_frozen", f"IF NOT {_link_only(table, columns)} THEN"
                      f" {_raise(f'{what} that were decided cannot be changed: reverse them')}"
                      " END IF; RETURN NEW;", schema=schema),
            f"CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table} FOR EACH ROW"
            f" WHEN (OLD.status IN ('approved', 'rejected')) EXECUTE FUNCTION zonedesk_{table}_frozen()",
            _refusal(f"{table}_frozen_delete", "DELETE", table, f"only draft {what} can be deleted",
                     "OLD.status <> 'draft'")]
    closed = _raise("this month is closed")
    statements.append(_function("zonedesk_subsidyentry_closed", (
        "IF TG_OP = 'INSERT' THEN"
        f" IF EXISTS (SELECT 1 FROM closedperiod WHERE period = NEW.period) THEN {closed} END IF;"
        " RETURN NEW; ELSIF TG_OP = 'UPDATE' THEN"
        " IF EXISTS (SELECT 1 FROM closedperiod WHERE period IN (OLD.period, NEW.period))"
        f" AND NOT {_link_only('subsidyentry', ENTRY_COLUMNS)} THEN {closed} END IF; RETURN NEW;"
        f" END IF; IF EXISTS (SELECT 1 FROM closedperiod WHERE period = OLD.period) THEN {closed}"
        " END IF; RETURN OLD;"), schema=schema))
    statements += [f"CREATE TRIGGER subsidyentry_closed_{verb.lower()} BEFORE {verb} ON subsidyentry"
                   " FOR EACH ROW EXECUTE FUNCTION zonedesk_subsidyentry_closed()"
                   for verb in ("INSERT", "UPDATE", "DELETE")]
    statements += [
        _function("zonedesk_approvedtotal_add", (
            "INSERT INTO approvedtotal (zone_id, period, category, amount_fen, entries)"
            " VALUES (NEW.zone_id, NEW.period, NEW.category, NEW.subsidy_fen, 1)"
            " ON CONFLICT (zone_id, period, category) DO UPDATE SET"
            " amount_fen = approvedtotal.amount_fen + EXCLUDED.amount_fen,"
            " entries = approvedtotal.entries + 1; RETURN NULL;"), schema=schema),
        "CREATE TRIGGER approvedtotal_on_insert AFTER INSERT ON subsidyentry FOR EACH ROW"
        " WHEN (NEW.status = 'approved') EXECUTE FUNCTION zonedesk_approvedtotal_add()",
        "CREATE TRIGGER approvedtotal_on_approve AFTER UPDATE OF status ON subsidyentry FOR EACH ROW"
        " WHEN (NEW.status = 'approved' AND OLD.status <> 'approved')"
        " EXECUTE FUNCTION zonedesk_approvedtotal_add()",
        # nobody writes the totals but the triggers above (a trigger's write is one level deep)
        _refusal("approvedtotal_kept_by_triggers", "INSERT OR UPDATE OR DELETE", "approvedtotal",
                 "approved totals are kept by the database itself", "pg_trigger_depth() = 0")]
    return statements


def _certificates() -> list[str]:
    """0004 (0008's certificate_fixed) and 0005's keys and identity."""
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in CERTIFICATE_FIXED)
    revived = ("NEW.own IS DISTINCT FROM OLD.own OR NEW.database_id IS DISTINCT FROM OLD.database_id"
               " OR (NEW.retired_at IS NOT NULL AND NOT NEW.own) OR (OLD.retired_at IS NOT NULL AND"
               " (NEW.retired_at IS DISTINCT FROM OLD.retired_at OR NEW.retired_by IS DISTINCT FROM"
               " OLD.retired_by OR NEW.retired_reason IS DISTINCT FROM OLD.retired_reason))")
    covers = "what a certificate covers cannot be changed"
    identity = "the identity of a database never changes"
    return [
        _refusal("certificate_fixed", "UPDATE", "certificate",
                 "an issued certificate cannot be changed: revoke it",
                 f"{changed} OR NEW.print_count < OLD.print_count OR (OLD.status = 'revoked' AND"
                 " (NEW.status <> 'revoked' OR NEW.revoked_reason IS DISTINCT FROM OLD.revoked_reason"
                 " OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by"
                 " OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at))"),
        _refusal("certificate_kept", "DELETE", "certificate",
                 "certificates are never deleted: revoke it"),
        _refusal("certificatecover_fixed", "UPDATE", "certificatecover", covers),
        _refusal("certificatecover_kept", "DELETE", "certificatecover", covers),
        # where both refuse, SQLite's newer trigger (retired_once) speaks
        _refusal("signingkey_fixed", "UPDATE OF key_id, public_key", "signingkey",
                 "a public key cannot be changed", f"NOT ({revived})"),
        _refusal("signingkey_retired_once", "UPDATE", "signingkey",
                 "a key of this database is retired once, never revived", revived),
        _refusal("signingkey_own_kept", "DELETE", "signingkey",
                 "the keys of this database are retired, never deleted", "OLD.own"),
        _refusal("databaseidentity_fixed", "UPDATE", "databaseidentity", identity),
        _refusal("databaseidentity_kept", "DELETE", "databaseidentity", identity),
        # 0011: a demo database stays marked as one
        *(_refusal(f"officesetting_demo_no_{verb.lower()}", verb, "officesetting",
                   "a demo database stays marked as one", "OLD.name = 'demo_data'")
          for verb in ("UPDATE", "DELETE"))]


# SQLite's CAST(text AS INTEGER): the integer its text begins with (after blanks), clamped to 64
# bits; 0 when it begins with none
SQLITE_INTEGER = (
    "CREATE FUNCTION zonedesk_sqlite_integer(value text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE"
    " AS $$ DECLARE digits text := substring(value FROM '^[ \\t\\n\\v\\f\\r]*([+-]?[0-9]+)'); BEGIN"
    " RETURN CASE WHEN digits IS NULL THEN 0 ELSE greatest(least(digits::numeric,"
    " 9223372036854775807), -9223372036854775808)::bigint END; END $$")
# 0010's json_extract(values, '$.key') as SQLite stores it in an INTEGER column, for the two keys
# it reads: the key's value when `value` is valid JSON, as a whole number (a JSON number, numeric
# text, true/false as 1/0); NULL for what a BIGINT cannot hold (SQLite would keep a real or a
# text there). A key given twice: PostgreSQL reads the last, SQLite the first (json.dumps never
# writes one twice). One subtransaction a text: PostgreSQL 15 tells bad JSON only by an error.
WHOLE = (
    "CREATE FUNCTION zonedesk_whole(value text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$"
    " DECLARE number numeric; BEGIN IF length(value) > 64 OR value !~"
    " '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,4})?\\s*$' THEN RETURN NULL;"
    " END IF; number := value::numeric; IF number = trunc(number) AND number BETWEEN"
    " -9223372036854775808 AND 9223372036854775807 THEN RETURN number::bigint; END IF;"
    " RETURN NULL; END $$")
JSON_INTEGER = (
    "CREATE FUNCTION zonedesk_json_integer(member json) RETURNS bigint LANGUAGE plpgsql IMMUTABLE"
    " AS $$ BEGIN RETURN CASE json_typeof(member) WHEN 'boolean' THEN CASE member::text"
    " WHEN 'true' THEN 1 ELSE 0 END WHEN 'number' THEN zonedesk_whole(member::text)"
    " WHEN 'string' THEN zonedesk_whole(member #>> '{}') END; END $$")
JSON_IDS = (
    "CREATE FUNCTION zonedesk_json_ids(value text, OUT enterprise_id bigint, OUT zone_id bigint)"
    " LANGUAGE plpgsql IMMUTABLE AS $$ DECLARE document json; BEGIN document := value::json;"
    " IF json_typeof(document) = 'object' THEN"
    " enterprise_id := zonedesk_json_integer(document -> 'enterprise_id');"
    " zone_id := zonedesk_json_integer(document -> 'zone_id'); END IF;"
    " EXCEPTION WHEN data_exception THEN enterprise_id := NULL; zone_id := NULL; END $$")
# db.audit.event_hash of an event: SHA-256 of its prev_hash, a newline and its canonical JSON
# (sorted keys, no blanks); to_json() writes a text as json.dumps(ensure_ascii=False) does
# (db.audit.chained_text): `"` `\\` and the control characters escaped, all else as it is
AUDIT_HASH = (
    "CREATE FUNCTION zonedesk_audit_hash(event auditevent) RETURNS text LANGUAGE sql IMMUTABLE"
    " AS $$ SELECT encode(sha256(convert_to(event.prev_hash || chr(10)"
    " || '{\"action\":' || to_json(event.action)::text"
    " || ',\"actor_id\":' || coalesce(event.actor_id::text, 'null')"
    " || ',\"actor_name\":' || to_json(event.actor_name)::text"
    " || ',\"after_json\":' || to_json(event.after_json)::text"
    " || ',\"at\":' || to_json(event.at)::text"
    " || ',\"before_json\":' || to_json(event.before_json)::text"
    " || ',\"entity_id\":' || to_json(event.entity_id)::text"
    " || ',\"entity_type\":' || to_json(event.entity_type)::text"
    " || ',\"seq\":' || event.seq::text || '}', 'UTF8')), 'hex') $$")


def _trail(schema: str) -> list[str]:
    """0001's append-only events, 0010's index of firms and zones, and the line of the trail."""
    newest = ("SELECT e.seq, e.hash INTO tail_seq, tail_hash FROM auditevent e"
              f" ORDER BY e.seq DESC LIMIT 1; IF NOT FOUND THEN tail_seq := 0; tail_hash := '{GENESIS}';"
              " END IF;")
    locked = f"PERFORM pg_advisory_xact_lock({TRAIL_LOCK}); {newest}"
    head = (
        f"CREATE FUNCTION zonedesk_audit_head(OUT seq bigint, OUT hash text) LANGUAGE plpgsql"
        f" SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$"
        f" DECLARE tail_seq bigint; tail_hash text; BEGIN {locked}"
        " seq := tail_seq; hash := tail_hash; END $$")
    after = ("audit event {} does not follow the newest event, {}", "NEW.seq", "tail_seq")
    linked = ("audit event {} does not follow the newest event, {}: its prev_hash is not that"
              " event's hash", "NEW.seq", "tail_seq")
    hashed = ("audit event {} is not hashed from its content", "NEW.seq")
    follows = _function("zonedesk_auditevent_follows", (
        f"{locked} IF NEW.seq IS DISTINCT FROM tail_seq + 1 THEN {_raise(*after)} END IF;"
        f" IF NEW.prev_hash IS DISTINCT FROM tail_hash THEN {_raise(*linked)} END IF;"
        f" IF NEW.hash IS DISTINCT FROM zonedesk_audit_hash(NEW) THEN {_raise(*hashed)} END IF;"
        " RETURN NEW;"), "DECLARE tail_seq bigint; tail_hash text;", schema=schema)
    moves = _function("zonedesk_audithead_move", (
        f"{newest} IF NEW.seq <> tail_seq THEN RETURN NULL; END IF;"
        " INSERT INTO audithead (id, seq, hash) VALUES (1, tail_seq, tail_hash) ON CONFLICT (id)"
        " DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash"
        " WHERE (audithead.seq, audithead.hash) IS DISTINCT FROM (EXCLUDED.seq, EXCLUDED.hash);"
        " RETURN NULL;"), "DECLARE tail_seq bigint; tail_hash text;", schema=schema)
    moved_only = _raise("the audit head names the newest audit event: it moves with the trail only")
    kept = _function("zonedesk_audithead_kept", (
        "IF TG_OP <> 'DELETE' THEN"
        f" {newest} IF NEW.id = 1 AND NEW.seq = tail_seq AND NEW.hash = tail_hash THEN RETURN NEW;"
        f" END IF; END IF; {moved_only}"),
        "DECLARE tail_seq bigint; tail_hash text;", schema=schema)
    values = "CASE WHEN NEW.after_json <> 'null' THEN named_after.{0} ELSE named_before.{0} END"
    zone_in = "CASE WHEN NEW.entity_type = 'zone' THEN named ELSE {}.zone_id END"
    subject = _function("zonedesk_auditevent_subject", (
        "SELECT * INTO named_after FROM zonedesk_json_ids(NEW.after_json);"
        " SELECT * INTO named_before FROM zonedesk_json_ids(NEW.before_json);"
        " named := zonedesk_sqlite_integer(NEW.entity_id);"
        " INSERT INTO auditsubject (seq, enterprise_id, zone_id) VALUES (NEW.seq,"
        " CASE NEW.entity_type WHEN 'enterprise' THEN named WHEN 'zone' THEN NULL"
        f" ELSE {values.format('enterprise_id')} END,"
        f" CASE WHEN NEW.entity_type = 'zone' THEN named ELSE {values.format('zone_id')} END);"
        " INSERT INTO auditzone (zone_id, seq) SELECT DISTINCT v.zone_id, NEW.seq FROM (VALUES"
        f" ({zone_in.format('named_after')}), ({zone_in.format('named_before')})) AS v(zone_id)"
        " WHERE v.zone_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL;"),
        "DECLARE named_after record; named_before record; named bigint;", schema=schema)
    return [
        # 0010 wrote INTEGER, a 32-bit integer on a server: as wide as SQLite's, as elsewhere
        "ALTER TABLE auditsubject ALTER COLUMN seq TYPE bigint,"
        " ALTER COLUMN enterprise_id TYPE bigint, ALTER COLUMN zone_id TYPE bigint",
        "ALTER TABLE auditzone ALTER COLUMN zone_id TYPE bigint, ALTER COLUMN seq TYPE bigint",
        SQLITE_INTEGER, WHOLE, JSON_INTEGER, JSON_IDS, AUDIT_HASH, head, follows, moves, kept, subject,
        _refusal("auditevent_no_update", "UPDATE", "auditevent", "audit events cannot be changed"),
        _refusal("auditevent_no_delete", "DELETE", "auditevent", "audit events cannot be deleted"),
        "CREATE TRIGGER auditevent_follows BEFORE INSERT ON auditevent FOR EACH ROW"
        " EXECUTE FUNCTION zonedesk_auditevent_follows()",
        # at commit (its transaction still holds the trail's lock): the head's row is written
        # once a transaction, not once an event (a row updated 10,000 times in one transaction
        # costs each update more than the one before)
        "CREATE CONSTRAINT TRIGGER auditevent_moves_head AFTER INSERT ON auditevent"
        " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zonedesk_audithead_move()",
        "CREATE TRIGGER audithead_kept BEFORE INSERT OR UPDATE OR DELETE ON audithead FOR EACH ROW"
        " WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION zonedesk_audithead_kept()",
        f"CREATE TRIGGER auditevent_subject AFTER INSERT ON auditevent FOR EACH ROW"
        f" WHEN (NEW.entity_type IN {SUBJECT_TYPES}) EXECUTE FUNCTION zonedesk_auditevent_subject()",
        *(_refusal(f"{table}_no_{verb.lower()}", verb, table, "the audit index cannot be changed",
                   "pg_trigger_depth() = 0" if verb == "INSERT" else "")
          for table in ("auditsubject", "auditzone") for verb in ("INSERT", "UPDATE", "DELETE"))]


def _no_truncate() -> list[str]:
    """TRUNCATE skips row triggers: refused on every table, whoever asks."""
    return [f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT"
            f" EXECUTE FUNCTION zonedesk_refuse({_quoted(f'{table} is never emptied: TRUNCATE is refused')})"
            for table in KEPT_TABLES]


FUNCTIONS = ("zonedesk_refuse()", "zonedesk_subsidyentry_frozen()", "zonedesk_award_frozen()",
             "zonedesk_subsidyentry_closed()", "zonedesk_approvedtotal_add()",
             "zonedesk_auditevent_follows()", "zonedesk_audithead_move()",
             "zonedesk_audithead_kept()", "zonedesk_auditevent_subject()",
             "zonedesk_audit_head()", "zonedesk_audit_hash(auditevent)",
             "zonedesk_json_ids(text)", "zonedesk_json_integer(json)", "zonedesk_whole(text)",
             "zonedesk_sqlite_integer(text)")


def upgrade() -> None:
    if not on_server():
        return
    schema = op.get_bind().execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    for statement in (REFUSE, *_money(schema), *_certificates(), *_trail(schema), *_no_truncate()):
        op.get_bind().exec_driver_sql(statement)


def downgrade() -> None:
    if not on_server():
        return
    for function in FUNCTIONS:  # their triggers go with them
        op.execute(f"DROP FUNCTION {function} CASCADE")
