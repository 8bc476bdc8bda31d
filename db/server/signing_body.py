"""What the server runs to keep and use the office's signing key: the body of the PL/Python
functions that db/server/signing.py installs (never imported by the program; the server's own
Python runs it, as the owner role, with `plpy` and the function's arguments given).

- `office_key(plpy, who, office, reason, at)`: the office's key, made on the server the first
  time (or when the current one's private half is not here: a key moved in without it), or made
  anew when an administrator replaces it with `reason`. The private key goes into
  `officesecret`, which no staff role may read; the public key into `signingkey`.
  Returns [key_id, retired key_id or ''] ('' too when nothing was made).
- `sign_certificates(plpy, who, ids)`: the signatures of certificate rows the caller inserted
  unsigned, in the order of `ids`, after checking each against what the issuing service
  certifies (db/services/certificate_subjects.py, kept a second time here): the payload is the
  canonical text of the row's own columns, the firm's and the zone's names, the award,
  tenancy or approved, unreversed subsidy entries it covers, with a serial that leaves no gap.
  Each signed row gets its signature and, in its printed content, the code. What the rows name
  is read once for the whole batch (class Known), not certificate by certificate.
- `sign_statement(plpy, who, data)`: the signature of a month's audit statement whose payload
  names this database, the office's key, a real event of the trail and the caller.
Refusals raise plpy.error with SQLSTATE 42501, their words in English (the program says them
in the person's language: db/server/signing.py)."""

import base64
import hashlib
import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ISSUERS = ("clerk", "admin")
KEY_LOCK = 0x5A444B59  # "ZDKY": one key is made at a time
REFUSED = "42501"
STATEMENT_DOMAIN = b"zonedesk-audit-statement-v1\n"


def refuse(plpy, words: str) -> None:  # noqa: ANN001 (plpy: the server's module)
    plpy.error(f"signing refused: {words}", sqlstate=REFUSED)


def one(plpy, query: str, types: list[str], values: list[object]):  # noqa: ANN001, ANN201
    plan = plpy.prepare(query, types)
    rows = plpy.execute(plan, values)
    return rows[0] if rows.nrows() else None


def caller(plpy, who: str) -> tuple[bool, int | None, str | None, list[int]]:  # noqa: ANN001
    """(unbound: the owner or a superuser speaking, staff id, role, zones) of `who`."""
    row = one(plpy, "SELECT coalesce((SELECT r.rolsuper OR pg_has_role(r.oid, 'zonedesk_owner',"
                    " 'USAGE') FROM pg_roles r WHERE r.rolname = $1), false)"
                    " AND zonedesk_speaks_for($1) AS unbound, zonedesk_staff_id($1) AS staff,"
                    " zonedesk_role($1) AS role, zonedesk_zones($1) AS zones", ["text"], [who])
    return bool(row["unbound"]), row["staff"], row["role"], list(row["zones"] or [])


def b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def private_of(plpy, key_id: str) -> Ed25519PrivateKey | None:  # noqa: ANN001
    row = one(plpy, "SELECT private_key FROM officesecret WHERE key_id = $1", ["text"], [key_id])
    return Ed25519PrivateKey.from_private_bytes(bytes(row["private_key"])) if row else None


def current_key(plpy):  # noqa: ANN001, ANN201
    return one(plpy, "SELECT key_id, office FROM signingkey WHERE own AND retired_at IS NULL",
               [], [])


