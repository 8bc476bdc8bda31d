"""A lazy table model over a long list read from the database a page at a time.

Only the pages loaded so far are held. `set_filter` starts over: the model empties, the first
page is asked of the database thread, then (once it has arrived) the summary of everything the
filter matches (a count, totals). Scrolling to the end asks for the next page through
canFetchMore/fetchMore. Every request carries the generation it was made for: an answer for an
outdated filter is dropped, requests not yet started are cancelled, and a summary still being
computed is stopped (its function polls `cancelled`).

Subclasses say how to read a page and the summary, what to do with the summary, their column
titles (`_headers`, set in their constructor) and how rows show (`_text`, `_style`: see
desktop/widgets/rows_model.py), and which columns a header click sorts by (`SORT_KEYS`: the
list is then read again, sorted in SQL, `_sort` passed to the page query).
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from shiboken6 import isValid

from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.widgets.rows_model import Index, Row, RowsTableModel

Filter = TypeVar("Filter")


class PagedTableModel(RowsTableModel[Row], Generic[Row, Filter]):
    page_loaded = Signal()  # rows arrived (a page, or a refresh)
    # column → the page query's name for it: a click on its header sorts the list in SQL
    # (`sort=(name, descending)` passed to the page query, which whitelists the names)
    SORT_KEYS: dict[int, str] = {}

    def __init__(self, context: AppContext, flt: Filter, parent: Any = None) -> None:
        super().__init__((), parent)  # the column titles (_headers) are set by the subclass
        self._context = context
        self._filter = flt
        self._generation = 0
        self._tasks: list[Task] = []
        self._loading = False
        self._exhausted = True
        self._sort: tuple[str, bool] | None = None

    def sortable(self, column: int) -> bool:
        return column in self.SORT_KEYS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reads the list again in that column's order (-1: back to the list's own order)."""
        key = self.SORT_KEYS.get(column)
        self._sort = None if key is None else (key, order == Qt.SortOrder.DescendingOrder)
        self.set_filter(self._filter)

    # --- what subclasses say ------------------------------------------------------------
    def _page_size(self) -> int:
        raise NotImplementedError

    def _page_reader(self, flt: Filter, loaded: list[Row], limit: int) -> Callable[[], list[Row]]:
        """A function, run on the database thread, reading `limit` rows after `loaded` (the
        rows held so far; empty for the first page). It must capture plain values only."""
        raise NotImplementedError

    def _summary_reader(self, flt: Filter) -> Callable[[Callable[[], bool]], object]:
        """A function of `cancelled`, run on the database thread, summarising the filter."""
        raise NotImplementedError

    def _summary_changed(self, summary: object | None) -> None:
        """The summary arrived (None: a new filter's summary is not known yet)."""
        raise NotImplementedError

    # --- what the pane asks -------------------------------------------------------------
    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def sorting(self) -> tuple[str, bool] | None:
        """The header's sort the page query is given (None: the list's own order)."""
        return self._sort

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: Filter) -> None:
        self._filter = flt
        generation = self._next_generation()
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._loading = True  # a view asking fetchMore inside endResetModel waits for the page
        self.endResetModel()
        self._summary_changed(None)
        self._request_page(generation, [], self._page_size(), replace=False)

    def refresh(self) -> None:
        """Reloads the rows loaded so far and the summary (after a change elsewhere)."""
        generation = self._next_generation()
        self._request_page(generation, [], max(self._page_size(), len(self._rows)), replace=True)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._request_page(self._generation, list(self._rows), self._page_size(), replace=False)

    # --- the database thread's answers --------------------------------------------------
    def _next_generation(self) -> int:
        self._generation += 1
        for task in self._tasks:
            task.cancel()  # not started yet: skipped; already running: stopped or dropped
        self._tasks.clear()
        self._loading = False
        return self._generation

    def _request_page(self, generation: int, loaded: list[Row], limit: int, *, replace: bool) -> None:
        read = self._page_reader(self._filter, loaded, limit)
        first = not loaded
        self._loading = True
        self._tasks.append(self._context.runner.run(
            lambda _task: read(),
            on_success=lambda rows: self._page_arrived(generation, first, limit, rows, replace),
            on_failure=lambda error: self._failed(generation, error)))

    def _page_arrived(self, generation: int, first: bool, limit: int, rows: list[Row],
                      replace: bool) -> None:
        if not isValid(self) or generation != self._generation:
            return
        # still "loading" while the rows go in: a view may ask fetchMore from inside
        # endInsertRows/endResetModel, and must not ask for this same page a second time
        self._exhausted = len(rows) < limit
        if replace:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._loading = False
        self.page_loaded.emit()
        if first:
            self._request_summary(generation)

    def _request_summary(self, generation: int) -> None:
        summarise = self._summary_reader(self._filter)
        self._tasks.append(self._context.runner.run(
            # a newer filter cancels the task, and the summary stops at once instead of keeping
            # the database thread from that filter's first page
            lambda task: summarise(lambda: task.cancelled),
            on_success=lambda summary: self._summary_arrived(generation, summary),
            on_failure=lambda error: self._failed(generation, error)))

    def _summary_arrived(self, generation: int, summary: object) -> None:
        if isValid(self) and generation == self._generation:
            self._summary_changed(summary)

    def _failed(self, generation: int, error: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self._exhausted = True  # do not ask again and again; a new filter or a change retries
        modals.show_failure(None, error)


class CountedTableModel(PagedTableModel[Row, Filter]):
    """A paged list read by offset, pages of PAGE_SIZE rows, whose summary is the count of all
    the filter matches (`count`, `count_changed`): subclasses name the two db/ queries,
    `page_query(db, actor=, flt=, offset=, limit=)` and `count_query(db, actor=, flt=, cancelled=)`."""

    count_changed = Signal(object)  # int, or None while the count of a new filter is unknown
    PAGE_SIZE = 200
    page_query: Callable[..., list[Row]]
    count_query: Callable[..., int]
    def __init__(self, context: AppContext, flt: Filter, parent: Any = None) -> None:
        super().__init__(context, flt, parent)
        self.count: int | None = None

    def _page_size(self) -> int:
        return self.PAGE_SIZE

    def _page_reader(self, flt: Filter, loaded: list[Row], limit: int) -> Callable[[], list[Row]]:
        db, actor, offset, read = self._context.db, self._context.actor, len(loaded), type(self).page_query
        order = {"sort": self._sort} if self._sort else {}
        return lambda: read(db, actor=actor, flt=flt, offset=offset, limit=limit, **order)

    def _summary_reader(self, flt: Filter) -> Callable[[Callable[[], bool]], object]:
        db, actor, count = self._context.db, self._context.actor, type(self).count_query
        return lambda cancelled: count(db, actor=actor, flt=flt, cancelled=cancelled)

    def _summary_changed(self, count: object | None) -> None:
        self.count = count
        self.count_changed.emit(count)
