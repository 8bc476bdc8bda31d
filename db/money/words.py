"""Amounts in words (大写金额) as the PBOC rules for bills and vouchers write them.

人民币 first; digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four, 万 and 亿 for the
groups; 元 after the yuan; 整 when there are neither jiao nor fen; otherwise 角 and 分, with 零
where a digit is skipped: ¥1,409.50 → 人民币壹仟肆佰零玖元伍角; ¥6,007.14 → 人民币陆仟零柒元壹角肆分;
¥16,409.02 → 人民币壹万陆仟肆佰零玖元零贰分; ¥100,000.00 → 人民币壹拾万元整; ¥0.05 → 人民币伍分.

Where the yuan end in a zero and jiao follow, the rules allow 零 after 元 or none; this writes it
(¥1,680.32 → 人民币壹仟陆佰捌拾元零叁角贰分; ¥107,000.53 → 人民币壹拾万柒仟元零伍角叁分, the first
of the two forms the rules give). 壹 is kept before 拾 (¥10 → 人民币壹拾元整), as the rules ask.
Negative amounts (reversals) are written with 负 after 人民币.
"""

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
MAX_FEN = 10**18  # a trillion yuan times a million: far beyond any programme


def _group(value: int) -> str:
    """0 < value < 10,000, with 零 for zeros inside it (not before or after)."""
    text, pending_zero = "", False
    for position in range(3, -1, -1):
        digit = value // 10**position % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += "零"
            pending_zero = False
        text += DIGITS[digit] + _UNITS[position]
    return text


def _below_yi(value: int) -> str:
    """0 < value < 100,000,000: 万 and the group below it, 零 where a place is skipped."""
    high, low = divmod(value, 10_000)
    text = _group(high) + "万" if high else ""
    if low:
        if text and low < 1000:  # 10,0700 → 壹拾万零柒佰
            text += "零"
        text += _group(low)
    return text


def _yuan(yuan: int) -> str:
    """Above 亿 the count of 亿 is itself written with 万 (壹万零壹亿), as one reads it."""
    if yuan >= 10**8:
        high, low = divmod(yuan, 10**8)
        text = _yuan(high) + "亿"
        if low:
            text += ("零" if low < 10**7 else "") + _below_yi(low)
        return text
    return _below_yi(yuan) if yuan else ""


def amount_in_words(fen: int) -> str:
    """The amount, in fen (an int: never a float), in words: 人民币壹仟贰佰叁拾肆元伍角."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError("amounts are integers of fen")
    if abs(fen) >= MAX_FEN:
        raise ValueError("amount too large to write in words")
    if fen == 0:
        return "人民币零元整"
    sign = "负" if fen < 0 else ""
    fen = abs(fen)
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    text = _yuan(yuan)
    if text:
        text += "元"
    if jiao == 0 and cents == 0:
        return f"人民币{sign}{text}整"
    if jiao:
        if yuan % 10 == 0 and text:  # the yuan place is 0: 零 before the jiao
            text += "零"
        text += DIGITS[jiao] + "角"
    elif text:  # yuan, then no jiao, then fen: 零 between
        text += "零"
    if cents:
        text += DIGITS[cents] + "分"
    return f"人民币{sign}{text}"
