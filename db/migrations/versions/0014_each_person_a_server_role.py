"""On a PostgreSQL server, each person is a login role and every table's rows are scoped by
`current_user` through the staff tables (row-level security, forced); the functions that make,
re-password and switch off those roles. Nothing changes in an SQLite file.

The roles (zonedesk_owner, zonedesk_staff, zonedesk_keeper) are the server's, made before this
revision runs, by `zonedesk server init` (db/server/setup.py): a migration runs as the owner,
which may not make roles.

Who asks is `current_user`, read by zonedesk_staff_id(), zonedesk_role() and zonedesk_zones()
(SECURITY DEFINER): NULL, or no zone, for a role that is not an active account, or that the
session may not speak for, so every policy below fails closed. Each table's rows, for the
members of zonedesk_staff (the owner sees and writes all rows through a policy of its own; FORCE
binds it too; nobody else has a policy, so nobody else sees a row):

| table | read | insert | update | delete |
| --- | --- | --- | --- | --- |
| district, sector, zone, cluster | all staff | admin | admin | - |
| policyrate, awardrate, budget, programmesetting | all staff | admin | admin | - |
| closedperiod | all staff | admin | - | admin |
| officesetting | all staff | admin | admin | - |
| databaseidentity | all staff | - | - | - |
| signingkey (public keys only) | all staff | admin | admin | - |
| enterprise (by its zone_id) | zone | clerk, admin: zone | clerk, reviewer, admin: zone (**) | - |
| tenancy | zone, or its firm's | clerk, admin: zone, or their firm's (**) | clerk, admin: zone | - |
| subsidyentry | zone | clerk, admin: zone, as entered_by | clerk, reviewer, admin: zone | clerk, admin: zone |
| award | zone | clerk, admin: zone, as entered_by | clerk, reviewer, admin: zone | - |
| approvedtotal | zone | - (0013's trigger) | - | - |
| certificate | zone | clerk, admin: zone, as issued_by | clerk, reviewer, admin: zone | - |
| certificatecover | its certificate's | clerk, admin: its certificate's | - | - |
| staffaccount (no password_hash) | all staff (*) | admin | admin | - |
| staffzone | admin, auditor; own rows; own zones' | admin | - | admin |
| auditevent | admin, auditor; own events; events of own zones' firms | all staff, as actor | - | - |
| audithead | all staff | - (0013's trigger) | - | - |
| auditsubject, auditzone | admin, auditor; own zones' (and firms') | - (0013's trigger) | - | - |
| unknownname | - (the server checks passwords) | - | - | - |

"zone": clerks and reviewers the rows of their zones (staffzone); administrators and auditors
all. Auditors change nothing. No staff role may TRUNCATE, own anything or bypass row-level
security; a table made later gets no privilege until its migration grants one (a private key's
table, say, gets none).
(**) A firm moves to another zone by its zone's clerk or an administrator: the new tenancy is
opened while the firm is still in their zone, then zonedesk_hand_over(who, firm, zone, at)
changes the firm's zone (an UPDATE by the person could not: its new row would be out of their
sight). It does only that, for a clerk or administrator of the firm's zone, into a zone where
the firm's tenancy is open.
(*) Every staff account's row is read by all staff, not each person's own only: the approvals
queue, the ledger, certificates and closed months name who entered, decided, issued or closed
(a JOIN on staffaccount); hidden rows would hide those rows too. What a row tells is the name,
role and whether the account is active or locked; its password_hash is granted to nobody
(column privileges), and on a server it holds no hash (db.server.roles.PASSWORD_KEPT_BY_SERVER).

Beyond row-level security, triggers (not binding the owner or a superuser, who load data):
- an entry or award is inserted in the name of the person who enters it, as a draft or
  submitted; who entered it never changes;
- four eyes: only a reviewer or administrator of the zone decides (approved or rejected) a
  submitted entry or award, never one they entered, naming themselves as the decider, and a
  decision changes nothing else; a reviewer changes an entry only by deciding it (or by linking
  an approved original to its approved reversal);
- budgets: an approval that would take a zone's approved money of a year and category beyond
  its budget is refused (db/services/approvals.py: what is left = budget - approved, reversals
  netted; subsidy entries by the year of their month, through 0013's approvedtotal; little-giant
  awards by the Shanghai year of their decision), checked once per statement, after 0013's
  totals moved, under an advisory lock per zone, year and category.

What a rule of the whole programme reads beyond a person's zones, the services read on a server
through SECURITY DEFINER functions that answer with a sum or a verdict, never rows:
zonedesk_cap_used(firm, category, year, leaving_out) (a firm's yearly cap counts its entries in a
zone it left), zonedesk_guaranteed_for_firm(firm, leaving_out), zonedesk_loans_guaranteed(
leaving_out) (the programme's quota), zonedesk_issued_as(serial, payload) ('valid', 'revoked',
'differs' or NULL: a scanned certificate of another zone is checked against what was issued).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from alembic import op
from sqlalchemy import text

from db.server.dialect import on_server
from db.server.roles import KEEPER, OWNER, STAFF

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BUDGET_LOCK = 0x5A444247  # "ZDBG": the advisory locks (this, hash of zone year category) of budgets

# each a subquery, so that a statement asks once (an InitPlan), not once a row
ZONES = "(SELECT zonedesk_zones(current_user))::bigint[]"
ME = "(SELECT zonedesk_staff_id(current_user))"


def _is(roles: str) -> str:
    """The person's role is one of these (a SQL list); NULL, so false, for no account."""
    return f"(SELECT zonedesk_role(current_user) IN ({roles}))"


