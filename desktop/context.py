"""What every pane and dialog is given: the database, the background runner, the change bus and
the signed-in person. Injected, never reached through a global."""

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from db.access import Actor
from db.engine import Database
from desktop.background import BackgroundRunner


class ChangeBus(QObject):
    """One notification after each write: `changed(kind, id)`; views refresh what concerns them.
    kind is 'enterprise', 'tenancy', 'zone', 'staff', 'subsidy_entry', 'award', 'policy',
    'certificate' or 'key'; id is None when many changed."""

    changed = Signal(str, object)


@dataclass
class AppContext:
    db: Database
    runner: BackgroundRunner
    bus: ChangeBus
    actor: Actor
