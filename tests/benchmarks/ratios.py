"""An action timed beside its hand-written floor in the same run, alternating, so that a
regression shows as a ratio rather than as a noisy absolute time. Every benchmark that has a
floor records its pair here; test_ratios.py prints them all as one table at the end."""

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Ratio:
    action: str
    seconds: float  # the program's best round
    floor_seconds: float  # the floor's best round
    target: float  # the ratio the issue asks for at most

    @property
    def ratio(self) -> float:
        return self.seconds / max(self.floor_seconds, 1e-9)

    def line(self) -> str:
        held = "held" if self.ratio <= self.target else "NOT held"
        return (f"{self.action:<58} {self.seconds * 1000:9.1f} ms  floor {self.floor_seconds * 1000:9.1f} ms"
                f"  ×{self.ratio:5.2f} (target ×{self.target:g}: {held})")


RECORDED: list[Ratio] = []  # every pair measured in this run, in order


def best_of(run: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def paired(action: str, run: Callable[[], object], floor: Callable[[], object], *, rounds: int = 5,
           target: float) -> Ratio:
    """The best of `rounds` for the action and for its floor, taken alternately (a warm-up of
    each first), recorded for the table."""
    run(), floor()
    ours = theirs = float("inf")
    for _ in range(rounds):
        ours = min(ours, best_of(run, 1))
        theirs = min(theirs, best_of(floor, 1))
    pair = Ratio(action, ours, theirs, target)
    RECORDED.append(pair)
    print(pair.line())
    return pair
