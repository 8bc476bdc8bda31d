"""Where the text of a certificate goes, before anything is drawn: paragraphs broken into lines
(Chinese line-breaking rules, justified), a subsidy's table rows, and the split into pages.

The last page keeps room at the bottom for the QR code and the seal. When the closing text and
the seal do not fit under a table, its rows are first set a little tighter (GB/T 9704 asks for
closer lines, not a page that holds only the seal); a table that still does not fit fills the
first page: it ends there with its total and the closing text goes on, or, longer than the page,
it continues under its header again with at least three of its lines with the total and the
closing text, so the seal never stands under a lone total. The notes under a table (the yearly
caps reached) stay with its total when they fit.
"""

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from reportlab.lib.pagesizes import A4

from db.certificates.content import PrintedCertificate
from documents.certificate_texts import Wording, table_notes, table_rows
from documents.fonts import text_width

MM = 72 / 25.4
PAGE_HEIGHT = A4[1]
LEFT = 25 * MM
TEXT_WIDTH = A4[0] - 2 * LEFT
FIRST_TOP = PAGE_HEIGHT - 69 * MM  # under the issuer, the title and a revoked notice
CONTINUED_TOP = PAGE_HEIGHT - 41 * MM  # under the repeated title
CONTINUED_FLOOR = 22 * MM  # above the page number
FINAL_FLOOR = 64 * MM  # above the seal circle and the QR code
COLUMNS = (0.08, 0.18, 0.14, 0.22, 0.22, 0.16)  # number, month, category, bill, subsidy, note
AMOUNT_COLUMNS = frozenset({3, 4})
ROWS_WITH_THE_TOTAL = 3
TIGHTEST_ROW = 11.0  # points: the closest a table's rows are set to keep it on one page

_TOKEN = re.compile(r"[!-~¥]+|\s+|.", re.S)  # a run of Latin letters and figures breaks as one
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〉…%,.;:!?)]}")
_NO_LINE_END = frozenset("（《「『“‘〔【〈([{¥")
_SQUEEZE = 0.08  # of an em per character, the most a line is squeezed to keep a mark in
_MOST_SPREAD = 0.08  # of an em per character, the most a line is spread; a shorter one is not


@dataclass(frozen=True)
class Line:
    segments: tuple[tuple[str, float], ...]  # (text, spacing after each of its characters)
    indent: float
    size: float
    height: float
    note: bool = False  # a note under a table

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    size: float
    height: float
    header: bool = False
    total: bool = False


@dataclass(frozen=True)
class Gap:
    height: float


Item = Line | Row | Gap


@dataclass
class Page:
    number: int
    items: list[tuple[Item, float]] = field(default_factory=list)  # (item, its top edge)


@dataclass(frozen=True)
class _Style:
    size: float
    leading: float
    indent_chars: int
    justify: bool
    paragraph_gap: float
    row_size: float
    row_height: float
    note_size: float
    note_leading: float


_STYLES = {
    "zh_CN": _Style(14, 25, 2, True, 0, 9, 14, 10.5, 16),
    "en": _Style(12.5, 20, 0, False, 7, 9, 14, 10, 14),
}


@cache
def column_edges() -> tuple[float, ...]:
    edges, x = [LEFT], LEFT
    for share in COLUMNS:
        x += share * TEXT_WIDTH
        edges.append(x)
    edges[-1] = LEFT + TEXT_WIDTH
    return tuple(edges)


def wrap(text: str, *, size: float, leading: float, indent: float = 0.0,
         justify: bool = False) -> list[Line]:
    """`text` broken into lines of TEXT_WIDTH: never a line starting with a closing mark or
    ending with an opening one (a closing mark squeezes into a line that is a little short, as
    Chinese typesetting does); a code or an amount is never cut unless longer than a line.
    Remembered: a batch of 1,000 confirmations wraps some 25,000 paragraphs, fewer than 2,000
    of them different (特此确认。, the notes on a cap, a total ...)."""
    return list(_wrapped(text, size, leading, indent, justify))


@lru_cache(maxsize=4096)
def _wrapped(text: str, size: float, leading: float, indent: float,
             justify: bool) -> tuple[Line, ...]:
    return tuple(_wrap(text, size=size, leading=leading, indent=indent, justify=justify))