def office_key(plpy, who: str, office: str | None, reason: str | None,  # noqa: ANN001
               at: str) -> list[str]:
    unbound, staff, role, _ = caller(plpy, who)
    if not unbound and (role is None or (reason and role != "admin")):
        refuse(plpy, "the office's key is made at the first need of a member of the staff, and"
                     " replaced by an administrator only")
    plpy.execute(f"SELECT pg_advisory_xact_lock({KEY_LOCK})")
    current = current_key(plpy)
    if current is not None and not reason and private_of(plpy, current["key_id"]) is not None:
        return [current["key_id"], ""]
    retired = ""
    if current is not None:
        retired = current["key_id"]
        plpy.execute(plpy.prepare(
            "UPDATE signingkey SET retired_at = $2, retired_by = $3, retired_reason = $4"
            " WHERE key_id = $1", ["text", "timestamptz", "bigint", "text"]),
            [retired, at, staff, reason or "its private key is not on this server"])
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(serialization.Encoding.Raw,
                                               serialization.PublicFormat.Raw)
    key_id = hashlib.sha256(public).hexdigest()[:16]
    identity = one(plpy, "SELECT database_id FROM databaseidentity WHERE one = 1", [], [])
    named = office or (current["office"] if current is not None else "") or "server"
    plpy.execute(plpy.prepare(
        "INSERT INTO signingkey (key_id, public_key, office, own, added_by, added_at,"
        " database_id, retired_reason) VALUES ($1, $2, $3, true, $4, $5, $6, '')",
        ["text", "bytea", "text", "bigint", "timestamptz", "text"]),
        [key_id, public, named, staff, at, identity["database_id"] if identity else None])
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    plpy.execute(plpy.prepare("INSERT INTO officesecret (key_id, private_key) VALUES ($1, $2)",
                              ["text", "bytea"]), [key_id, raw])
    return [key_id, retired]


def area(dm2: int) -> str:
    return f"{dm2 // 100:,}.{dm2 % 100:02d}"


class Known:
    """What the rows being signed name, read at once (a query for each kind of thing, not for
    each certificate): zones, firms, the zones each firm has or had a tenancy in, tenancies,
    awards, the entries each subsidy confirmation covers and those it should cover, and whether
    each zone and year's serials up to the highest being signed run 1, 2, 3 … with no gap."""

    def __init__(self, plpy, rows: list) -> None:  # noqa: ANN001
        def read(query: str, types: list[str], *values: object) -> list:
            return list(plpy.execute(plpy.prepare(query, types), list(values)))

        def ids(name: str, kinds: tuple[str, ...] | None = None) -> list[int]:
            return sorted({r[name] for r in rows if r[name] is not None
                           and (kinds is None or r["kind"] in kinds)})

        firms = ids("enterprise_id")
        self.zones = {z["id"]: z for z in read(
            "SELECT id, code, name, service_centre FROM zone WHERE id = ANY($1)", ["bigint[]"],
            ids("zone_id"))}
        self.firms = {f["id"]: f for f in read(
            "SELECT id, uscc, name, zone_id FROM enterprise WHERE id = ANY($1)", ["bigint[]"],
            firms)}
        self.had = {(t["enterprise_id"], t["zone_id"]) for t in read(
            "SELECT DISTINCT enterprise_id, zone_id FROM tenancy WHERE enterprise_id = ANY($1)",
            ["bigint[]"], firms)}
        self.tenancies = {t["id"]: t for t in read(
            "SELECT id, enterprise_id, zone_id, unit, start_on::text AS since, end_on::text AS"
            " until, floor_area_dm2 FROM tenancy WHERE id = ANY($1)", ["bigint[]"],
            ids("tenancy_id", ("tenancy",)))}
        self.awards = {a["id"]: a for a in read(
            "SELECT * FROM award WHERE id = ANY($1)", ["bigint[]"],
            ids("award_id", ("little_giant", "loan_guarantee")))}
        subsidies = ids("id", ("subsidy",))
        self.covered: dict[int, list] = {i: [] for i in subsidies}
        for e in read("SELECT c.certificate_id, e.id, e.period, e.category, e.billed_fen,"
                      " e.subsidy_fen FROM certificatecover c JOIN subsidyentry e"
                      " ON e.id = c.entry_id WHERE c.certificate_id = ANY($1)", ["bigint[]"],
                      subsidies):
            self.covered[e["certificate_id"]].append(e)
        self.approved: dict[tuple[int, int], list] = {}
        for e in read("SELECT id, enterprise_id, zone_id, period FROM subsidyentry"
                      " WHERE enterprise_id = ANY($1) AND status = 'approved'"
                      " AND reverses_id IS NULL AND reversed_by_id IS NULL", ["bigint[]"],
                      ids("enterprise_id", ("subsidy",))):
            self.approved.setdefault((e["enterprise_id"], e["zone_id"]), []).append(e)
        highest: dict[tuple[int, int], int] = {}
        for r in rows:
            group = (r["zone_id"], int(r["issued_day"][:4]))
            highest[group] = max(highest.get(group, 0), r["seq"])
        taken = plpy.prepare("SELECT count(*) AS n, count(DISTINCT seq) AS d, min(seq) AS low"
                             " FROM certificate WHERE zone_id = $1 AND year = $2 AND seq <= $3",
                             ["bigint", "integer", "integer"])
        self.gapless = set()
        for (zone_id, year), seq in highest.items():
            count = plpy.execute(taken, [zone_id, year, seq])[0]
            if count["n"] == count["d"] == seq and count["low"] == 1:
                self.gapless.add((zone_id, year))


