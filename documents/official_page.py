"""The page of GB/T 9704-2012 (党政机关公文格式) that the printed summaries are set on: its
geometry, the page numbers, Chinese text broken into lines the way such pages break it, and
the body text, headings, ruled tables and closing signature of a report.

A4; the text block is 156 × 225 mm, 37 mm from the top edge and 28 mm from the left (so 26 mm
right and 35 mm bottom); 22 lines of 28 characters of 16 pt (三号) body text; the title centred
in 22 pt (二号), drawn with a thin outline as the embedded font has no bold face; tables in
10.5 pt (五号); page numbers "— 1 —" in 14 pt (四号) 7 mm under the text block, odd pages on
the right and even pages on the left, one character in; the issuer and the date (in Arabic
numerals) at the end, as for a document without a seal: the issuer two characters in from the
right, the date under it two characters further right.
"""

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from documents.demo_mark import draw_demo_mark
from documents.fonts import REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP, LEFT, BLOCK_WIDTH, BLOCK_HEIGHT = 37 * mm, 28 * mm, 156 * mm, 225 * mm
BOTTOM = PAGE_HEIGHT - TOP - BLOCK_HEIGHT  # 35 mm
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 10.5, 14
LINE = BLOCK_HEIGHT / 22  # 22 lines to the page
CHAR = BLOCK_WIDTH / 28  # 28 characters to the line

CANNOT_START = "，。、；：？！）》」』】〕〉”’…—·%％,.;:?!)]"  # kept on the line before
CANNOT_END = "（《「『【〔〈“‘(["  # kept with what follows
MOST_SPREAD = 0.08  # of an em between two pieces of a justified line; a shorter line is not spread


def tokens(text: str) -> list[str]:
    """What a line may break between: a Chinese character, or a run of ASCII letters, digits
    and marks with the character after it (2026年, 28,729,355.64元, Z02); closing punctuation
    joins what it closes, opening punctuation what it opens (no line starts with ， or ends
    with （)."""
    raw: list[str] = []
    for char in text:
        latin = char.isascii() and not char.isspace() and char not in CANNOT_END
        if latin and raw and raw[-1][-1].isascii() and not raw[-1][-1].isspace() \
                and raw[-1][-1] not in CANNOT_END:
            raw[-1] += char
        else:
            raw.append(char)
    joined: list[str] = []
    for token in raw:
        after_number = joined and joined[-1][-1].isalnum() and joined[-1][-1].isascii() \
            and not token.isascii()  # the unit after a figure: 1,500.00元, 12笔
        if joined and (token[0] in CANNOT_START or joined[-1][-1] in CANNOT_END or after_number):
            joined[-1] += token
        else:
            joined.append(token)
    return joined


