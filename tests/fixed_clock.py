"""The tests' clock. No test reads the real calendar: the whole run travels (time-machine) to
TEST_MOMENT, and each test starts there again, or at the moment its `now` marker names:

    @pytest.mark.now("2027-01-01T00:30:00+08:00")   # half past midnight in Shanghai, UTC still 2026

A test that reads the real calendar on purpose says so with `@pytest.mark.real_clock`.
Processes a test spawns start with the real clock: their first call is `travel_in_child(moment)`,
with the moment the test handed them (`clock.utc_now()` in the test).

Only the tests move the clock: the program has no switch, variable or flag that does.
"""

from datetime import datetime

import time_machine

from db.clock import SHANGHAI

TEST_MOMENT = datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI)  # a Sunday morning in the demo era


def moment_of(text: str) -> datetime:
    """'2027-01-01T00:30:00+08:00' -> an aware datetime; an offset is required, so that what
    a test means by midnight is never left to the machine's time zone."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r}: give the moment with its offset, e.g. +08:00")
    return moment


def travel(moment: datetime) -> time_machine.travel:
    """Time starts at `moment` and runs on from there (tick), as in a real program."""
    return time_machine.travel(moment, tick=True)


def travel_in_child(moment: datetime) -> None:
    """For a spawned process: from now on it lives at `moment` too (until it exits)."""
    travel(moment).start()