def subject_facts(plpy, known: Known, row,  # noqa: ANN001
                  issued: str) -> tuple[object, dict, list | None]:
    """(amount, facts, the covered entries as printed lines) that the issuing service would
    certify for this row; refuses what it would not certify."""
    kind = row["kind"]
    if kind == "subsidy":
        covered = known.covered.get(row["id"], [])
        due = [e for e in known.approved.get((row["enterprise_id"], row["zone_id"]), [])
               if row["period_from"] and row["period_from"] <= e["period"] <= row["period_to"]]
        if (not row["period_from"] or row["period_from"] > row["period_to"]
                or row["period_to"] > issued[:7] or not due
                or sorted(e["id"] for e in covered) != sorted(e["id"] for e in due)):
            refuse(plpy, "a subsidy confirmation covers exactly the approved, unreversed entries"
                         " of its firm, zone and months")
        lines = sorted((e["period"], e["category"], e["billed_fen"], e["subsidy_fen"])
                       for e in covered)
        return (sum(e["subsidy_fen"] for e in covered),
                {"period_from": row["period_from"], "period_to": row["period_to"]}, lines)
    if kind == "tenancy":
        tenancy = known.tenancies.get(row["tenancy_id"])
        if (tenancy is None or (tenancy["enterprise_id"], tenancy["zone_id"])
                != (row["enterprise_id"], row["zone_id"]) or tenancy["since"] > issued
                or (tenancy["until"] is not None and tenancy["until"] < issued)):
            refuse(plpy, "a tenancy confirmation names a tenancy of the firm in the zone"
                         " on the day of issue")
        return None, {"unit": tenancy["unit"], "since": tenancy["since"],
                      "area_m2": area(tenancy["floor_area_dm2"])}, None
    if kind in ("little_giant", "loan_guarantee"):
        award = known.awards.get(row["award_id"])
        if (award is None or (award["kind"], award["enterprise_id"], award["zone_id"])
                != (kind, row["enterprise_id"], row["zone_id"]) or award["status"] != "approved"
                or award["reverses_id"] is not None or award["reversed_by_id"] is not None):
            refuse(plpy, "only an approved award that was not reversed is certified")
        if kind == "little_giant":
            recognised = award["recognised_on"]
            facts = {"level": award["level"], "document_no": award["document_no"],
                     "recognised_on": str(recognised) if recognised else ""}
        else:
            facts = {"bank": award["bank"], "loan_fen": str(award["loan_fen"]),
                     "term_months": str(award["term_months"])}
        return award["amount_fen"], facts, None
    refuse(plpy, "unknown kind of certificate")
    return None, {}, None


def check(plpy, known: Known, row, key_id: str) -> None:  # noqa: ANN001
    """Refuses a row whose payload or printed content is not what the issuing service makes."""
    zone = known.zones.get(row["zone_id"])
    firm = known.firms.get(row["enterprise_id"])
    if zone is None or firm is None or (firm["zone_id"] != row["zone_id"]
                                        and (firm["id"], row["zone_id"]) not in known.had):
        refuse(plpy, "a certificate names a firm its zone has or had")
    issued = row["issued_day"]
    year = int(issued[:4])
    serial = f"{zone['code']}-{year}-{row['seq']:06d}"
    if (row["serial"] != serial or row["year"] != year
            or (row["zone_id"], year) not in known.gapless):
        refuse(plpy, "a serial is the zone's next of the year of issue")
    amount, facts, lines = subject_facts(plpy, known, row, issued)
    issuer = zone["service_centre"] or f"{zone['name']}服务中心"
    payload = canonical({"v": 1, "key": key_id, "serial": serial, "kind": row["kind"],
                         "uscc": firm["uscc"], "firm": firm["name"], "issuer": issuer,
                         "issued": issued, "amount": amount, "facts": facts})
    if (bytes(row["payload"]) != payload or row["amount_fen"] != amount
            or row["key_id"] != key_id):
        refuse(plpy, "the payload is not what this certificate certifies")
    printed = json.loads(row["content"])
    shown = {"serial": serial, "kind": row["kind"], "firm_name": firm["name"],
             "uscc": firm["uscc"], "zone_code": zone["code"], "zone_name": zone["name"],
             "issuer": issuer, "issued_on": issued, "amount_fen": amount, "facts": facts,
             "qr_text": ""}
    if any(printed.get(name) != value for name, value in shown.items()) or (
            lines is not None and sorted(
                (line.get("period"), line.get("category"), line.get("billed_fen"),
                 line.get("subsidy_fen")) for line in printed.get("lines", [])) != lines):
        refuse(plpy, "the printed content is not what the payload says")


