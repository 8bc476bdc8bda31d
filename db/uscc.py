"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

18 characters from 0-9 and the capital letters without I, O, S, V, Z. The 18th is a check
character: C18 = (31 - Σ value×weight mod 31) mod 31 over the first 17, with each character's
value its position in the alphabet. Some early pilot codes are legal but fail the check: those
are a warning a reviewer may accept, while a malformed code is refused.
"""

from dataclasses import dataclass

from db.errors import UsccCheckWarning, ValidationError
from db.translatable import QT_TRANSLATE_NOOP

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def normalise(raw: str) -> str:
    """What people type: surrounding spaces and lower case are forgiven; full-width too."""
    text = raw.strip().upper()
    return "".join(chr(ord(c) - 0xFEE0) if "Ａ" <= c <= "Ｚ" or "０" <= c <= "９" else c for c in text)


def check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


@dataclass(frozen=True)
class UsccVerdict:
    code: str  # normalised
    status: str  # valid | check_failed | malformed
    error: ValidationError | None

    @property
    def usable(self) -> bool:
        return self.status != "malformed"


def judge(raw: str) -> UsccVerdict:
    """Judges a typed code without raising: for the form's as-you-type marking."""
    code = normalise(raw)
    if not code:
        return UsccVerdict(code, "malformed", ValidationError(
            QT_TRANSLATE_NOOP("db", "Enter the unified social credit code (18 characters)."),
            field="uscc"))
    for position, ch in enumerate(code, start=1):
        if ch not in _VALUE:
            if ch in "IOSVZ":
                template = QT_TRANSLATE_NOOP(
                    "db", "Character {position} is “{char}”: a credit code never uses I, O, S, V or Z.")
            else:
                template = QT_TRANSLATE_NOOP(
                    "db", "Character {position} is “{char}”: a credit code has only digits and capital letters.")
            return UsccVerdict(code, "malformed", ValidationError(
                template, field="uscc", position=position, char=ch))
    if len(code) != LENGTH:
        return UsccVerdict(code, "malformed", ValidationError(
            QT_TRANSLATE_NOOP("db", "A credit code has 18 characters; this one has {length}."),
            field="uscc", length=len(code)))
    expected = check_character(code[:17])
    if code[17] != expected:
        return UsccVerdict(code, "check_failed", UsccCheckWarning(
            QT_TRANSLATE_NOOP(
                "db",
                "The check character is “{actual}” but should be “{expected}”. Early pilot codes "
                "can be like this: a reviewer must confirm the code against the business licence."),
            field="uscc", actual=code[17], expected=expected))
    return UsccVerdict(code, "valid", None)


def validate(raw: str, *, accept_check_failure: bool = False) -> str:
    """The normalised code, or raises: ValidationError when malformed, UsccCheckWarning when
    the check character fails and that was not accepted."""
    verdict = judge(raw)
    if verdict.status == "malformed":
        assert verdict.error is not None
        raise verdict.error
    if verdict.status == "check_failed" and not accept_check_failure:
        assert verdict.error is not None
        raise verdict.error
    return verdict.code


def make(first17: str) -> str:
    """A valid code from its first 17 characters (demo data, tests)."""
    return first17 + check_character(first17)
