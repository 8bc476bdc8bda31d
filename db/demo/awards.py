"""The demo's little-giant awards and loan guarantees, recorded within its twelve months (see
db/demo/money.py, which counts them into the books its budgets are sized from)."""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from db.audit import Change
from db.demo.calendar import audited, stamp, utc_of
from db.models import Award

if TYPE_CHECKING:
    from db.demo.money import _Firm

_AWARD_KEYS = tuple(Award.model_fields)  # the columns
_BANKS = ("上海银行", "上海农商银行", "中国银行上海市分行", "中国工商银行上海市分行",
          "中国建设银行上海市分行", "浦发银行", "交通银行上海市分行")


def record_awards(connection, rng, firms, clerk_of, reviewer_of, load, books, calendar) -> int:  # noqa: ANN001
    """Little-giant awards for the firms recognised since the award rates apply, and loan
    guarantees for a few core-technology firms, recorded within the demo's twelve months; most
    approved, some waiting in the queue (Z01's first of each kind among them)."""
    rates = connection.execute("SELECT level, valid_from, amount_fen FROM awardrate ORDER BY valid_from").fetchall()
    zone_of = dict(connection.execute("SELECT id, code FROM zone"))
    rows, count = [], 0
    next_id = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM award").fetchone()[0]
    z01_waiting = {"little_giant": False, "loan_guarantee": False}
    latest = calendar.day_begins - timedelta(days=1)

    def add(firm: "_Firm", kind: str, earliest: datetime, **values: object) -> None:
        nonlocal next_id, count
        if earliest >= latest:
            return  # recognised only days ago: the award is still to be recorded
        first_of_zone = zone_of[firm.zone_id] == "Z01" and not z01_waiting[kind]
        status = "submitted" if first_of_zone or rng.random() < 0.12 else "approved"
        entered = earliest + (latest - earliest) * rng.random()
        decided = entered + timedelta(days=rng.randint(2, 12)) if status == "approved" else None
        if decided is not None and decided > calendar.before_today(decided):
            status, decided = "submitted", None  # it would be decided after today: it waits
        z01_waiting[kind] = z01_waiting[kind] or (first_of_zone and status == "submitted")
        row = {"id": next_id, "enterprise_id": firm.id, "zone_id": firm.zone_id, "kind": kind, "level": "",
               "recognised_on": None, "document_no": "", "bank": "", "loan_fen": 0, "term_months": 0,
               "status": status, "reverses_id": None, "reversed_by_id": None, "reason": "",
               "entered_by": clerk_of[firm.zone_id], "entered_at": entered,
               "decided_by": reviewer_of[firm.zone_id] if decided else None, "decided_at": decided,
               "decision_note": "", "version": 2 if status == "submitted" else 3} | values
        stored = {k: (stamp(v)[0] if isinstance(v, datetime) else v) for k, v in row.items()}
        rows.append(tuple(stored[k] for k in _AWARD_KEYS))
        load.change(Change("award.demo_load", "award", next_id, None, audited(row)))
        if kind == "little_giant":
            books.count_award(firm.zone_id, row["amount_fen"], decided, calendar.today.year)
        next_id += 1
        count += 1

    for firm in firms:
        if firm.giant_level != "none" and firm.recognised_on:
            amounts = [a for level, since, a in rates if level == firm.giant_level and since <= firm.recognised_on]
            if amounts:  # recognised after the award policy began
                number = rng.randint(10, 300)
                document = (f"工信部企业函〔{firm.recognised_on[:4]}〕{number}号" if firm.giant_level == "national"
                            else f"沪经信企〔{firm.recognised_on[:4]}〕{number}号")
                recognised = utc_of(date.fromisoformat(firm.recognised_on) + timedelta(days=7))
                add(firm, "little_giant", max(calendar.start, recognised), level=firm.giant_level,
                    recognised_on=firm.recognised_on, document_no=document, amount_fen=amounts[-1])
        if firm.core_tech and rng.random() < 0.025:
            total = 0
            for _ in range(2 if rng.random() < 0.15 else 1):  # some firms have two guaranteed loans
                loan = rng.randint(5, 80) * 100_000_000  # 5 to 80 million yuan
                guaranteed = min(loan * rng.randint(50, 80) // 100 // 1_000_000 * 1_000_000,
                                 3_000_000_000 - total)
                if guaranteed <= 0:
                    break
                total += guaranteed
                add(firm, "loan_guarantee", calendar.start, bank=rng.choice(_BANKS), loan_fen=loan,
                    term_months=rng.choice((12, 24, 36, 60)), amount_fen=guaranteed)
    connection.executemany(
        f"INSERT INTO award ({', '.join(_AWARD_KEYS)}) VALUES ({', '.join('?' * len(_AWARD_KEYS))})", rows)
    return count
