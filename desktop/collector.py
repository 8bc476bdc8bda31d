"""Python's cycle collector runs on whatever thread happens to allocate when its thresholds are
crossed: often the database thread. Cyclic garbage holding Qt objects (a widget's closures, an
exception's traceback through a pane's frames) freed there makes PySide undo Qt connections
from the wrong thread, and the program crashes now and then. So the automatic collector is off
and the UI thread collects, from a timer, as often as the thresholds would have asked."""

import gc

from PySide6.QtCore import QObject, QTimer

EVERY_MS = 250


class Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(EVERY_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        """The youngest generation whose count is over its threshold, and those below it."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_ui_thread(app: QObject) -> None:
    """From now on, cycles are collected on the thread of `app` (the UI thread) only."""
    if app.findChild(Collector) is None:
        gc.disable()
        Collector(app)