STAFF_ONLY = "(SELECT zonedesk_role(current_user) IS NOT NULL)"
ADMIN = _is("'admin'")
ALL_ZONES = _is("'admin', 'auditor'")


def _zone(column: str = "zone_id") -> str:
    return f"({ALL_ZONES} OR {column} = ANY ({ZONES}))"


def _by(roles: str, column: str = "zone_id") -> str:
    """Written by these roles (a SQL list), in their zones."""
    return f"({_is(roles)} AND {_zone(column)})"


WRITERS = "'clerk', 'admin'"
WITH_REVIEWERS = "'clerk', 'reviewer', 'admin'"  # reviewers: decide, confirm a USCC, revoke
REFERENCE = {"SELECT": STAFF_ONLY, "INSERT": ADMIN, "UPDATE": ADMIN}
ZONED = {"SELECT": _zone(), "INSERT": _by(WRITERS), "UPDATE": _by(WRITERS)}
# a firm's tenancies go with the firm: read by its zone's staff, those in zones before too (the
# firm's zone read through a function, so that the policy does not ask enterprise's); and a firm
# is handed to another zone by its zone's clerk, the new tenancy opened while the firm is still
# theirs, then zonedesk_hand_over() changes the firm's zone (db/services/tenancies.py)
OF_OWN_FIRM = _zone("zonedesk_firm_zone(tenancy.enterprise_id)")
HANDED_OVER = f"({_by(WRITERS)} OR ({_is(WRITERS)} AND {OF_OWN_FIRM}))"
OF_CERTIFICATE = "EXISTS (SELECT 1 FROM certificate c WHERE c.id = certificatecover.certificate_id)"
OF_SUBJECT = (f"({_zone()} OR EXISTS (SELECT 1 FROM enterprise e"
              " WHERE e.id = auditsubject.enterprise_id))")
OWN_EVENTS = (f"({ALL_ZONES} OR actor_id = {ME}"
              " OR EXISTS (SELECT 1 FROM auditzone z WHERE z.seq = auditevent.seq)"
              " OR EXISTS (SELECT 1 FROM auditsubject s WHERE s.seq = auditevent.seq))")