def _wrap(text: str, *, size: float, leading: float, indent: float = 0.0,
          justify: bool = False) -> list[Line]:
    tokens = _TOKEN.findall(text)
    done: list[tuple[list[str], float, float]] = []  # tokens, left, room
    current: list[str] = []
    left, room, used, position = indent, TEXT_WIDTH - indent, 0.0, 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        if token.isspace() and not current:
            continue
        width = text_width(token, size)
        if width > TEXT_WIDTH - indent and len(token) > 1:
            tokens[position:position] = list(token)  # longer than a line: break anywhere
            continue
        squeeze = _SQUEEZE * size * len(current) if token[0] in NO_LINE_START else 0.0
        if not current or used + width <= room + squeeze:
            current.append(token)
            used += width
            continue
        carry: list[str] = []
        if token[0] in NO_LINE_START and len(current) > 1:
            carry.insert(0, current.pop())
        while len(current) > 1 and (current[-1].isspace() or current[-1][-1] in _NO_LINE_END):
            carry.insert(0, current.pop())
        done.append((current, left, room))
        current = [piece for piece in carry + [token] if not piece.isspace()]
        left, room = 0.0, TEXT_WIDTH
        used = text_width("".join(current), size)
    if current:
        done.append((current, left, room))
    return [_line(pieces, line_left, line_room, size, leading,
                  justify and number < len(done) - 1)
            for number, (pieces, line_left, line_room) in enumerate(done)]


def _line(pieces: list[str], left: float, room: float, size: float, leading: float,
          justify: bool) -> Line:
    """A line, spread to fill `room` (or squeezed into it): the spacing goes between characters,
    never inside a code or an amount."""
    while pieces and pieces[-1].isspace():
        pieces = pieces[:-1]
    text = "".join(pieces)
    spare = room - text_width(text, size)
    # every character takes spacing after it, but those inside a code or an amount and the last
    receivers = sum(len(piece) if len(piece) == 1 or piece.isspace() else 1
                    for piece in pieces) - 1
    if receivers < 1 or not (spare < 0 or justify):
        return Line(((text, 0.0),), left, size, leading)
    char_space = spare / receivers
    if char_space > size * _MOST_SPREAD:  # a line made short by a long code: left as it is
        return Line(((text, 0.0),), left, size, leading)
    segments: list[tuple[str, float]] = []
    for piece in pieces:
        parts = [(piece, char_space)] if len(piece) == 1 or piece.isspace() else \
            [(piece[:-1], 0.0), (piece[-1], char_space)]
        for part, spacing in parts:
            if segments and segments[-1][1] == spacing:
                segments[-1] = (segments[-1][0] + part, spacing)
            else:
                segments.append((part, spacing))
    return Line(tuple(segments), left, size, leading)


def _add_paragraphs(items: list[Item], texts: tuple[str, ...], style: _Style) -> None:
    for text in texts:
        if items and style.paragraph_gap and not isinstance(items[-1], Gap):
            items.append(Gap(style.paragraph_gap))
        items += wrap(text, size=style.size, leading=style.leading, justify=style.justify,
                      indent=style.indent_chars * style.size)


class _Items:
    """A certificate's items, laid out once: its paragraphs wrapped and its table's cells and
    notes set; only the height of the table's rows is left to choose (a table is set tighter
    to keep a certificate on one page), so trying a tighter one wraps and formats nothing
    again: items(row_height) only makes the rows anew."""

    def __init__(self, cert: PrintedCertificate, words: Wording, language: str) -> None:
        self.style = style = _STYLES[language]
        head: list[Item] = []
        if words.salutation:
            head += wrap(words.salutation, size=style.size, leading=style.leading)
        _add_paragraphs(head, words.body, style)
        self.head, self.rows, self.tail = head, None, head
        if cert.kind == "subsidy":
            self.rows = table_rows(cert, language)
            tail: list[Item] = []
            notes = table_notes(cert, language)
            if notes:
                tail.append(Gap(4))
            for note in notes:
                tail += [replace(line, note=True) for line in wrap(
                    note, size=style.note_size, leading=style.note_leading,
                    justify=style.justify)]
            tail.append(Gap(10))
            self.tail = tail
        _add_paragraphs(self.tail, words.after_table, style)

    def items(self, row_height: float | None = None) -> list[Item]:
        if self.rows is None:
            return list(self.head)
        style, rows = self.style, self.rows
        row_height = row_height or style.row_height
        return [*self.head, Gap(8), Row(rows[0], style.row_size, row_height + 2, header=True),
                *[Row(cells, style.row_size, row_height) for cells in rows[1:-1]],
                Row(rows[-1], style.row_size, row_height, total=True), *self.tail]


