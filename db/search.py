"""Search over firms: any part of a name, a USCC or a contact, from one character on.

Each letter, digit and Chinese character is one token of an FTS5 index, so that a typed
fragment becomes a phrase of consecutive tokens: "星河" finds 上海星河科技, "0115" finds the
codes containing it. (A trigram index finds nothing for one- or two-character queries.)
Rows are kept in step with `enterprise` by the services and the bulk loads, never by widgets.

A Chinese name is also indexed by its pinyin, as Chinese office software searches: the initials
("shdf" finds 上海东方…) and the whole reading ("dongfang", "shanghaidongfang"), one letter a
token again, each in its own column so that no phrase runs from one into the other. Polyphonic
characters are read in their word (银行 is yinhang, 重庆 chongqing): pypinyin's segmentation
of the name, with each word's reading cached, so 150,000 demo names take about a second.
A search within a few zones reads the zones' rows instead of the index: it compares
`enterprise.spelled` ("shdf shanghaidongfang"), written here with the index row.
"""

import sqlite3
from functools import lru_cache

from sqlalchemy import text
from sqlmodel import Session


def tokens(value: str) -> str:
    return " ".join(ch for ch in value.lower() if ch.isalnum())


@lru_cache(maxsize=50_000)
def _word_pinyin(word: str) -> tuple[str, str]:
    """(initials, reading) of one segmented word; what is not Chinese counts letter by letter."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take a quarter second to load

    initials: list[str] = []
    reading: list[str] = []
    for syllable in lazy_pinyin(word, style=Style.NORMAL, errors=list):
        letters = "".join(ch for ch in syllable.lower() if ch.isascii() and ch.isalnum())
        if letters:
            initials.append(letters[0])
            reading.append(letters)
    return "".join(initials), "".join(reading)


def pinyin(name: str) -> tuple[str, str]:
    """(initials, whole reading) of a name, lower-case letters and digits: 上海东方3D科技 gives
    ("shdf3dkj", "shanghaidongfang3dkeji"). Letters and digits in the name count as their own
    initials; punctuation is left out."""
    from pypinyin.seg.mmseg import seg

    words = [_word_pinyin(word) for word in seg.cut(name)]
    return "".join(w[0] for w in words), "".join(w[1] for w in words)


def document(name: str, name_en: str, uscc: str, contact_name: str, contact_phone: str) -> dict:
    initials, reading = pinyin(name)
    return {
        "name": tokens(f"{name} {name_en}"),
        "code": tokens(uscc),
        "contact": tokens(f"{contact_name} {contact_phone}"),
        "initials": tokens(initials),
        "pinyin": tokens(reading),
    }


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for what was typed: each space-separated part must appear."""
    phrases = []
    for part in query.split():
        chars = tokens(part)
        if chars:
            phrases.append(f'"{chars}"')
    return " AND ".join(phrases) if phrases else None


def spelled(name: str) -> str:
    """What `enterprise.spelled` holds: the initials, a space, the reading."""
    return " ".join(pinyin(name))


def spelled_fragment(part: str) -> str | None:
    """A typed word as it is looked for in `enterprise.spelled` (instr), or None when it cannot
    be pinyin: anything but ASCII letters and digits, or digits alone (the name itself has them)."""
    chars = "".join(ch for ch in part.lower() if ch.isalnum())
    if not chars or not chars.isascii() or chars.isdigit():
        return None
    return chars


@lru_cache(maxsize=20_000)
def _spelled(value: str) -> tuple[str, str]:
    return pinyin(value)


def found_in(fragment: str, value: str) -> bool:
    """For lists filtered in memory: the (case-folded) fragment is part of the value, or of its
    pinyin initials or reading."""
    if fragment in value.casefold():
        return True
    letters = "".join(ch for ch in fragment if ch.isalnum())
    if not letters or not letters.isascii() or value.isascii():
        return False
    initials, reading = _spelled(value)
    return letters in initials or letters in reading


_UPSERT = ("INSERT OR REPLACE INTO enterprise_search (rowid, name, code, contact, initials, pinyin)"
           " VALUES (:id, :name, :code, :contact, :initials, :pinyin)")


_SPELLED = "UPDATE enterprise SET spelled = :spelled WHERE id = :id"


def index_enterprise(session: Session, enterprise) -> None:  # noqa: ANN001 (Enterprise)
    """The firm's search-index row and its `spelled`, after its name or contact changed."""
    row = document(enterprise.name, enterprise.name_en, enterprise.uscc,
                   enterprise.contact_name, enterprise.contact_phone)
    connection = session.connection()
    connection.execute(text(_UPSERT), {"id": enterprise.id, **row})
    connection.execute(text(_SPELLED), {"id": enterprise.id, "spelled": _joined(row)})  # pinyin once


def index_bulk(connection: sqlite3.Connection, rows: list[tuple[int, str, str, str, str, str]]) -> None:
    """rows of (id, name, name_en, uscc, contact_name, contact_phone), of firms already written."""
    documents = [{"id": r[0], **document(*r[1:])} for r in rows]
    connection.executemany(_UPSERT, documents)
    connection.executemany(_SPELLED, [{"id": d["id"], "spelled": _joined(d)} for d in documents])


def _joined(document: dict) -> str:
    """`spelled` from a document's pinyin columns (one character a token)."""
    return f"{document['initials'].replace(' ', '')} {document['pinyin'].replace(' ', '')}"
