"""File names the program proposes (for a saved PDF, an exported list, a backup) that every
office PC accepts: Windows refuses <>:"/\\|?* and control characters, device names (CON,
NUL, COM1, …, also with an extension: `nul.txt`), and silently drops a trailing dot or space;
NTFS allows 255 UTF-16 units and Linux file systems 255 bytes of UTF-8 in one name.

A firm's name goes into a file name as the staff wrote it, as far as these rules allow:
`上海A/B:有限公司 statement.pdf` becomes `上海A_B_有限公司 statement.pdf`, in the folder chosen,
not in a sub-folder `上海A`.
"""

import re

MAX_BYTES = 255  # UTF-8 bytes of one name: never fewer than its UTF-16 units, so both limits hold
REPLACEMENT = "_"
_REFUSED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                      *(f"{port}{n}" for port in ("COM", "LPT") for n in "123456789¹²³")})
_TRAILING = re.compile(r"[\s.]+\Z")  # Windows drops a trailing dot or space; other blanks go too
_LONGEST_SUFFIX = 16  # `.sqlite`, `.xlsx`: an extension longer than this is part of the name


def windows_problem(name: str) -> str | None:
    """Why Windows (or a Linux file system) would refuse `name` as a file name; None when it
    takes it as it is."""
    if not name or name in (".", ".."):
        return "empty"
    refused = _REFUSED.search(name)
    if refused:
        return f"the character {refused.group()!r}"
    if name[-1] in ". ":
        return "a trailing dot or space"
    if _device(name):
        return "a device name"
    if len(name.encode("utf-8")) > MAX_BYTES:
        return f"longer than {MAX_BYTES} bytes"
    return None


def windows_safe(name: str) -> str:
    """`name` made into a file name every office PC accepts (see the module): refused
    characters become `_`, a device name gets a `_` before it, a trailing dot or space goes,
    and an over-long name is shortened before its extension. A safe name comes back as it is."""
    name = _TRAILING.sub("", _REFUSED.sub(REPLACEMENT, name).lstrip())
    if not name or name in (".", ".."):
        return REPLACEMENT
    if _device(name):
        name = REPLACEMENT + name
    return _shortened(name)


def _device(name: str) -> bool:
    return name.split(".", 1)[0].rstrip(" ").upper() in _DEVICES


def _shortened(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) >= _LONGEST_SUFFIX:
        stem, suffix = name, ""
    else:
        suffix = dot + suffix
    room = MAX_BYTES - len(suffix.encode("utf-8"))
    stem = _TRAILING.sub("", stem.encode("utf-8")[:room].decode("utf-8", "ignore"))
    return (stem or REPLACEMENT) + suffix