# table: {command: who, as a policy expression}; USING and WITH CHECK alike
SCOPES: dict[str, dict[str, str]] = {
    **{table: REFERENCE for table in ("district", "sector", "zone", "cluster", "policyrate",
                                      "awardrate", "budget", "programmesetting", "officesetting",
                                      "signingkey")},
    "closedperiod": {"SELECT": STAFF_ONLY, "INSERT": ADMIN, "DELETE": ADMIN},
    "databaseidentity": {"SELECT": STAFF_ONLY},
    "enterprise": {**ZONED, "UPDATE": _by(WITH_REVIEWERS)},
    "tenancy": {**ZONED, "SELECT": f"({_zone()} OR {OF_OWN_FIRM})", "INSERT": HANDED_OVER},
    "subsidyentry": {**ZONED, "INSERT": f"({_by(WRITERS)} AND entered_by = {ME})",
                     "UPDATE": _by(WITH_REVIEWERS), "DELETE": _by(WRITERS)},
    "award": {**ZONED, "INSERT": f"({_by(WRITERS)} AND entered_by = {ME})",
              "UPDATE": _by(WITH_REVIEWERS)},
    "approvedtotal": {"SELECT": _zone()},
    "certificate": {**ZONED, "INSERT": f"({_by(WRITERS)} AND issued_by = {ME})",
                    "UPDATE": _by(WITH_REVIEWERS)},
    "certificatecover": {"SELECT": OF_CERTIFICATE,
                         "INSERT": f"({_is(WRITERS)} AND {OF_CERTIFICATE})"},
    "staffaccount": {"SELECT": STAFF_ONLY, "INSERT": ADMIN, "UPDATE": ADMIN},
    "staffzone": {"SELECT": f"({_zone()} OR staff_id = {ME})", "INSERT": ADMIN, "DELETE": ADMIN},
    "auditevent": {"SELECT": OWN_EVENTS,
                   "INSERT": f"(actor_id = {ME} AND actor_name = current_user::text)"},
    "audithead": {"SELECT": STAFF_ONLY},
    "auditsubject": {"SELECT": OF_SUBJECT},
    "auditzone": {"SELECT": _zone()},
    "unknownname": {},
}
SECRET_COLUMNS = {"staffaccount": ("password_hash",)}
UNSCOPED = ("alembic_version",)  # read by all staff (which schema this is), written by the owner


def _identity(schema: str) -> list[str]:
    """Who asks: NULL (or no zone) unless `who` is an active account the session speaks for
    (it is the session's own role, or one the session's role may become)."""
    # PARALLEL SAFE: they only read, so that a statement they scope may still scan in parallel
    definer = f"PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp"
    account = (f"FROM {schema}.staffaccount s WHERE s.username = who AND s.active"
               " AND zonedesk_speaks_for(who)")
    return [
        "CREATE FUNCTION zonedesk_speaks_for(who text) RETURNS boolean LANGUAGE plpgsql STABLE"
        " PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
        " IF who IS NULL THEN RETURN false; END IF;"
        " IF who = session_user::text THEN RETURN true; END IF;"
        " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN RETURN false; END IF;"
        " RETURN pg_has_role(session_user, who::name, 'MEMBER'); END $$",
        f"CREATE FUNCTION zonedesk_staff_id(who text) RETURNS bigint LANGUAGE sql STABLE {definer}"
        f" AS $$ SELECT s.id::bigint {account} $$",
        f"CREATE FUNCTION zonedesk_role(who text) RETURNS text LANGUAGE sql STABLE {definer}"
        f" AS $$ SELECT s.role::text {account} $$",
        f"CREATE FUNCTION zonedesk_zones(who text) RETURNS bigint[] LANGUAGE sql STABLE {definer}"
        " AS $$ SELECT coalesce((SELECT CASE WHEN s.role IN ('admin', 'auditor')"
        f" THEN ARRAY(SELECT z.id::bigint FROM {schema}.zone z ORDER BY z.id)"
        f" ELSE ARRAY(SELECT sz.zone_id::bigint FROM {schema}.staffzone sz"
        f" WHERE sz.staff_id = s.id ORDER BY sz.zone_id) END {account}), '{{}}') $$",
        # the owner (migrations, moving in, bulk loads) and superusers: the staff's rules do
        # not bind them
        "CREATE FUNCTION zonedesk_unbound() RETURNS boolean LANGUAGE sql STABLE"
        " SET search_path = pg_catalog, pg_temp AS $$ SELECT coalesce((SELECT r.rolsuper"
        f" OR pg_has_role(current_user, '{OWNER}', 'USAGE') FROM pg_roles r"
        " WHERE r.rolname = current_user), false) $$",
    ]


def _refuse(words: str, *values: str, code: str = "insufficient_privilege") -> str:
    message = "'" + words.replace("'", "''") + "'"
    if values:
        message = f"format({message}, {', '.join(values)})"
    return f"RAISE EXCEPTION USING ERRCODE = '{code}', MESSAGE = {message};"