class CjkText(Flowable):
    """Chinese text set the way GB/T 9704 pages are: no punctuation hanging into the margin
    (a closing mark takes the character before it to the next line), numbers never split,
    lines justified but the last of a paragraph and a line a long number made short (its
characters are never spread apart); split between lines across pages, never
    leaving a single line behind or ahead. `stroked` draws it filled and outlined (the look of
    a bold face); `centred` sets lines of about equal length in the middle (titles)."""

    def __init__(self, text: str, size: float = BODY_PT, *, leading: float | None = None,
                 indent: float = 0, justify: bool = True, centred: bool = False,
                 stroked: bool = False) -> None:
        super().__init__()
        self.text, self.size, self.indent = text, size, indent
        self.leading = leading or size * 1.3
        self.justify, self.centred, self.stroked = justify and not centred, centred, stroked
        self.lines: list[tuple[str, bool]] = []  # (text, last of its paragraph)
        self._broken_at: float | None = None

    def _measure(self, text: str) -> float:
        return stringWidth(text, REGULAR, self.size)

    def _break(self, width: float) -> list[tuple[str, bool]]:
        lines: list[tuple[str, bool]] = []
        for part in self.text.split("\n"):
            room = width
            if self.centred:  # as many lines as needed, of about equal width
                room = min(width, self._measure(part) / max(1, -(-self._measure(part) // width)) + self.size)
            line = ""
            for word in tokens(part):
                indent = self.indent if not lines else 0
                if line and self._measure(line + word) > room - indent + 0.01:
                    lines.append((line, False))
                    line = ""
                while self._measure(word) > width:  # a run longer than a line: cut it
                    cut = max(n for n in range(1, len(word) + 1) if self._measure(word[:n]) <= width)
                    lines.append((word[:cut], False))
                    word = word[cut:]
                line += word
            lines.append((line, True))
        return lines

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        if self._broken_at != available_width:
            self.lines, self._broken_at = self._break(available_width), available_width
        self.width = available_width
        return available_width, self.leading * len(self.lines)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fit = min(int(available_height // self.leading), len(self.lines) - 2)  # no widow
        if fit < 2:  # no orphan
            return []
        parts = []
        for lines, indent in ((self.lines[:fit], self.indent), (self.lines[fit:], 0)):
            part = CjkText(self.text, self.size, leading=self.leading, indent=indent,
                           justify=self.justify, stroked=self.stroked)
            part.lines, part._broken_at = lines, available_width
            parts.append(part)
        return parts

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(REGULAR, self.size)
        canvas.setLineWidth(self.size / 40)
        for n, (line, last) in enumerate(self.lines):
            y = self.leading * (len(self.lines) - n - 1) + (self.leading - self.size) / 2 + self.size * 0.12
            x = (self.width - self._measure(line)) / 2 if self.centred else self.indent if n == 0 else 0
            text = canvas.beginText(x, y)
            if self.stroked:
                text.setTextRenderMode(2)  # fill, then stroke
            words = tokens(line) if self.justify and not last else [line]
            gap = (self.width - x - self._measure(line)) / (len(words) - 1) if len(words) > 1 else 0
            if gap > MOST_SPREAD * self.size:  # a line made short by a long number: set as it is
                words, gap = [line], 0
            for word in words:  # the room left spread between characters, not inside numbers
                text.setTextOrigin(x, y)
                text.textOut(word)
                x += self._measure(word) + gap
            canvas.drawText(text)


class Signature(Flowable):
    """The issuer, two characters in from the right, and the date one line below it, two
    characters further right (moved left together when the date would pass the margin)."""

    def __init__(self, issuer: str, day_text: str) -> None:
        super().__init__()
        self.issuer, self.day_text = issuer, day_text

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 2 * LINE

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(REGULAR, BODY_PT)
        issuer_x = self.width - 2 * CHAR - stringWidth(self.issuer, REGULAR, BODY_PT)
        date_x = issuer_x + 2 * CHAR
        overflow = date_x + stringWidth(self.day_text, REGULAR, BODY_PT) - (self.width - 2 * CHAR)
        shift = max(0.0, overflow)
        canvas.drawString(max(0.0, issuer_x - shift), LINE + (LINE - BODY_PT) / 2, self.issuer)
        canvas.drawString(max(0.0, date_x - shift), (LINE - BODY_PT) / 2, self.day_text)


def _page_number(canvas, doc) -> None:  # noqa: ANN001 (reportlab's callback)
    text = f"— {doc.page} —"
    canvas.saveState()
    canvas.setFont(REGULAR, PAGE_NUMBER_PT)
    y = BOTTOM - 7 * mm - PAGE_NUMBER_PT * 0.8  # the dash line 7 mm under the text block
    if doc.page % 2:
        canvas.drawRightString(LEFT + BLOCK_WIDTH - PAGE_NUMBER_PT, y, text)
    else:
        canvas.drawString(LEFT + PAGE_NUMBER_PT, y, text)
    canvas.restoreState()


def _demo_page(canvas, doc) -> None:  # noqa: ANN001 (reportlab's callback)
    _page_number(canvas, doc)
    draw_demo_mark(canvas)


def build(title: str, story: list[Flowable], *, author: str, demo: bool = False) -> bytes:
    """The story laid out on GB/T 9704 pages under the title (`demo`: made from a demo
    database, every page says so: documents/demo_mark.py)."""
    register_fonts()
    out = BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=LEFT, rightMargin=PAGE_WIDTH - LEFT - BLOCK_WIDTH,
                          topMargin=TOP, bottomMargin=BOTTOM, title=title.replace("\n", ""),
                          author=author, creator="Zone Desk", subject=title.replace("\n", ""))
    frame = Frame(LEFT, BOTTOM, BLOCK_WIDTH, BLOCK_HEIGHT, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="text")
    doc.addPageTemplates([PageTemplate("gbt9704", [frame], onPage=_demo_page if demo else _page_number)])
    doc.build([CjkText(title, TITLE_PT, leading=TITLE_PT * 1.6, centred=True, stroked=True),
               Spacer(1, LINE * 0.6), *story])
    return out.getvalue()


def heading(text: str) -> Flowable:
    """A section's heading, never left alone at the foot of a page."""
    title = CjkText(text, leading=LINE, indent=2 * CHAR, justify=False, stroked=True)
    title.keepWithNext = True
    return title


def paragraph(text: str) -> Flowable:
    """Body text: 16 pt, 22 lines to the page, two characters' indent."""
    return CjkText(text, leading=LINE, indent=2 * CHAR)


def cell(text: str, size: float) -> Flowable:
    """A table cell's text that may wrap (a zone's name, a note)."""
    return CjkText(text, size, justify=False)


def table(rows: list[list], widths: list[float], *, caption: str, unit: str = "单位：元",
          shaded: tuple[int, ...] = (-1,), size: float = TABLE_PT, text_columns: tuple[int, ...] = (0,),
          extra: tuple = ()) -> list[Flowable]:
    """A ruled table: a header row (repeated on each page), numbers right-aligned (all columns
    but `text_columns`), the `shaded` rows (totals) on grey, `extra` style commands; its caption
    and unit above it."""
    grid = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    commands = [("FONT", (0, 0), (-1, -1), REGULAR, size), ("LEADING", (0, 0), (-1, -1), size * 1.3),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    commands += [("ALIGN", (column, 1), (column, -1), "LEFT") for column in text_columns]
    commands += [("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f2f2f2")) for row in shaded]
    commands += list(extra)
    grid.setStyle(TableStyle(commands))
    head = Table([[caption, unit]], colWidths=[sum(widths) * 0.8, sum(widths) * 0.2])
    head.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, TABLE_PT),
                              ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    if len(rows) < 16:
        return [KeepTogether([Spacer(1, 4), head, grid, Spacer(1, LINE * 0.4)])]
    return [CondPageBreak(LINE * 4), Spacer(1, 4), head, grid, Spacer(1, LINE * 0.4)]