def sign_certificates(plpy, who: str, ids: list[int]) -> list[bytes]:  # noqa: ANN001
    unbound, staff, role, zones = caller(plpy, who)
    current = current_key(plpy)
    private = private_of(plpy, current["key_id"]) if current is not None else None
    if private is None:
        refuse(plpy, "the office's key is not on this server")
    ids = list(ids or [])
    found = {row["id"]: row for row in plpy.execute(plpy.prepare(
        "SELECT c.*, (c.issued_at AT TIME ZONE 'Asia/Shanghai')::date::text AS issued_day"
        " FROM certificate c WHERE c.id = ANY($1) ORDER BY c.id FOR UPDATE", ["bigint[]"]), [ids])}
    rows = [found.get(certificate_id) for certificate_id in ids]
    if len(set(ids)) != len(ids) or any(
            row is None or bytes(row["signature"]) != b"" or row["status"] != "valid"
            for row in rows):
        refuse(plpy, "only a certificate inserted unsigned is signed, once")
    if not unbound and any(role not in ISSUERS or row["zone_id"] not in zones
                           or row["issued_by"] != staff for row in rows):
        refuse(plpy, "a certificate is signed for the clerk or administrator of its zone"
                     " who issues it")
    known = Known(plpy, rows)
    signatures, contents = [], []
    for row in rows:
        check(plpy, known, row, current["key_id"])
        signature = private.sign(bytes(row["payload"]))
        printed = json.loads(row["content"])
        printed["qr_text"] = f"ZD1.{b32(bytes(row['payload']))}.{b32(signature)}"
        signatures.append(signature)
        contents.append(json.dumps(printed, ensure_ascii=False, sort_keys=True))
    plpy.execute(plpy.prepare(
        "UPDATE certificate c SET signature = v.signature, content = v.content"
        " FROM unnest($1, $2, $3) AS v(id, signature, content) WHERE c.id = v.id",
        ["bigint[]", "bytea[]", "text[]"]), [ids, signatures, contents])
    return signatures


def sign_statement(plpy, who: str, data: bytes) -> bytes:  # noqa: ANN001
    unbound, _, role, _ = caller(plpy, who)
    if not unbound and role not in ("admin", "auditor"):
        refuse(plpy, "only an administrator or an auditor prints the audit's statement")
    current = current_key(plpy)
    private = private_of(plpy, current["key_id"]) if current is not None else None
    if private is None:
        refuse(plpy, "the office's key is not on this server")
    try:
        fields = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        fields = None
    identity = one(plpy, "SELECT database_id FROM databaseidentity WHERE one = 1", [], [])
    event = one(plpy, "SELECT hash FROM auditevent WHERE seq = $1", ["bigint"],
                [fields.get("seq") if isinstance(fields, dict)
                 and isinstance(fields.get("seq"), int) else -1])
    if (not isinstance(fields, dict) or canonical(fields) != bytes(data) or event is None
            or fields.get("hash") != event["hash"] or fields.get("key") != current["key_id"]
            or identity is None or fields.get("db") != identity["database_id"]
            or (not unbound and fields.get("by") != who)):
        refuse(plpy, "the statement does not state this trail's event for its caller")
    return private.sign(STATEMENT_DOMAIN + bytes(data))