DECISION = "ARRAY['status', 'decided_by', 'decided_at', 'decision_note', 'version']"


def _four_eyes(schema: str) -> list[str]:
    body = (
        "IF zonedesk_unbound() THEN RETURN NEW; END IF;"
        " me := zonedesk_staff_id(current_user::text); my_role := zonedesk_role(current_user::text);"
        f" IF me IS NULL THEN {_refuse('only an active staff account enters or changes entries')} END IF;"
        " IF TG_OP = 'INSERT' THEN"
        " IF NEW.entered_by IS DISTINCT FROM me THEN"
        f" {_refuse('an entry is entered in the name of the person who enters it')} END IF;"
        " IF NEW.status NOT IN ('draft', 'submitted') OR NEW.decided_by IS NOT NULL"
        f" OR NEW.decided_at IS NOT NULL THEN {_refuse('an entry is entered as a draft or submitted: a reviewer decides it')}"
        " END IF; RETURN NEW; END IF;"
        " IF NEW.entered_by IS DISTINCT FROM OLD.entered_by THEN"
        f" {_refuse('who entered an entry never changes')} END IF;"
        " IF NEW.status IN ('approved', 'rejected') AND NEW.status IS DISTINCT FROM OLD.status THEN"
        " IF my_role IS NULL OR my_role NOT IN ('reviewer', 'admin') OR NOT (my_role = 'admin'"
        " OR NEW.zone_id = ANY (zonedesk_zones(current_user::text))) THEN"
        f" {_refuse('only a reviewer or an administrator of the zone decides entries')} END IF;"
        f" IF OLD.status <> 'submitted' THEN {_refuse('only a submitted entry is decided')} END IF;"
        " IF OLD.entered_by = me THEN"
        f" {_refuse('an entry is never decided by the person who entered it: another reviewer must decide it')}"
        " END IF; IF NEW.decided_by IS DISTINCT FROM me THEN"
        f" {_refuse('a decision names the person who makes it as the decider')} END IF;"
        f" IF (to_jsonb(NEW) - {DECISION}) IS DISTINCT FROM (to_jsonb(OLD) - {DECISION}) THEN"
        f" {_refuse('a decision changes only the status, the decider, the time and the note')}"
        " END IF; RETURN NEW; END IF;"
        " IF NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.decided_at IS DISTINCT FROM"
        f" OLD.decided_at THEN {_refuse('only a decision names a decider')} END IF;"
        " IF my_role = 'reviewer' AND (to_jsonb(NEW) - 'reversed_by_id')"
        " IS DISTINCT FROM (to_jsonb(OLD) - 'reversed_by_id') THEN"
        f" {_refuse('a reviewer changes an entry only by deciding it')} END IF; RETURN NEW;")
    return [
        "CREATE FUNCTION zonedesk_who_decides() RETURNS trigger LANGUAGE plpgsql"
        f" SET search_path = pg_catalog, {schema}, pg_temp AS $$"
        f" DECLARE me bigint; my_role text; BEGIN {body} END $$",
        *(f"CREATE TRIGGER {table}_who_decides BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW"
          " EXECUTE FUNCTION zonedesk_who_decides()" for table in ("subsidyentry", "award"))]


def _yuan(value: str) -> str:
    return f"to_char(({value})::numeric / 100, 'FM999999999999990.00')"


def _budget_function(name: str, asked: str, used: str, schema: str) -> str:
    """A statement trigger: for each zone, year and category whose money this statement
    approved (reversals netted), the budget's approved money must stay within it."""
    words = "approving this would exceed the %s %s budget of zone %s by %s yuan (%s yuan left, %s yuan asked)"
    over = _refuse(words, "want.year", "want.category", "(SELECT z.code FROM zone z WHERE z.id = want.zone_id)",
                   _yuan("used - coalesce(budget, 0)"),
                   _yuan("greatest(coalesce(budget, 0) - (used - want.amount), 0)"),
                   _yuan("want.amount"), code="integrity_constraint_violation")
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
        f" SET search_path = pg_catalog, {schema}, pg_temp AS $$"
        " DECLARE want record; budget bigint; used bigint; BEGIN"
        " IF zonedesk_unbound() THEN RETURN NULL; END IF;"
        f" FOR want IN {asked} LOOP"
        f" PERFORM pg_advisory_xact_lock({BUDGET_LOCK}, hashtext(want.zone_id::text || ' '"
        " || want.year || ' ' || want.category));"
        " SELECT b.amount_fen INTO budget FROM budget b WHERE b.zone_id = want.zone_id"
        " AND b.year = want.year::int AND b.category = want.category;"
        f" {used}"
        f" IF used > coalesce(budget, 0) THEN {over} END IF; END LOOP; RETURN NULL; END $$")


