"""Two and ten "PCs" on one server: processes, each logged in as its own person with its own
password (the server checks it, and row-level security scopes by `current_user`). Clerks type
the same bills of the same sheet at once, as each saw it empty, and submit what they saved;
reviewers approve from the same queue at once. No update is lost (a bill saved over another's
is refused, never silently replaced), no entry is approved twice, every approval is a reviewer's
of the zone on an entry they did not enter, and the audit trail verifies.

Certificates are raced too: clerks and an administrator each issue batches in one zone and year
at once, on a server whose office key does not exist yet (the first to need it has the server
make it). One key is made; the serials run 1, 2, 3 … with no gap and none twice, each in the
name of who issued it; another zone's serials run on their own; every code verifies."""

import multiprocessing
import random
import time
import traceback
from collections import Counter

import pytest

from db import audit
from db.clock import today_shanghai, utc_now
from db.errors import ChangedMeanwhile
from db.queries.approvals import approval_queue
from db.queries.verification import verify_code
from db.server.connection import ServerDatabase
from db.services import approvals, auth, staff, subsidies
from db.services.certificates import CertificateRequest, issue_many
from db.services.subsidies import Bill
from tests.conftest import PASSWORD, Staff
from tests.fixed_clock import travel_in_child
from tests.race import shared_clock, tick, worked_together
from tests.rules.test_money_rules import YEAR, Desk

FIRMS = 12
MONTHS = [f"{YEAR}-{m:02d}" for m in (3, 4, 5)]
BATCH = 3  # entries a reviewer approves together; certificates an issuer issues together
ROUNDS = 6  # batches each issuer issues
SAVED_OVER = ("Someone else saved this bill after you opened the sheet: reload the sheet to see it,"
              " then type yours again.")


def _billed(clerk: int, firm: int, period: str) -> int:
    """What clerk number `clerk` types for a firm's month: each clerk a different amount, so
    that whose bill was kept shows."""
    return 100_000 + 1_000 * firm + 10 * int(period[-2:]) + clerk


def _clerk(program: ServerDatabase, actor, number: int, firms: list[int], done) -> dict:  # noqa: ANN001
    """Types every firm's bill of each month as the sheet showed it (no entry yet), one save a
    bill, and submits what it saved. Returns the bills it kept and how often it was refused."""
    kept, refused, words = {}, 0, set()
    rng = random.Random(number)
    try:
        for period in MONTHS:
            order = firms[:]
            rng.shuffle(order)  # the clerks meet on the same bills, in different orders
            for firm in order:
                billed = _billed(number, firm, period)
                bill = Bill(firm, "electricity", billed, billed // 100, f"DF-{number}",
                            expected_version=0)
                try:
                    (entry_id,) = subsidies.save_bills(program, actor=actor, zone_id=1,
                                                       period=period, bills=[bill])
                except ChangedMeanwhile as loser:
                    refused += 1
                    words.add(loser.message())
                    continue
                assert subsidies.submit_entries(program, actor=actor, entry_ids=[entry_id]) == 1
                kept[entry_id] = (firm, period, billed)
    finally:
        done.release()
    return {"kept": kept, "refused": refused, "words": sorted(words)}


def _reviewer(program: ServerDatabase, actor, number: int, clerks: int, done) -> dict:  # noqa: ANN001
    """Approves from the zone's queue until the clerks are done and it is empty; the loser of
    a race on an entry is told so, and reloads."""
    approved, lost, words = [], 0, set()
    rng = random.Random(100 + number)
    while True:
        finished = done.get_value() == clerks  # read before the queue: the last is then seen
        queue = [item.id for item in approval_queue(program, actor=actor, zone_id=1)]
        if not queue:
            if finished:
                break
            time.sleep(0.005)
            continue
        batch = rng.sample(queue[:BATCH * 3], min(BATCH, len(queue)))  # the same head, often
        try:
            approvals.approve(program, actor=actor, entry_ids=batch)
        except ChangedMeanwhile as loser:
            lost += 1
            words.add(loser.message().replace(str(loser.values["id"]), "{id}"))
            time.sleep(rng.random() / 200)
            continue
        approved += batch
    return {"approved": approved, "lost": lost, "words": sorted(words)}


def _issuer(program: ServerDatabase, actor, number: int, firms: dict[int, list[int]],  # noqa: ANN001
            done) -> dict:  # noqa: ANN001
    """Issues ROUNDS batches of tenancy confirmations, each of BATCH firms of its zone (the same
    firms as the others, often: a firm may have several). Returns the serials it was given."""
    rng = random.Random(200 + number)
    zone_id = min(z for z in firms if actor.covers(z))
    issued = []
    try:
        for _ in range(ROUNDS):
            batch = rng.sample(firms[zone_id], BATCH)
            issued += [(one.serial, one.certificate_id, one.printed.qr_text) for one in issue_many(
                program, actor=actor, requests=[CertificateRequest("tenancy", firm, zone_id)
                                                for firm in batch])]
    finally:
        done.release()
    return {"issued": issued}


