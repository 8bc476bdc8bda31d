"""USCC (GB 32100-2015): well-formed codes pass, every typo is caught, malformed input is refused.

The check formula is written out here from the standard (not imported from db.uscc), so a wrong
weight or alphabet in db/ fails these tests.
"""

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from db import uscc
from db.errors import UsccCheckWarning, ValidationError
from db.services import enterprises
from tests.conftest import firm_fields

# GB 32100-2015, as DESIGN.md states it
STD_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
STD_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def standard_check(first17: str) -> str:
    total = sum(STD_ALPHABET.index(c) * w for c, w in zip(first17, STD_WEIGHTS, strict=True))
    return STD_ALPHABET[(31 - total % 31) % 31]


# Published codes of real registrants; each is checked against the formula above first.
REAL_CODES = (
    "91350100M000100Y43",  # the example code of GB 32100-2015
    "91110000802100433B",  # 北京百度网讯科技有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
    "91330100716105852F",  # 阿里巴巴（中国）网络技术有限公司
)

NOT_ALLOWED = "IOSVZ"


def test_constants_are_the_standards():
    assert uscc.ALPHABET == STD_ALPHABET
    assert tuple(uscc.WEIGHTS) == STD_WEIGHTS
    assert uscc.LENGTH == 18


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert standard_check(code[:17]) == code[17], "the sample itself must satisfy the formula"
    verdict = uscc.judge(code)
    assert verdict.status == "valid"
    assert verdict.error is None
    assert verdict.usable
    assert uscc.validate(code) == code


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_one_character_change_is_caught(code):
    others = STD_ALPHABET + NOT_ALLOWED + "abcxyz-. _#中Ａ１"
    tried = 0
    for position in range(18):
        for ch in others:
            mutated = code[:position] + ch + code[position + 1:]
            if uscc.normalise(mutated) == code:
                continue  # e.g. 'b' for 'B': the same code as typed in lower case
            tried += 1
            verdict = uscc.judge(mutated)
            assert verdict.status != "valid", (position + 1, ch, mutated)
            expected = "check_failed" if ch.upper() in STD_ALPHABET or ch in "Ａ１" else "malformed"
            assert verdict.status == expected, (position + 1, ch, mutated, verdict)
    assert tried > 18 * 30


@pytest.mark.parametrize("code", REAL_CODES)
def test_a_wrong_check_character_is_a_warning_naming_the_right_one(code):
    wrong = next(c for c in STD_ALPHABET if c != code[17])
    verdict = uscc.judge(code[:17] + wrong)
    assert verdict.status == "check_failed"
    assert verdict.usable  # a pilot code may be kept once a reviewer confirms it
    assert isinstance(verdict.error, UsccCheckWarning)
    assert verdict.error.field == "uscc"
    assert verdict.error.values == {"actual": wrong, "expected": code[17]}
    with pytest.raises(UsccCheckWarning):
        uscc.validate(code[:17] + wrong)
    assert uscc.validate(code[:17] + wrong, accept_check_failure=True) == code[:17] + wrong


def test_swapping_two_of_the_first_17_characters_is_caught():
    code = REAL_CODES[0]
    for i in range(17):
        for j in range(i + 1, 17):
            if code[i] == code[j]:
                continue
            chars = list(code)
            chars[i], chars[j] = chars[j], chars[i]
            assert uscc.judge("".join(chars)).status == "check_failed", (i + 1, j + 1)


LENGTH_TEMPLATE = "A credit code has 18 characters; this one has {length}."
FORBIDDEN_TEMPLATE = "Character {position} is “{char}”: a credit code never uses I, O, S, V or Z."
OTHER_CHAR_TEMPLATE = ("Character {position} is “{char}”: a credit code has only digits and "
                       "capital letters.")
EMPTY_TEMPLATE = "Enter the unified social credit code (18 characters)."