def _budgets(schema: str) -> list[str]:
    newly = ("FROM decided_now n JOIN decided_before o ON o.id = n.id"
             " WHERE n.status = 'approved' AND o.status <> 'approved'")
    entries = _budget_function(
        "zonedesk_entries_within_budget",
        f"SELECT n.zone_id, substr(n.period, 1, 4) AS year, n.category::text AS category,"
        f" sum(n.subsidy_fen) AS amount {newly} GROUP BY 1, 2, 3 HAVING sum(n.subsidy_fen) > 0"
        " ORDER BY 1, 2, 3",
        "SELECT coalesce(sum(t.amount_fen), 0) INTO used FROM approvedtotal t"
        " WHERE t.zone_id = want.zone_id AND t.category = want.category"
        " AND t.period BETWEEN want.year || '-01' AND want.year || '-12';", schema)
    year = "to_char(coalesce({0}.decided_at, {0}.entered_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY')"
    awards = _budget_function(
        "zonedesk_awards_within_budget",
        f"SELECT n.zone_id, {year.format('n')} AS year, 'little_giant' AS category,"
        f" sum(n.amount_fen) AS amount {newly} AND n.kind = 'little_giant' GROUP BY 1, 2"
        " HAVING sum(n.amount_fen) > 0 ORDER BY 1, 2",
        "SELECT coalesce(sum(a.amount_fen), 0) INTO used FROM award a WHERE a.status = 'approved'"
        f" AND a.kind = 'little_giant' AND a.zone_id = want.zone_id AND {year.format('a')} = want.year;",
        schema)
    return [entries, awards, *(
        f"CREATE TRIGGER {table}_within_budget AFTER UPDATE ON {table}"
        " REFERENCING OLD TABLE AS decided_before NEW TABLE AS decided_now"
        f" FOR EACH STATEMENT EXECUTE FUNCTION zonedesk_{kind}_within_budget()"
        for table, kind in (("subsidyentry", "entries"), ("award", "awards")))]


NAME_RULES = ("IF who IS NULL OR who !~ '^[a-z0-9_.\\-]{3,32}$' OR who LIKE 'pg\\_%'"
              " OR who LIKE 'zonedesk\\_%' THEN")


