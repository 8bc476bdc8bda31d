"""Importing a month's bills for a zone, as the utilities send them: one sheet with a category
column, or one sheet per category named after it (土地, 电, 水, 网络). Each row becomes a draft in
the zone's bill sheet through the bill sheet's own service (`save_bill_in`): the subsidy is
computed as if typed, and the clerk checks and submits the drafts there.

A firm is found by its credit code, or by its name among the zone's tenants. A bill already
submitted or approved is reported (kept) and never overwritten; a draft is replaced when the
file's bill differs. All or nothing, as the firms import.
"""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import text

from db import audit_words as words
from db import uscc
from db.access import Action, Actor, authorise
from db.audit import Change, to_json
from db.engine import Database
from db.errors import ValidationError
from db.importing import cells
from db.importing.fields import BILL_FIELDS, CATEGORY_WORDS
from db.importing.headers import find_columns
from db.importing.running import Cancelled, Pass, Progress, finish, header_texts, judged, unstorable
from db.importing.source import SheetInfo, SourceSheet
from db.importing.verdicts import ImportReport, Reason, RowVerdict, Verdict
from db.money import subsidy_rules as rules
from db.server.dialect import is_server
from db.services import limits
from db.services.subsidies import MAX_BILL_REFERENCE, Bill, live_entry, save_bill_in, snapshot
from db.translatable import QT_TRANSLATE_NOOP, status_term

CATEGORIES = {cells.normalised(word): code for code, words in CATEGORY_WORDS.items() for word in words}
_SHOWN = ("billed_fen", "subsidy_fen", "quantity_x100", "bill_reference")


def category_of_sheet(name: str | None) -> str | None:
    return CATEGORIES.get(cells.normalised(name or ""))


def bill_sheets(sources: list[SourceSheet]) -> list[SourceSheet]:
    """The sheets of a workbook that hold bills: those named after a category (one sheet per
    category), else the first (one sheet with a category column). A template's notes sheet, or
    any other sheet, is left alone."""
    named = [source for source in sources if category_of_sheet(source.sheet) is not None]
    return named or sources[:1]


def has_category_sheets(sheets: Iterable[SheetInfo]) -> bool:
    """Whether a workbook (its sheets as listed) holds one sheet per category."""
    return any(not info.hidden and category_of_sheet(info.name) is not None for info in sheets)


class _Firms:
    """The firms a bill may name: by credit code (any zone: the service says whether it is a
    tenant), by name among the zone's tenants."""

    def __init__(self, session, zone_id: int) -> None:  # noqa: ANN001
        connection = session.connection()
        self.by_code = _NumbersOnServer(connection) if is_server(connection) else \
            dict(connection.execute(text("SELECT uscc, id FROM enterprise")).all())
        self.by_name: dict[str, set[int]] = defaultdict(set)
        for enterprise_id, name in connection.execute(text(
                "SELECT e.id, e.name FROM enterprise e WHERE e.id IN"
                " (SELECT enterprise_id FROM tenancy WHERE zone_id = :zone)"), {"zone": zone_id}):
            self.by_name[cells.normalised(name)].add(enterprise_id)


class _NumbersOnServer(dict):
    """The firms' numbers by credit code on a server, where a clerk reads no other zone's firm:
    asked of the server code by code (migration 0015's zonedesk_firm_number, which tells the
    number of a code one names, as the bill sheet's refusal then does, and nothing else)."""

    def __init__(self, connection) -> None:  # noqa: ANN001 (SQLAlchemy)
        super().__init__()
        self._connection = connection

    def get(self, code: str, default: int | None = None) -> int | None:
        if code not in self:
            self[code] = self._connection.execute(text("SELECT zonedesk_firm_number(:code)"),
                                                  {"code": code}).scalar()
        found = super().get(code)
        return default if found is None else found