@pytest.mark.parametrize(("raw", "template", "values"), [
    (REAL_CODES[0][:17], LENGTH_TEMPLATE, {"length": 17}),
    (REAL_CODES[0] + "1", LENGTH_TEMPLATE, {"length": 19}),
    ("9135010", LENGTH_TEMPLATE, {"length": 7}),
    ("", EMPTY_TEMPLATE, {}),
    ("   ", EMPTY_TEMPLATE, {}),
    ("I1350100M000100Y43", FORBIDDEN_TEMPLATE, {"position": 1, "char": "I"}),
    ("91350100O000100Y43", FORBIDDEN_TEMPLATE, {"position": 9, "char": "O"}),
    ("91350100M000100S43", FORBIDDEN_TEMPLATE, {"position": 16, "char": "S"}),
    ("91350100M000100Y4V", FORBIDDEN_TEMPLATE, {"position": 18, "char": "V"}),
    ("91350100z000100Y43", FORBIDDEN_TEMPLATE, {"position": 9, "char": "Z"}),  # after upper()
    ("91350100-M000100Y4", OTHER_CHAR_TEMPLATE, {"position": 9, "char": "-"}),
    ("9135 0100M000100Y43", OTHER_CHAR_TEMPLATE, {"position": 5, "char": " "}),
    ("91350100M000100Y4.", OTHER_CHAR_TEMPLATE, {"position": 18, "char": "."}),
    ("91350100中000100Y43", OTHER_CHAR_TEMPLATE, {"position": 9, "char": "中"}),
])
def test_malformed_codes_are_refused_with_the_right_message(raw, template, values):
    verdict = uscc.judge(raw)
    assert verdict.status == "malformed"
    assert not verdict.usable
    error = verdict.error
    assert type(error) is ValidationError  # not a warning a reviewer could accept
    assert error.field == "uscc"
    assert error.template == template
    assert error.values == values
    assert error.message() == template.format(**values)
    with pytest.raises(ValidationError) as raised:
        uscc.validate(raw, accept_check_failure=True)
    assert not isinstance(raised.value, UsccCheckWarning)


@pytest.mark.parametrize("typed", [
    "91350100m000100y43",
    "  91350100M000100Y43\t",
    "９１３５０１００Ｍ０００１００Ｙ４３",  # full-width, as a Chinese input method types it
    "９１３５０１００ｍ０００１００ｙ４３",
])
def test_lower_case_spaces_and_full_width_are_forgiven(typed):
    verdict = uscc.judge(typed)
    assert verdict.status == "valid"
    assert verdict.code == "91350100M000100Y43"
    assert uscc.validate(typed) == "91350100M000100Y43"


def test_check_character_zero_case():
    # (31 - 0) mod 31 = 0: a body whose weighted sum is a multiple of 31 gets '0', not 'Y'
    assert uscc.check_character("0" * 17) == "0"
    assert uscc.judge("0" * 18).status == "valid"


bodies = st.text(alphabet=STD_ALPHABET, min_size=17, max_size=17)


@given(bodies)
def test_make_is_always_valid(body):
    code = uscc.make(body)
    assert code[:17] == body
    assert code[17] == standard_check(body)
    assert uscc.judge(code).status == "valid"


@given(st.text())
def test_judge_never_raises_and_is_consistent(raw):
    verdict = uscc.judge(raw)
    assert verdict.status in ("valid", "check_failed", "malformed")
    if verdict.status == "valid":
        assert verdict.error is None
        assert len(verdict.code) == 18 and set(verdict.code) <= set(STD_ALPHABET)
        assert standard_check(verdict.code[:17]) == verdict.code[17]
    else:
        assert isinstance(verdict.error, ValidationError)
        assert verdict.error.field == "uscc"
        verdict.error.message()  # the template formats with its values


@given(st.text(alphabet=STD_ALPHABET + NOT_ALLOWED + "abc -", max_size=22))
def test_judge_on_code_like_text(raw):
    verdict = uscc.judge(raw)
    code = raw.strip().upper()
    well_formed = len(code) == 18 and set(code) <= set(STD_ALPHABET)
    assert (verdict.status != "malformed") == well_formed
    if well_formed:
        ok = standard_check(code[:17]) == code[17]
        assert verdict.status == ("valid" if ok else "check_failed")


# ---- through the service ----------------------------------------------------------------------

def firm_count(db) -> int:
    with db.reading() as uow:
        return uow.session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar()