def _keeper(schema: str) -> list[str]:
    """The keeper's functions: only for an active administrator (or whoever may act as the
    owner, a superuser included), only on members of zonedesk_staff that are accounts here."""
    definer = f"SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp"
    scram = "'^SCRAM-SHA-256\\$[1-9][0-9]{0,9}:[A-Za-z0-9+/]+={0,2}\\$[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$'"
    allows = (
        "CREATE FUNCTION zonedesk_keeper_allows(who text, verifier text, own_allowed boolean,"
        " must_exist boolean) RETURNS void LANGUAGE plpgsql STABLE"
        f" SET search_path = pg_catalog, {schema}, pg_temp AS $$ DECLARE existing pg_roles%ROWTYPE;"
        f" BEGIN IF NOT (pg_has_role(session_user, '{OWNER}', 'MEMBER')"
        f" OR EXISTS (SELECT 1 FROM {schema}.staffaccount s WHERE s.username = session_user::text"
        " AND s.role = 'admin' AND s.active)"
        f" OR (own_allowed AND who = session_user::text AND EXISTS (SELECT 1 FROM {schema}.staffaccount s"
        " WHERE s.username = who AND s.active))) THEN"
        f" {_refuse('only an active administrator makes, re-passwords or switches off log-ins')}"
        f" END IF; {NAME_RULES}"
        f" {_refuse('%L is not a staff user name', 'who', code='invalid_parameter_value')} END IF;"
        f" IF verifier IS NOT NULL AND verifier !~ {scram} THEN"
        f" {_refuse('a password is given as its SCRAM-SHA-256 verifier, never as itself', code='invalid_parameter_value')}"
        f" END IF; IF NOT EXISTS (SELECT 1 FROM {schema}.staffaccount s WHERE s.username = who) THEN"
        f" {_refuse('%L is no staff account of this database', 'who', code='invalid_parameter_value')}"
        " END IF; SELECT * INTO existing FROM pg_roles r WHERE r.rolname = who;"
        " IF NOT FOUND THEN IF must_exist THEN"
        f" {_refuse('%L has no log-in on this server', 'who', code='invalid_parameter_value')}"
        " END IF; RETURN; END IF;"
        " IF existing.rolsuper OR existing.rolcreaterole OR existing.rolcreatedb OR existing.rolreplication"
        " OR existing.rolbypassrls OR NOT EXISTS (SELECT 1 FROM pg_auth_members m"
        f" WHERE m.member = existing.oid AND m.roleid = '{STAFF}'::regrole) THEN"
        f" {_refuse('%L is a role of this server, not a staff log-in', 'who')} END IF; END $$")
    create = (
        "CREATE FUNCTION zonedesk_create_login(who text, verifier text) RETURNS void"
        f" LANGUAGE plpgsql {definer} AS $$ BEGIN"
        " PERFORM zonedesk_keeper_allows(who, verifier, false, false);"
        " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN"
        " EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', who, verifier); ELSE"
        " EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
        f" NOBYPASSRLS INHERIT PASSWORD %L IN ROLE {STAFF}', who, verifier); END IF; END $$")
    password = (
        "CREATE FUNCTION zonedesk_set_password(who text, verifier text) RETURNS void"
        f" LANGUAGE plpgsql {definer} AS $$ BEGIN"
        " PERFORM zonedesk_keeper_allows(who, coalesce(verifier, ''), true, true);"
        " EXECUTE format('ALTER ROLE %I PASSWORD %L', who, verifier); END $$")
    login = (
        "CREATE FUNCTION zonedesk_set_login(who text, allowed boolean) RETURNS void"
        f" LANGUAGE plpgsql {definer} AS $$ BEGIN"
        " PERFORM zonedesk_keeper_allows(who, NULL, false, true);"
        " EXECUTE format('ALTER ROLE %I %s', who,"
        " CASE WHEN allowed THEN 'LOGIN' ELSE 'NOLOGIN' END); END $$")
    return [allows, create, password, login]


# db/services/limits.py's rows that count against caps and budgets
COUNTS = ("((reverses_id IS NULL AND status IN ('draft', 'submitted', 'approved'))"
          " OR (reverses_id IS NOT NULL AND status = 'approved'))")


def _across_zones(schema: str) -> list[str]:
    """What a rule of the whole programme reads beyond the person's zones, as a sum or a verdict
    only (a firm's yearly cap counts its entries in a zone it left; the loan quota is the
    city's; a certificate of another zone is verified against what was issued)."""
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp"
    return [
        "CREATE FUNCTION zonedesk_cap_used(of_firm bigint, of_category text, of_year integer,"
        f" leaving_out bigint DEFAULT NULL) RETURNS bigint {definer} AS $$"
        f" SELECT coalesce(sum(e.subsidy_fen), 0)::bigint FROM {schema}.subsidyentry e WHERE {COUNTS}"
        " AND e.enterprise_id = of_firm AND e.category = of_category AND e.period BETWEEN"
        " lpad(of_year::text, 4, '0') || '-01' AND lpad(of_year::text, 4, '0') || '-12'"
        " AND e.id IS DISTINCT FROM leaving_out $$",
        "CREATE FUNCTION zonedesk_guaranteed_for_firm(of_firm bigint, leaving_out bigint DEFAULT"
        f" NULL) RETURNS bigint {definer} AS $$ SELECT coalesce(sum(a.amount_fen), 0)::bigint"
        f" FROM {schema}.award a WHERE a.kind = 'loan_guarantee' AND {COUNTS}"
        " AND a.enterprise_id = of_firm AND a.id IS DISTINCT FROM leaving_out $$",
        "CREATE FUNCTION zonedesk_loans_guaranteed(leaving_out bigint DEFAULT NULL) RETURNS bigint"
        f" {definer} AS $$ SELECT coalesce(sum(a.loan_fen), 0)::bigint FROM {schema}.award a"
        f" WHERE a.kind = 'loan_guarantee' AND {COUNTS} AND a.id IS DISTINCT FROM leaving_out $$",
        # the zone a firm is in now (the tenancies' policy: a firm's tenancies go with it)
        "CREATE FUNCTION zonedesk_firm_zone(of_firm bigint) RETURNS bigint"
        f" {definer} AS $$ SELECT e.zone_id FROM {schema}.enterprise e WHERE e.id = of_firm $$",
        # 'valid' or 'revoked' when this database issued that serial with exactly that payload,
        # 'differs' when with another, NULL when it issued no such serial
        "CREATE FUNCTION zonedesk_issued_as(of_serial text, of_payload bytea) RETURNS text"
        f" {definer} AS $$ SELECT CASE WHEN c.payload = of_payload THEN c.status::text"
        f" ELSE 'differs' END FROM {schema}.certificate c WHERE c.serial = of_serial $$"]


