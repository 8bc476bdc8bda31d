"""What the certificate font can print: a firm name with a character the font lacks is refused
before issuing instead of printed with a blank (db/certificates/printable.py)."""

import json

import pytest

from db.bundle import resource_path
from db.certificates.printable import unprintable


@pytest.mark.parametrize("name", [
    "上海张江高科技园区开发股份有限公司",
    "上海鑫淼犇焱垚科技有限公司",  # rarer, but in the font
    "上海喆珺璟燊翀彧昇信息技术有限公司",
    "ABC (Shanghai) Co., Ltd. 艾比西（上海）有限公司",
    "上海市浦东新区张江路88号3号楼502室 ¥1,234.50 人民币壹仟贰佰叁拾肆元伍角 2026年11月22日",
])
def test_common_names_print(name):
    assert unprintable(name) == []


def test_a_rare_character_is_reported():
    assert unprintable("上海𠀀科技有限公司") == ["𠀀"]  # U+20000, CJK extension B
    assert unprintable("上海𪚥贸易有限公司") == ["𪚥"]


def test_each_missing_character_is_listed_once_in_order():
    assert unprintable("𪚥上海𠀀科技𪚥有限公司𠀀𪚥") == ["𪚥", "𠀀"]


def test_whitespace_and_control_characters_do_not_count():
    assert unprintable(" \t\n\r\u3000\x00\x07\x1f\x7f上海") == []
    assert unprintable("") == []


def test_everything_a_certificate_says_of_itself_prints():
    for language in ("zh_CN", "en"):
        data = resource_path("certificates", f"{language}.json").read_text(encoding="utf-8")
        assert unprintable(json.dumps(json.loads(data), ensure_ascii=False)) == [], language