def stored(db, firm_id) -> tuple[str, str]:
    with db.reading() as uow:
        return tuple(uow.session.connection().execute(text(
            "SELECT uscc, uscc_check FROM enterprise WHERE id = :id"), {"id": firm_id}).one())


def pilot_code() -> str:
    code = firm_fields().uscc
    return code[:17] + next(c for c in STD_ALPHABET if c != code[17])


def test_a_code_is_registered_once_in_any_zone_however_typed(db, people, db_path):
    code = REAL_CODES[1]
    first = enterprises.register_enterprise(db, actor=people.clerk, zone_id=1,
                                            fields=firm_fields(uscc=code.lower()))
    assert stored(db, first) == (code, "ok")  # kept normalised
    count = firm_count(db)
    for actor, zone in ((people.clerk, 1), (people.clerk2, 2), (people.admin, 3)):
        with pytest.raises(ValidationError) as refused:
            enterprises.register_enterprise(db, actor=actor, zone_id=zone,
                                            fields=firm_fields(uscc=f" {code} "))
        assert refused.value.field == "uscc"
    # the name of a firm in another zone is not told
    with pytest.raises(ValidationError) as refused:
        enterprises.register_enterprise(db, actor=people.clerk2, zone_id=2,
                                        fields=firm_fields(uscc=code))
    assert "上海" not in refused.value.message()
    assert firm_count(db) == count
    other = enterprises.register_enterprise(db, actor=people.clerk, zone_id=1, fields=firm_fields())
    connection = sqlite3.connect(db_path)  # and the schema says so too
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute("UPDATE enterprise SET uscc = ? WHERE id = ?", (code, other))
    finally:
        connection.close()


def test_a_malformed_code_is_refused_by_the_service(db, people):
    count = firm_count(db)
    for bad in ("91350100M000100Y4", "91350100M000100YO3", ""):
        with pytest.raises(ValidationError) as refused:
            enterprises.register_enterprise(db, actor=people.admin, zone_id=1,
                                            fields=firm_fields(uscc=bad), accept_uscc_warning=True)
        assert not isinstance(refused.value, UsccCheckWarning)
        assert refused.value.field == "uscc"
    assert firm_count(db) == count


def test_a_pilot_code_needs_acceptance_then_a_reviewers_confirmation(db, people):
    code = pilot_code()
    count = firm_count(db)
    with pytest.raises(UsccCheckWarning):
        enterprises.register_enterprise(db, actor=people.clerk, zone_id=1,
                                        fields=firm_fields(uscc=code))
    assert firm_count(db) == count
    firm = enterprises.register_enterprise(db, actor=people.clerk, zone_id=1,
                                           fields=firm_fields(uscc=code), accept_uscc_warning=True)
    assert stored(db, firm) == (code, "unconfirmed")
    # the clerk's later edits keep it unconfirmed; only a reviewer (or admin) confirms
    enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm, expected_version=1,
                                  fields=firm_fields(uscc=code, employees=51))
    assert stored(db, firm) == (code, "unconfirmed")
    assert enterprises.confirm_uscc(db, actor=people.reviewer, enterprise_id=firm,
                                    expected_version=2) == 3
    assert stored(db, firm) == (code, "confirmed")
    with pytest.raises(ValidationError):  # nothing left to confirm
        enterprises.confirm_uscc(db, actor=people.reviewer, enterprise_id=firm, expected_version=3)


def test_a_pilot_code_accepted_by_a_reviewer_or_admin_is_confirmed_at_once(db, people):
    firm = enterprises.register_enterprise(db, actor=people.admin, zone_id=1,
                                           fields=firm_fields(uscc=(code := pilot_code())),
                                           accept_uscc_warning=True)
    assert stored(db, firm) == (code, "confirmed")


def test_a_valid_code_needs_no_confirmation(db, people):
    firm = enterprises.register_enterprise(db, actor=people.clerk, zone_id=1, fields=firm_fields())
    with pytest.raises(ValidationError):
        enterprises.confirm_uscc(db, actor=people.reviewer, enterprise_id=firm, expected_version=1)