HAND_OVER = "zonedesk_hand_over(text, bigint, bigint, timestamp with time zone)"
NOT_THEIRS = "only a clerk or an administrator of the firm's zone moves it"


def _hand_over(schema: str) -> str:
    """A firm's zone changed, by a clerk or administrator of its zone (`who`, whom the session
    speaks for), into a zone where the firm's tenancy is open; its version and updated_at move
    on as an edit's do. Returns the new version."""
    return (
        "CREATE FUNCTION zonedesk_hand_over(who text, of_firm bigint, to_zone bigint,"
        " at timestamp with time zone) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER"
        f" SET search_path = pg_catalog, {schema}, pg_temp AS $$ DECLARE firm_zone bigint;"
        " moved bigint; BEGIN"
        f" SELECT e.zone_id INTO firm_zone FROM {schema}.enterprise e WHERE e.id = of_firm FOR UPDATE;"
        " IF firm_zone IS NULL OR zonedesk_role(who) NOT IN ('clerk', 'admin')"
        " OR NOT firm_zone = ANY (zonedesk_zones(who)) THEN"
        f" {_refuse(NOT_THEIRS)} END IF;"
        f" IF NOT EXISTS (SELECT 1 FROM {schema}.tenancy t WHERE t.enterprise_id = of_firm"
        " AND t.zone_id = to_zone AND t.end_on IS NULL) OR to_zone = firm_zone THEN"
        f" {_refuse('a firm moves into another zone where its tenancy is open', code='check_violation')}"
        f" END IF; UPDATE {schema}.enterprise SET zone_id = to_zone, status = 'active',"
        " version = version + 1, updated_at = at WHERE id = of_firm RETURNING version INTO moved;"
        " RETURN moved; END $$")


ACROSS_ZONES = ("zonedesk_cap_used(bigint, text, integer, bigint)",
                "zonedesk_guaranteed_for_firm(bigint, bigint)", "zonedesk_loans_guaranteed(bigint)",
                "zonedesk_issued_as(text, bytea)", "zonedesk_firm_zone(bigint)")
KEEPER_FUNCTIONS = ("zonedesk_create_login(text, text)", "zonedesk_set_password(text, text)",
                    "zonedesk_set_login(text, boolean)")
FUNCTIONS = (*ACROSS_ZONES, HAND_OVER, "zonedesk_who_decides()", "zonedesk_entries_within_budget()",
             "zonedesk_awards_within_budget()", *KEEPER_FUNCTIONS,
             "zonedesk_keeper_allows(text, text, boolean, boolean)", "zonedesk_staff_id(text)",
             "zonedesk_role(text)", "zonedesk_zones(text)", "zonedesk_unbound()",
             "zonedesk_speaks_for(text)")


def _tables() -> list[str]:
    return list(op.get_bind().execute(text(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
        " AND c.relkind IN ('r', 'p') ORDER BY c.relname")).scalars())


