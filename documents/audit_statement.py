"""The chain head statement (db/audit_statement.py) as one A4 page, in the certificates' look:
the thin red double border, the office that holds the key in red over a red double rule, the
title; the chain head line by line (the event's number, when and by whom it was written, its
hash in two halves); what the statement proves and how to check it; the QR code of the signed
code at the bottom left with the plain anchor code beside it, and on the right who printed it
and when, under a dashed circle left for the seal. The embedded CJK font, as every document.
"""

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from db.audit_statement import Statement, month_end
from db.clock import format_date_cn
from documents.certificate_layout import MM, NO_LINE_START
from documents.certificate_pdf import (
    GREY,
    LEFT,
    QR_SIZE,
    RIGHT,
    SEAL_CENTRE_Y,
    SEAL_RADIUS,
    _draw_bold_centred,
    _draw_border,
    _fit,
    draw_letterhead,
)
from documents.demo_mark import draw_demo_mark
from documents.fonts import REGULAR, register_fonts, text_width
from documents.qr import draw_qr

PAGE_WIDTH, PAGE_HEIGHT = A4
TITLE = "审计链头声明"
CHECK_HINT = "核验：zonedesk verify-audit --db 数据库文件 --anchor 扫描所得核验码"


def _facts(statement: Statement) -> list[tuple[str, str]]:
    until = (f"{format_date_cn(month_end(statement.month))}（{int(statement.month[5:])}月审计结账）"
             if statement.month else f"打印之时（{statement.printed_at:%Y-%m-%d %H:%M}）")
    return [
        ("截至", until),
        ("最后事件序号", f"第 {statement.seq:,} 号"),
        ("事件写入时间", f"{statement.event_at:%Y-%m-%d %H:%M:%S}（北京时间）"),
        ("事件操作人", statement.event_by),
        ("链头哈希", statement.chain_hash[:32]),
        ("", statement.chain_hash[32:]),
        ("数据库标识", statement.database_id),
        ("签名密钥", f"{statement.key_id}（{statement.office}）"),
        ("打印人", statement.printed_by),
    ]


def _paragraph(canvas: Canvas, text: str, top: float, size: float, width: float) -> float:
    """`text` set in lines of `width` from `top`, two characters' indent; the y under it. A
    closing mark never starts a line: it hangs at the end of the line before, as Chinese
    typesetting does."""
    line, lines, room = "", [], width - 2 * size
    for char in text:
        if text_width(line + char, size) > room and line and char not in NO_LINE_START:
            lines.append(line)
            line, room = "", width
        line += char
    lines.append(line)
    canvas.setFont(REGULAR, size)
    y = top
    for n, part in enumerate(lines):
        y -= size * 1.7
        canvas.drawString(LEFT + (2 * size if n == 0 else 0), y, part)
    return y


def render_statement(statement: Statement, *, demo: bool = False) -> bytes:
    """`demo`: printed from a demo database, the page says so (documents/demo_mark.py)."""
    register_fonts()
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=REGULAR)
    canvas.setCreator("Zone Desk")
    canvas.setTitle(TITLE)
    canvas.setAuthor(statement.office)
    width = RIGHT - LEFT
    _draw_border(canvas)
    canvas.setFont(REGULAR, 10.5)
    canvas.drawRightString(RIGHT, PAGE_HEIGHT - 20 * MM, f"审计锚点 第{statement.seq}号")
    draw_letterhead(canvas, statement.office)
    _draw_bold_centred(canvas, TITLE, PAGE_HEIGHT - 56 * MM, 24, width)
    top = _paragraph(canvas, (
        f"本声明记载本数据库审计记录截至{'该月末' if statement.month else '打印之时'}的链头。"
        "每一事件的哈希值涵盖其前全部事件，数据库中第"
        f"{statement.seq}号事件的哈希值若仍与本声明相同，即证明第1号至第{statement.seq}号事件"
        "自本声明打印以来未被删改，即使有人改动后重新计算了哈希链。"), PAGE_HEIGHT - 66 * MM, 13, width)
    top -= 6 * MM
    label_width = 32 * MM
    for label, value in _facts(statement):
        top -= 9 * MM
        canvas.setFont(REGULAR, 12)
        if label:
            canvas.drawString(LEFT + 4 * MM, top, f"{label}：")
        size = _fit(value, 12, width - label_width - 6 * MM)
        canvas.setFont(REGULAR, size)
        canvas.drawString(LEFT + 4 * MM + label_width, top, value)
    canvas.setLineWidth(0.4)
    canvas.line(LEFT, top - 5 * MM, RIGHT, top - 5 * MM)
    top = _paragraph(canvas, (
        "请将本声明存档（纸质及审计档案各一份）。日后核验时，以扫描二维码所得的签名核验码运行"
        "下列命令：签名以本数据库的密钥核验，链头与数据库逐一比对；签名不符或链头不符均予拒绝。"),
        top - 6 * MM, 11, width)
    canvas.setFont(REGULAR, _fit(CHECK_HINT, 10, width))
    canvas.drawString(LEFT, top - 8 * MM, CHECK_HINT)
    draw_qr(canvas, statement.code, LEFT - 1.5 * MM, 20 * MM, QR_SIZE + 10 * MM)
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(REGULAR, 8)
    anchor = statement.anchor
    canvas.drawString(LEFT, 16.5 * MM, "未签名锚点码：" + anchor[:40])
    canvas.drawString(LEFT, 13 * MM, anchor[40:])
    _seal(canvas, statement)
    if demo:
        draw_demo_mark(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _seal(canvas: Canvas, statement: Statement) -> None:
    day = format_date_cn(statement.printed_at.date())
    centre = RIGHT - 4 * MM - SEAL_RADIUS - 6 * MM
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.6)
    canvas.setDash(3, 2)
    canvas.circle(centre, SEAL_CENTRE_Y, SEAL_RADIUS)
    canvas.setDash()
    canvas.setFillColorRGB(0.6, 0.6, 0.6)
    canvas.setFont(REGULAR, 10.5)
    canvas.drawCentredString(centre, SEAL_CENTRE_Y + 10 * MM, "（盖章）")
    canvas.setFillColorRGB(0, 0, 0)
    room = 2 * (RIGHT - centre) - 4 * MM
    size = min(_fit(statement.office, 14, room), 14)
    canvas.setFont(REGULAR, size)
    canvas.drawCentredString(centre, SEAL_CENTRE_Y - 1 * MM, statement.office)
    canvas.setFont(REGULAR, 14)
    canvas.drawCentredString(centre, SEAL_CENTRE_Y - 10 * MM, day)