def _check_total(cert: PrintedCertificate) -> None:
    if cert.kind == "subsidy" and cert.amount_fen != sum(line.subsidy_fen for line in cert.lines):
        raise ValueError(f"certificate {cert.serial}: its lines add up to "
                         f"{sum(line.subsidy_fen for line in cert.lines)} fen, not the "
                         f"{cert.amount_fen} fen it states")


def _break_at(candidates: list[Item], fits: int) -> int:
    """Where a page that cannot hold the rest breaks: after the `fits` items that fit, or
    earlier so that the end of a table goes on with the total and the closing text."""
    data_rows = [index for index, item in enumerate(candidates)
                 if isinstance(item, Row) and not item.header and not item.total]
    total = next((index for index, item in enumerate(candidates)
                  if isinstance(item, Row) and item.total), None)
    breaking = fits
    if total is not None and data_rows and fits > total:  # the whole table fits: it ends here
        notes = [index for index, item in enumerate(candidates)
                 if isinstance(item, Line) and item.note]
        breaking = notes[-1] + 1 if notes and notes[-1] < fits else total + 1
    elif data_rows:
        breaking = min(fits, data_rows[max(0, len(data_rows) - ROWS_WITH_THE_TOTAL)])
        if breaking <= data_rows[0]:  # no line of the table stays: nor does its header
            headers = [index for index, item in enumerate(candidates[:breaking])
                       if isinstance(item, Row) and item.header]
            breaking = headers[0] if headers else breaking
            while breaking > 0 and isinstance(candidates[breaking - 1], Gap):
                breaking -= 1
    elif fits >= len(candidates) - 1:
        breaking = len(candidates) - 2  # the seal does not stand alone on a page
    return breaking if breaking > 0 else max(fits, 1)


def _fits_one_page(items: list[Item]) -> bool:
    return sum(item.height for item in items) <= FIRST_TOP - FINAL_FLOOR


def paginate(cert: PrintedCertificate, words: Wording, language: str = "zh_CN") -> list[Page]:
    """The pages of `cert`, each with its items and where their tops are."""
    _check_total(cert)
    laid_out = _Items(cert, words, language)
    items = laid_out.items()
    if cert.kind == "subsidy" and not _fits_one_page(items):
        tighter = _STYLES[language].row_height - 0.5
        while tighter >= TIGHTEST_ROW:
            if _fits_one_page(closer := laid_out.items(tighter)):
                items = closer
                break
            tighter -= 0.5
    header = next((item for item in items if isinstance(item, Row) and item.header), None)
    pages: list[Page] = []
    index = 0
    while True:
        page = Page(len(pages) + 1)
        top = FIRST_TOP if page.number == 1 else CONTINUED_TOP
        rest = items[index:]
        while page.number > 1 and rest and isinstance(rest[0], Gap):
            rest, index = rest[1:], index + 1
        repeated = page.number > 1 and header is not None and bool(rest) \
            and isinstance(rest[0], Row) and not rest[0].header
        candidates = ([header] if repeated else []) + rest
        if sum(item.height for item in candidates) <= top - FINAL_FLOOR or not rest:
            taken = len(candidates)
        else:
            fits, bottom = 0, top
            while fits < len(candidates) and bottom - candidates[fits].height >= CONTINUED_FLOOR:
                bottom -= candidates[fits].height
                fits += 1
            taken = max(_break_at(candidates, fits), 2 if repeated else 1)
        for item in candidates[:taken]:
            page.items.append((item, top))
            top -= item.height
        pages.append(page)
        index += taken - (1 if repeated else 0)
        if index >= len(items):
            return pages