def import_bills(db: Database, *, actor: Actor, sources: list[SourceSheet], zone_id: int, period: str,
                 dry_run: bool = True, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> ImportReport:
    """Judges (dry run) or imports the bills of `sources` (a file's sheets) into the zone's
    sheet of `period` (YYYY-MM). Raises ValidationError when the month is closed or a sheet
    cannot be read as bills; Interrupted when cancelled (nothing written)."""
    period = rules.parse_period(period)
    if not sources:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "The file has no sheet to read."), field="file")
    return judged(lambda savepoints: _import(db, actor, sources, zone_id, period, dry_run, progress,
                                             cancelled, savepoints))


def _import(db: Database, actor: Actor, sources: list[SourceSheet], zone_id: int, period: str,  # noqa: PLR0913
            dry_run: bool, progress: Progress | None, cancelled: Cancelled | None,
            savepoints: bool) -> ImportReport:
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_EDIT, zone_id)
        limits.refuse_closed(session, period)
        plans = [_plan(source) for source in sources]
        first = sources[0]
        report = ImportReport("bills", first.file_name, first.sha256, first.encoding,
                              tuple(s.sheet for s in sources if s.sheet), plans[0][1],
                              tuple(u for _, _, unknown, _ in plans for u in unknown), [])
        total = sum(len(source.rows) - plan[0].header_row - 1 for source, plan in zip(sources, plans, strict=True))
        run = Pass(session, total, progress, cancelled, savepoints=savepoints)
        firms = _Firms(session, zone_id)
        seen: dict[tuple[int, str], int] = {}
        done = 0
        for source, (columns, headers, _, category) in zip(sources, plans, strict=True):
            sheet = source.sheet if len(sources) > 1 else None
            if sheet is not None:
                report.sheet_headers[sheet] = headers
            for offset, values in enumerate(source.rows[columns.header_row + 1:]):
                run.tick(done)
                done += 1
                if all(value is None for value in values):
                    continue
                number = columns.header_row + offset + 2
                verdict = _judge(run, actor, firms, seen, zone_id, period, columns.columns, headers,
                                 category, number, values)
                verdict.sheet = sheet
                report.rows.append(verdict)
        return finish(uow, actor, report, run, action="import.bills", dry_run=dry_run,
                      details={"zone_id": zone_id, "period": period})


def _plan(source: SourceSheet):  # noqa: ANN202
    """(columns, header texts, unknown headers, the sheet's category or None)."""
    columns = find_columns(source.rows, BILL_FIELDS, one_of=("uscc", "name"))
    category = None
    if "category" not in columns.columns:
        category = category_of_sheet(source.sheet)
        if category is None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "Sheet “{sheet}” has no category column and its name is not a category: "
                "add a column 类别 (土地, 电, 水 or 网络), or name the sheet after its category."),
                field="header", sheet=source.sheet or source.file_name)
    return columns, header_texts(source, columns.header_row), columns.unknown, category


