"""A clock the programs of a race test share: a counter in shared memory. `began` and `ended`
taken from it tell whether the programs really worked at the same time, whatever each process's
own clock says (a process may even be started at another fake date than its parent)."""

from multiprocessing.context import SpawnContext
from multiprocessing.sharedctypes import Synchronized


def shared_clock(context: SpawnContext) -> Synchronized:
    return context.Value("q", 0)


def tick(clock: Synchronized) -> int:
    """The next instant: later than every instant any program took before."""
    with clock.get_lock():
        clock.value += 1
        return clock.value


def worked_together(windows: list[tuple[int, int]]) -> bool:
    """Every program began before any of them ended."""
    return max(began for began, _ in windows) < min(ended for _, ended in windows)
