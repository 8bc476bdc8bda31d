"""The certificate layout remembers how it wrapped a paragraph (a batch of 1,000 confirmations
wraps some 25,000 paragraphs, fewer than 2,000 of them different): the lines, and so the pages,
are exactly those that wrapping each paragraph anew gives."""

import random
from dataclasses import replace

from documents import certificate_layout as layout
from documents.certificate_texts import wording
from tests.rules.test_certificate_issue_once import AWKWARD

TEXTS = ["特此确认。", "注：标“已达年度上限”的账单，该企业2026年土地补贴已达年度上限 ¥120,000.00。",
         "以上补贴合计（大写）：人民币贰拾万元整；（小写）：¥200,000.00。",
         "兹证明上海星河智能科技有限公司（统一社会信用代码 91310000MA1FL8XQ3W）" * 4,
         "A" * 400, "", "  ", "（《引号》）、，。" * 30, "Zone Desk certifies that " * 20]


def test_the_lines_are_those_wrapping_anew_gives():
    rng = random.Random(14)
    texts = TEXTS + ["".join(rng.choice("企业补贴（）《》，。、 ¥0123456789ABC") for _ in range(
        rng.randrange(1, 300))) for _ in range(300)]
    for text in texts:
        for size, leading, indent, justify in ((12, 22, 24, True), (9, 14, 0.0, False),
                                               (10.5, 18, 21.0, True)):
            anew = layout._wrap(text, size=size, leading=leading, indent=indent, justify=justify)
            assert layout.wrap(text, size=size, leading=leading, indent=indent,
                               justify=justify) == anew
            again = layout.wrap(text, size=size, leading=leading, indent=indent, justify=justify)
            assert again == anew and again is not anew  # each caller its own list


def test_a_paragraph_wrapped_again_is_remembered_and_the_pages_are_the_same(monkeypatch):
    cert = replace(AWKWARD, amount_fen=sum(line.subsidy_fen for line in AWKWARD.lines))
    certificates = [cert, replace(cert, firm_name="上海蓝芯集成电路有限公司"),
                    replace(cert, lines=cert.lines * 30, amount_fen=cert.amount_fen * 30)]
    remembered = []
    for cert in certificates:
        words = wording(cert, "zh_CN")
        remembered.append(layout.paginate(cert, words, "zh_CN"))
    before = layout._wrapped.cache_info().hits
    assert [layout.paginate(c, wording(c, "zh_CN"), "zh_CN") for c in certificates] == remembered
    assert layout._wrapped.cache_info().hits > before
    monkeypatch.setattr(layout, "_wrapped", lambda text, size, leading, indent, justify: tuple(
        layout._wrap(text, size=size, leading=leading, indent=indent, justify=justify)))
    assert [layout.paginate(c, wording(c, "zh_CN"), "zh_CN") for c in certificates] == remembered