def _judge(run: Pass, actor: Actor, firms: _Firms, seen: dict, zone_id: int, period: str,
           columns: dict[str, int], headers: tuple[str, ...], sheet_category: str | None,
           number: int, values) -> RowVerdict:  # noqa: ANN001
    def header(key: str) -> str:
        return headers[columns[key]] if key in columns and columns[key] < len(headers) else ""

    def cell(key: str) -> object:
        index = columns.get(key)
        return values[index] if index is not None and index < len(values) else None
    reasons: list[Reason] = []
    got: dict[str, object] = {}
    readers = {"uscc": cells.uscc_cell, "name": cells.text_cell, "billed_fen": cells.money_cell,
               "quantity_x100": cells.quantity_cell, "bill_reference": cells.text_cell}
    for key, read in readers.items():
        if key not in columns or (key == "uscc" and cell(key) is None and "name" in columns):
            continue
        try:
            got[key] = read(cell(key), key)
        except ValidationError as error:
            reasons.append(Reason(error, header(key)))
    reference = got.get("bill_reference")
    if isinstance(reference, str) and len(reference) > MAX_BILL_REFERENCE:  # the service's rule,
        # said at the bill number's column (the service names the bill's cell, shown at the amount)
        reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."),
                                              field="bill_reference", max=MAX_BILL_REFERENCE),
                              header("bill_reference")))
    category = sheet_category
    if "category" in columns:
        try:
            category = cells.choice_cell(cell("category"), CATEGORIES, "category", ("土地", "电", "水", "网络"))
        except ValidationError as error:
            reasons.append(Reason(error, header("category")))
    if category is None and not any(r.column == header("category") for r in reasons):
        reasons.append(Reason(ValidationError(cells.REQUIRED, field="category"), header("category")))
    label = f"{got.get('uscc') or ''} {got.get('name') or ''}".strip()
    if got.get("billed_fen") is None and not any(r.column == header("billed_fen") for r in reasons):
        reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP("db", "This field is required."),
                                              field="billed_fen"), header("billed_fen")))
    enterprise_id = None if reasons else _firm(firms, got, reasons, header)
    if reasons or enterprise_id is None or category is None:
        return RowVerdict(number, Verdict.REFUSED, label, reasons)
    key = (enterprise_id, category)
    if key in seen:
        return RowVerdict(number, Verdict.REFUSED, label, [Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "Row {row} is the same firm's bill for the same category: a month has one "
            "bill a category, so add them up into one row."), field="billed_fen", row=seen[key]),
            header("billed_fen"))])
    seen[key] = number
    bill = Bill(enterprise_id=enterprise_id, category=category, billed_fen=int(got["billed_fen"]),
                quantity_x100=int(got.get("quantity_x100") or 0),
                bill_reference=str(got.get("bill_reference") or ""))
    refused = unstorable(bill, header)
    if refused:
        return RowVerdict(number, Verdict.REFUSED, label, refused)
    current = live_entry(run.session, enterprise_id, zone_id, category, period)
    if current is not None and current.status != "draft":
        return RowVerdict(number, Verdict.KEPT, label, [Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "Already {status}: left as it is (¥{amount} in the sheet)."), field="billed_fen",
            status=status_term(current.status), amount=_yuan(current.billed_fen)), header("billed_fen"))])
    before = snapshot(current) if current is not None else None
    saved: list = []

    def save() -> list[Change]:
        entry, change = save_bill_in(run.session, actor, bill, zone_id=zone_id, period=period)
        saved.append(entry)
        return [change] if change is not None else []
    refusal = run.attempt(save, {f"{enterprise_id}:{category}": header("billed_fen")})
    if refusal:
        return RowVerdict(number, Verdict.REFUSED, label, refusal)
    after = {k: v for k, v in snapshot(saved[0]).items() if k in _SHOWN}
    changes = tuple(words.changes(to_json({k: before[k] for k in _SHOWN}) if before else None,
                                  to_json(after)))
    if current is None:
        return RowVerdict(number, Verdict.CREATE, label, changes=changes)
    return RowVerdict(number, Verdict.UPDATE if changes else Verdict.UNCHANGED, label, changes=changes)


def _yuan(fen: int) -> str:
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole:,}.{cents:02d}"


def _firm(firms: _Firms, got: dict, reasons: list[Reason], header) -> int | None:  # noqa: ANN001
    code = got.get("uscc")
    if code:
        found = firms.by_code.get(uscc.normalise(str(code)))
        if found is None:
            reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP(
                "db", "No firm has this credit code: register the firm first."), field="uscc"),
                header("uscc")))
        return found
    name = str(got.get("name") or "")
    matches = firms.by_name.get(cells.normalised(name), set())
    if len(matches) == 1:
        return next(iter(matches))
    reasons.append(Reason(ValidationError(
        QT_TRANSLATE_NOOP("db", "Several of the zone's firms have this name: write the credit code.")
        if matches else QT_TRANSLATE_NOOP(
            "db", "No tenant of this zone has this name: write the credit code, or the name as "
            "the program has it."), field="name"), header("name")))
    return None