WORK = {"clerk": _clerk, "reviewer": _reviewer, "issuer": _issuer}


def _pc(url: str, username: str, kind: str, number: int, work: tuple, start, results, now,  # noqa: ANN001, PLR0913
        clock, done) -> None:
    """One PC: the program started on the server's URL, logged in as `username`."""
    travel_in_child(now)
    program = ServerDatabase(url)
    try:
        actor = auth.log_in(program, username=username, password=PASSWORD)
        assert program.user == username  # connected as the person, not as anyone else
        start.wait(120)
        began = tick(clock)
        detail = WORK[kind](program, actor, number, *work, done)
        results.put((username, "ok", (began, tick(clock), detail)))
    except BaseException:  # reported to the parent, which fails the test with it
        results.put((username, "error", traceback.format_exc()))
    finally:
        program.dispose()


class _Count:
    """How many clerks are done, shared between the processes."""

    def __init__(self, context) -> None:  # noqa: ANN001
        self._value = context.Value("i", 0)

    def release(self) -> None:
        with self._value.get_lock():
            self._value.value += 1

    def get_value(self) -> int:
        return self._value.value


def _raced(url: str, plan: list[tuple[str, str, int, tuple]]) -> dict:
    """Each (username, kind, number, work) of `plan` started as a PC of its own on `url` (which
    names no person), all let go at once; their reports by username, after checking that each
    ended well and that they worked at the same time."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(len(plan)), context.Queue()
    now, clock, done = utc_now(), shared_clock(context), _Count(context)
    programs = [context.Process(target=_pc, args=(url, username, kind, number, work, start,
                                                  results, now, clock, done))
                for username, kind, number, work in plan]
    for program in programs:
        program.start()
    reports = {name: (status, detail) for name, status, detail in
               (results.get(timeout=600) for _ in programs)}
    for program in programs:
        program.join(timeout=60)
    for name, (status, detail) in reports.items():
        assert status == "ok", f"{name} failed:\n{detail}"
    assert all(program.exitcode == 0 for program in programs)
    assert worked_together([detail[:2] for _, detail in reports.values()]), \
        "the programs did not work at the same time"
    return reports


@pytest.mark.parametrize(("clerks", "reviewers"), [(1, 1), (4, 6)], ids=["2 PCs", "10 PCs"])
def test_pcs_typing_and_approving_at_once(postgres_server, server_database, clerks, reviewers):
    office = ServerDatabase(postgres_server.url(database=server_database))  # the district's IT
    people = Staff(office)
    desk = Desk(office, people)
    firms = [desk.firm() for _ in range(FIRMS)]
    names = {"clerk": [f"race_clerk{n}" for n in range(1, clerks + 1)],
             "reviewer": [f"race_reviewer{n}" for n in range(1, reviewers + 1)]}
    ids = {}
    for role, usernames in names.items():
        for username in usernames:
            ids[username] = staff.create_staff(office, actor=people.admin, username=username,
                                               display_name="测试", role=role, zone_ids=[1],
                                               password=PASSWORD)
    seq = desk.seq()
    office.dispose()
    plan = [(username, "clerk", n, (firms,)) for n, username in enumerate(names["clerk"], 1)]
    plan += [(username, "reviewer", n, (clerks,))
             for n, username in enumerate(names["reviewer"], 1)]
    reports = _raced(postgres_server.url(user=None, database=server_database), plan)
    clerk_reports = [reports[name][1][2] for name in names["clerk"]]
    reviewer_reports = [reports[name][1][2] for name in names["reviewer"]]

    # no lost update: one entry a firm's month, the bill of the clerk who saved it first, as
    # typed; every other clerk was refused and told to reload
    entries = {row["id"]: row for row in desk.table("subsidyentry")}
    kept = {}
    for name, report in zip(names["clerk"], clerk_reports, strict=True):
        for entry_id, cell in report["kept"].items():
            assert entry_id not in kept
            kept[entry_id] = (name, *cell)
    assert set(entries) == set(kept)
    assert sorted((firm, period) for _, firm, period, _ in kept.values()) == sorted(
        (firm, period) for firm in firms for period in MONTHS)
    for entry_id, (name, firm, period, billed) in kept.items():
        row = entries[entry_id]
        assert (row["enterprise_id"], row["period"], row["billed_fen"]) == (firm, period, billed)
        assert row["entered_by"] == ids[name]
    assert sum(r["refused"] for r in clerk_reports) == (clerks - 1) * FIRMS * len(MONTHS)
    if clerks > 1:
        words = {w for r in clerk_reports for w in r["words"]}  # each names its firm and month
        assert words and all(w.endswith(SAVED_OVER) for w in words), words

    # no double approval: everything was approved, once, by a reviewer of the zone who did not
    # enter it, and each approval is one event
    approved = [i for r in reviewer_reports for i in r["approved"]]
    assert sorted(approved) == sorted(entries)
    assert {row["status"] for row in entries.values()} == {"approved"}
    by = {i: ids[name] for name, r in zip(names["reviewer"], reviewer_reports, strict=True)
          for i in r["approved"]}
    assert all(entries[i]["decided_by"] == by[i] != entries[i]["entered_by"] for i in entries)
    events = Counter((action, int(entity)) for action, _, entity in desk.events_since(seq))
    assert all(n == 1 for n in events.values())
    assert Counter(action for action, _ in events.elements()) == {
        "entry.draft": len(entries), "entry.submit": len(entries), "entry.approve": len(entries),
        "staff.log_in": clerks + reviewers}  # each PC's person, once
    if reviewers > 1:
        assert sum(r["lost"] for r in reviewer_reports) > 0, "the reviewers never met"
        assert {w for r in reviewer_reports for w in r["words"]} == {
            "Entry {id} is no longer waiting for review (it is approved): reload the queue."}

    # the audit trail is one line, and the rows agree with it
    office = ServerDatabase(postgres_server.url(database=server_database))
    try:
        check = audit.verify(office)
        assert check.ok, check.sentence()
    finally:
        office.dispose()


@pytest.mark.parametrize(("clerks", "admins"), [(1, 1), (8, 1)], ids=["2 PCs", "10 PCs"])
def test_pcs_issuing_certificates_at_once(postgres_server, server_database, clerks, admins):
    office = ServerDatabase(postgres_server.url(database=server_database))  # the district's IT
    people = Staff(office)
    desk = Desk(office, people)
    firms = {1: [desk.firm() for _ in range(FIRMS)], 2: [desk.firm(zone_id=2) for _ in range(BATCH)]}
    zones = {f"race_clerk{n}": [2 if n == clerks > 1 else 1] for n in range(1, clerks + 1)}
    zones |= {f"race_admin{n}": [] for n in range(1, admins + 1)}  # all zones: issues in Z01
    ids = {username: staff.create_staff(
        office, actor=people.admin, username=username, display_name="签发员",
        role="admin" if "admin" in username else "clerk", zone_ids=zone_ids, password=PASSWORD)
        for username, zone_ids in zones.items()}
    seq = desk.seq()
    assert desk.table("signingkey") == []  # the first to issue has the server make the key
    office.dispose()
    plan = [(username, "issuer", n, (firms,)) for n, username in enumerate(zones, 1)]
    reports = _raced(postgres_server.url(user=None, database=server_database), plan)
    issued = {name: report[1][2]["issued"] for name, report in reports.items()}

    # one key, made once, in the name of one of them
    (key,) = desk.table("signingkey")
    assert key["own"] and key["retired_at"] is None and key["added_by"] in ids.values()
    # each zone's serials of the year 1, 2, 3 …: no gap, none twice, each the issuer's
    certificates = desk.table("certificate")
    assert len(certificates) == len(zones) * ROUNDS * BATCH
    for zone_id in (1, 2):
        rows = [row for row in certificates if row["zone_id"] == zone_id]
        assert sorted(row["seq"] for row in rows) == list(range(1, len(rows) + 1))
        assert len({row["serial"] for row in rows}) == len(rows)
        assert {row["year"] for row in rows} <= {today_shanghai().year}
    assert len([row for row in certificates if row["zone_id"] == 2]) == (
        ROUNDS * BATCH if clerks > 1 else 0)
    by_id = {row["id"]: row for row in certificates}
    for name, serials in issued.items():
        for serial, certificate_id, _ in serials:
            assert by_id[certificate_id]["serial"] == serial
            assert by_id[certificate_id]["issued_by"] == ids[name]
            assert by_id[certificate_id]["key_id"] == key["key_id"]
    events = Counter((action, entity) for action, _, entity in desk.events_since(seq))
    assert Counter(action for action, _ in events.elements()) == {
        "certificate.issue": len(certificates), "key.register": 1, "staff.log_in": len(zones)}
    assert all(n == 1 for n in events.values())

    office = ServerDatabase(postgres_server.url(user=None, database=server_database))
    try:  # every code verifies, read by an auditor; the trail is one line
        auditor = auth.log_in(office, username="auditor", password=PASSWORD)
        for serials in issued.values():
            for serial, _, code in serials:
                assert verify_code(office, actor=auditor, text=code).outcome == "valid", serial
    finally:
        office.dispose()
    office = ServerDatabase(postgres_server.url(database=server_database))
    try:
        check = audit.verify(office)
        assert check.ok, check.sentence()
    finally:
        office.dispose()