def _scope(table: str, columns: list[str]) -> list[str]:
    statements = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                  f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
                  f"CREATE POLICY owner_all ON {table} FOR ALL TO {OWNER} USING (true)"
                  " WITH CHECK (true)"]
    for command, who in SCOPES.get(table, {}).items():
        name = f"staff_{command.lower()}"
        if command == "INSERT":
            clause = f"WITH CHECK ({who})"
        elif command == "UPDATE":
            clause = f"USING ({who}) WITH CHECK ({who})"
        else:
            clause = f"USING ({who})"
        statements.append(f"CREATE POLICY {name} ON {table} FOR {command} TO {STAFF} {clause}")
        secret = SECRET_COLUMNS.get(table, ())
        if command == "SELECT" and secret:
            shown = ", ".join(c for c in columns if c not in secret)
            statements.append(f"GRANT SELECT ({shown}) ON {table} TO {STAFF}")
        else:
            statements.append(f"GRANT {command} ON {table} TO {STAFF}")
    return statements


def upgrade() -> None:
    if not on_server():
        return
    bind = op.get_bind()
    missing = set(bind.execute(text("SELECT unnest(CAST(:names AS text[])) EXCEPT"
                                    " SELECT rolname::text FROM pg_roles"),
                               {"names": [OWNER, STAFF, KEEPER]}).scalars())
    if missing:
        raise RuntimeError(f"the server lacks the roles {', '.join(sorted(missing))}: "
                           "make them with `zonedesk server init`")
    schema = bind.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    statements = [*_identity(schema), *_four_eyes(schema), *_budgets(schema), *_keeper(schema),
                  *_across_zones(schema), _hand_over(schema)]
    for table in _tables():
        if table in UNSCOPED:
            statements.append(f"GRANT SELECT ON {table} TO {STAFF}")
            continue
        columns = list(bind.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_schema ="
            " current_schema() AND table_name = :table ORDER BY ordinal_position"),
            {"table": table}).scalars())
        statements += _scope(table, columns)
    statements += [
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {STAFF}",
        # the keeper reads who is an account (and an administrator) here, nothing more
        f"GRANT SELECT (username, role, active) ON staffaccount TO {KEEPER}",
        f"CREATE POLICY keeper_reads ON staffaccount FOR SELECT TO {KEEPER} USING (true)",
        "REVOKE ALL ON FUNCTION zonedesk_keeper_allows(text, text, boolean, boolean) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION zonedesk_keeper_allows(text, text, boolean, boolean) TO {KEEPER}",
        # the functions belong to the keeper (CREATEROLE), which needs CREATE on the schema
        # for that moment only
        f"GRANT CREATE ON SCHEMA {schema} TO {KEEPER}",
        *(f"ALTER FUNCTION {function} OWNER TO {KEEPER}" for function in
          ("zonedesk_keeper_allows(text, text, boolean, boolean)", *KEEPER_FUNCTIONS)),
        f"REVOKE CREATE ON SCHEMA {schema} FROM {KEEPER}",
        *(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC" for function in KEEPER_FUNCTIONS),
        *(f"GRANT EXECUTE ON FUNCTION {function} TO {STAFF}, {OWNER}"
          for function in KEEPER_FUNCTIONS),
        *(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC" for function in ACROSS_ZONES),
        *(f"GRANT EXECUTE ON FUNCTION {function} TO {STAFF}" for function in ACROSS_ZONES),
        f"REVOKE ALL ON FUNCTION {HAND_OVER} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {HAND_OVER} TO {STAFF}"]
    for statement in statements:
        op.execute(text(statement))


def downgrade() -> None:
    if not on_server():
        return
    bind = op.get_bind()
    schema = bind.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    policies = bind.execute(text("SELECT tablename, policyname FROM pg_policies"
                                 " WHERE schemaname = current_schema()")).all()
    for table, policy in policies:
        op.execute(text(f'DROP POLICY "{policy}" ON {table}'))
    for table in _tables():
        op.execute(text(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY"))
        op.execute(text(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"))
        op.execute(text(f"REVOKE ALL ON {table} FROM {STAFF}, {KEEPER}"))
    op.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {STAFF}"))
    for function in FUNCTIONS:  # their triggers go with them
        op.execute(text(f"DROP FUNCTION {function} CASCADE"))
