"""Three programs on one database file at once: a clerk saving and submitting a zone's bills
month after month, and two reviewers approving the same queue as it fills. No entry approved
twice, none lost, the budget never exceeded, never an unhandled "database is locked": the
loser of a race is told the entry is no longer waiting and reloads."""

import multiprocessing
import random
import sqlite3
import time
import traceback
from collections import Counter

from db import audit, passwords
from db.access import Actor
from db.clock import utc_now
from db.engine import Database
from db.errors import ChangedMeanwhile, ValidationError
from db.money import subsidy_rules as rules
from db.queries.approvals import approval_queue
from db.server.connection import ServerDatabase, is_server_url
from db.services import approvals, auth, staff, subsidies
from db.services.subsidies import Bill
from tests.conftest import PASSWORD
from tests.fixed_clock import travel_in_child
from tests.race import shared_clock, tick, worked_together
from tests.rules.test_money_rules import RATES, YEAR, Desk

FIRMS = 40
MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 7)]
CHUNK = 20  # bills saved and submitted together
BATCH = 4  # entries a reviewer approves together
BUDGET_SHARE = 0.7  # of all the subsidies asked: the rest must stay waiting


def _clerk(path: str, actor: Actor, bills: dict[str, list[tuple[int, int]]], done, start, results,
           now, clock) -> None:
    travel_in_child(now)
    passwords.use_cheap_hashing()
    database = ServerDatabase(path) if is_server_url(path) else Database(path)
    try:
        start.wait(60)
        began, saved = tick(clock), {}
        for period, month in bills.items():
            for first in range(0, len(month), CHUNK):
                chunk = [Bill(firm, "electricity", billed, billed // 100, f"DF-{period}-{firm}")
                         for firm, billed in month[first:first + CHUNK]]
                ids = subsidies.save_bills(database, actor=actor, zone_id=1, period=period, bills=chunk)
                assert subsidies.submit_entries(database, actor=actor, entry_ids=ids) == len(ids)
                saved.update({entry_id: (bill.enterprise_id, period, bill.billed_fen)
                              for entry_id, bill in zip(ids, chunk, strict=True)})
        results.put(("clerk", "ok", (began, tick(clock), saved)))
    except BaseException:  # reported to the parent, which fails the test with it
        results.put(("clerk", "error", traceback.format_exc()))
    finally:
        done.set()
        database.dispose()


def _reviewer(path: str, actor: Actor, head: list[int], done, start, results, now, clock) -> None:
    travel_in_child(now)
    passwords.use_cheap_hashing()
    database = ServerDatabase(path) if is_server_url(path) else Database(path)
    approved, lost, over_budget, messages = [], 0, set(), set()
    rng = random.Random(actor.staff_id)

    def try_approve(batch: list[int]) -> bool:
        """True when approved; False when another reviewer was faster (reload and go on)."""
        nonlocal lost
        try:
            approvals.approve(database, actor=actor, entry_ids=batch)
        except ChangedMeanwhile as loser:
            lost += 1
            messages.add(loser.message().replace(str(loser.values["id"]), "{id}"))
            time.sleep(rng.random() / 100)  # a person takes a moment to reload
            return False
        approved.extend(batch)
        return True

    try:
        start.wait(60)
        began = tick(clock)
        try_approve(head)  # both at once, the same entries: exactly one of the two wins
        while True:
            finished = done.is_set()  # read before the queue: a last submission is then seen
            queue = [i.id for i in approval_queue(database, actor=actor, zone_id=1)
                     if i.id not in over_budget]
            if not queue:
                if finished:
                    break
                time.sleep(0.005)
                continue
            # each picks from the same queue: now and then the same entry
            batch = rng.sample(queue, min(BATCH, len(queue)))
            try:
                try_approve(batch)
            except ValidationError as refused:
                assert refused.field == "budget", refused
                for entry_id in batch:  # one by one, to approve what still fits
                    try:
                        try_approve([entry_id])
                    except ValidationError as too_much:
                        assert too_much.field == "budget", too_much
                        over_budget.add(entry_id)
        results.put((actor.username, "ok", (began, tick(clock), approved, lost, sorted(messages))))
    except BaseException:
        results.put((actor.username, "error", traceback.format_exc()))
    finally:
        database.dispose()


def test_a_clerk_and_two_reviewers_at_once(db, people):
    desk = Desk(db, people, budgets=False)
    staff.create_staff(db, actor=people.admin, username="reviewer2", display_name="赵磊", role="reviewer",
                       zone_ids=[1], password=PASSWORD)
    second = auth.log_in(db, username="reviewer2", password=PASSWORD)
    firms = [desk.firm() for _ in range(FIRMS)]
    rng = random.Random(11)
    bills = {period: [(firm, rng.randint(100_000, 2_000_000)) for firm in firms] for period in MONTHS}
    rate_bp = RATES["electricity"][0]
    asked = sum(rules.bill_share(billed, rate_bp) for month in bills.values() for _, billed in month)
    budget = int(asked * BUDGET_SHARE)
    desk.set_budgets(categories=("electricity",), amount_fen=budget)
    desk.set_budgets(categories=("water",))
    head = [desk.submitted(firm, "water", MONTHS[0], 10_000) for firm in firms[:10]]
    seq = desk.seq()
    db.dispose()

    context = multiprocessing.get_context("spawn")
    start, done, results = context.Barrier(3), context.Event(), context.Queue()
    now, clock = utc_now(), shared_clock(context)
    target = db.url if isinstance(db, ServerDatabase) else str(db.path)  # a file, or a server's
    programs = [context.Process(target=_clerk, args=(target, people.clerk, bills, done, start, results,
                                                                now, clock))]
    programs += [context.Process(target=_reviewer, args=(target, reviewer, head, done, start, results,
                                                                     now, clock))
                 for reviewer in (people.reviewer, second)]
    for program in programs:
        program.start()
    reports = {name: (status, detail) for name, status, detail in (results.get(timeout=300) for _ in programs)}
    for program in programs:
        program.join(timeout=30)
    for name, (status, detail) in reports.items():
        assert status == "ok", f"{name} failed:\n{detail}"
    assert all(program.exitcode == 0 for program in programs)
    windows = [detail[:2] for _, detail in reports.values()]
    assert worked_together(windows), \
        "the three programs did not work at the same time"

    # nothing lost: every bill the clerk saved is there as typed, computed as the rules say
    saved = reports["clerk"][1][2]
    assert len(saved) == FIRMS * len(MONTHS)
    entries = {row["id"]: row for row in desk.table("subsidyentry")}
    assert set(entries) == set(saved) | set(head)
    for entry_id, (firm, period, billed) in saved.items():
        row = entries[entry_id]
        assert (row["enterprise_id"], row["period"], row["billed_fen"]) == (firm, period, billed)
        assert row["subsidy_fen"] == rules.bill_share(billed, rate_bp)
        assert row["status"] in ("approved", "submitted")
        assert row["entered_by"] == people.clerk.staff_id
    assert {entries[i]["status"] for i in head} == {"approved"}
    assert len({entries[i]["decided_by"] for i in head}) == 1
    # nothing approved twice: one approval event per approved entry, each by one reviewer
    approved = {i for i, row in entries.items() if row["status"] == "approved"}
    by_reviewer = [reports[r.username][1][2] for r in (people.reviewer, second)]
    assert sorted(by_reviewer[0] + by_reviewer[1]) == sorted(approved)
    events = Counter((action, int(entity)) for action, _, entity in desk.events_since(seq))
    assert {e for (action, e), n in events.items() if action == "entry.approve"} == approved
    assert all(n == 1 for n in events.values())
    assert Counter(action for action, _ in events.elements()) == {
        "entry.draft": len(saved), "entry.submit": len(saved), "entry.approve": len(approved)}
    assert len(approved) > len(head)
    for entry_id in approved:
        assert entries[entry_id]["decided_by"] in (people.reviewer.staff_id, second.staff_id)
    # the budget held, and what still waits does not fit in what is left
    used = sum(entries[i]["subsidy_fen"] for i in approved - set(head))
    assert used <= budget
    waiting = [row["subsidy_fen"] for row in entries.values() if row["status"] == "submitted"]
    assert waiting and all(amount > budget - used for amount in waiting)
    # the race was run, and its losers were told to reload
    lost = sum(reports[r.username][1][3] for r in (people.reviewer, second))
    messages = {m for r in (people.reviewer, second) for m in reports[r.username][1][4]}
    assert lost > 0, "the two reviewers never met on the same entry"  # at least at the head
    assert messages == {"Entry {id} is no longer waiting for review (it is approved): reload the queue."}

    db.dispose()
    check = audit.verify(db)
    assert check.ok, check
    if isinstance(db, Database):  # a file's own soundness; a server keeps its files itself
        connection = sqlite3.connect(db.path)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            connection.close()
