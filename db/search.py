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

Counting across the city with that index reads every firm's list of positions of each typed
letter or digit: a USCC or pinyin fragment (each of its characters in nearly every firm) took
40-110 ms at 150,000 firms. Where the file has `enterprise_grams` (migration 0012), a
typed word is looked up there instead: every stretch of up to GRAM characters of each column
(letters and digits run together, as in the index's phrases), kept once per firm, no positions
(detail=none), with prefix indexes of 1..GRAM-1 characters. A word of up to GRAM characters is
then one list of firms ("9131"* or "shanghai"), whatever its length; a longer one is the firms
with all of its covering stretches, each checked against the index row (gram_query's checks).
Within a zone, a search that the grams narrow to at most FEW firms city-wide reads only those
(db/queries/enterprises.py).

On a PostgreSQL server the same firms are found through tables of its own (migration 0015): the
section "On a server" below, and db/queries/firm_search_on_server.py.
"""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import text
from sqlmodel import Session

from db.server.dialect import is_server


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


# what a word is looked for in within zones: (column, compared in lower case, its value's key)
ZONE_FIELDS = (("e.name", True, "q"), ("e.name_en", True, "q"), ("e.uscc", False, "u"),
               ("e.contact_name", True, "q"), ("e.contact_phone", False, "q"))


def zone_clauses(parts: list[str], values: dict[str, object], *, server: bool = False) -> list[str]:
    """Each typed word, within zones: in a firm's name, English name, USCC, contact or phone,
    or its pinyin; one clause a word, its values put in `values`. On SQLite with instr(); on a
    server with strpos() over text in code-point order, as SQLite compares it."""
    def found(column: str, key: str, lowered: bool = False) -> str:
        if lowered:
            column = f'lower({column} COLLATE "C")' if server else f"lower({column})"
        return f"strpos({column}, :{key}) > 0" if server else f"instr({column}, :{key})"

    clauses = []
    for i, part in enumerate(parts):
        values[f"q{i}"], values[f"u{i}"] = part.lower(), part.upper()
        tests = [found(column, f"{key}{i}", lowered) for column, lowered, key in ZONE_FIELDS]
        spelled = spelled_fragment(part)
        if spelled:
            values[f"p{i}"] = spelled
            tests.append(found("e.spelled", f"p{i}"))
        clauses.append(f"({' OR '.join(tests)})")
    return clauses


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


COLUMNS = ("name", "code", "contact", "initials", "pinyin")  # of enterprise_search
GRAM = 8  # the longest stretch in enterprise_grams: a word up to this is found without a check
GRAMS_TABLE = ("CREATE VIRTUAL TABLE enterprise_grams USING fts5(grams, content='', detail=none,"
               f" prefix='{' '.join(str(n) for n in range(1, GRAM))}',"
               " tokenize='unicode61 remove_diacritics 0')")


def grams(document: dict) -> str:
    """A firm's row of enterprise_grams from its index document: every stretch of up to GRAM
    characters of each column, once, in order (a column's last ones are shorter)."""
    found: set[str] = set()
    for column in COLUMNS:
        chars = document[column].replace(" ", "")
        found.update(chars[i:i + GRAM] for i in range(len(chars)))
    return " ".join(sorted(found))


def _stored_grams(row) -> str:  # noqa: ANN001 (rowid and the COLUMNS of an enterprise_search row)
    return grams(dict(zip(COLUMNS, row[1:], strict=True)))


def gram_query(words: list[str]) -> tuple[str, list[str]]:
    """(the MATCH text for enterprise_grams, the phrases each found firm must still contain: one
    for each word longer than GRAM, as the index row spells it, "9 1 3 1 0 1 0 9 d")."""
    terms: list[str] = []
    checks: list[str] = []
    for word in words:
        chars = tokens(word).replace(" ", "")
        if not chars:
            continue
        if len(chars) < GRAM:
            terms.append(f'"{chars}"*')
        elif len(chars) == GRAM:
            terms.append(f'"{chars}"')
        else:  # stretches that cover the word; that they follow each other is checked after
            starts = [*range(0, len(chars) - GRAM, GRAM), len(chars) - GRAM]
            terms.extend(f'"{chars[i:i + GRAM]}"' for i in starts)
            checks.append(" ".join(chars))
    return " AND ".join(terms), checks


def has_grams(connection) -> bool:  # noqa: ANN001 (a SQLAlchemy or a sqlite3 connection)
    """Whether the file has enterprise_grams (migration 0012); before it, the index alone is used.
    A server has its own (migration 0015, below), which every search there reads."""
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'enterprise_grams'"
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(query).fetchone() is not None
    if is_server(connection):
        return True
    return connection.execute(text(query)).first() is not None


FEW = 2_000  # firms found city-wide through the grams, few enough to check one by one in a zone


def gram_counter(connection) -> Callable[[str], int] | None:  # noqa: ANN001 (SQLAlchemy)
    """None before migration 0012; else how many firms a MATCH text of gram_query finds in
    enterprise_grams, counted up to FEW + 1 (a fraction of a millisecond however common)."""
    if not has_grams(connection):
        return None
    probe = text("SELECT count(*) FROM (SELECT 1 FROM enterprise_grams WHERE enterprise_grams"
                 " MATCH :match LIMIT :few)")
    return lambda match: connection.execute(probe, {"match": match, "few": FEW + 1}).scalar_one()


def case_folds_alike(words: list[str]) -> bool:
    """Whether each character folds to one character and back alike (no ß, ﬁ, İ, ı, ſ, Σ...), so
    that what instr() finds in a zone's rows is also a phrase of the index (and of the grams)."""
    return all(len(ch.lower()) == 1 and len(ch.upper()) == 1 and ch.upper().lower() == ch.lower()
               for word in words for ch in word)


_OLD_ROW = f"SELECT rowid, {', '.join(COLUMNS)} FROM enterprise_search WHERE rowid = :id"
_GRAMS_INSERT = "INSERT INTO enterprise_grams (rowid, grams) VALUES (:id, :grams)"
# a contentless table forgets a row by being told its old text
_GRAMS_DELETE = "INSERT INTO enterprise_grams (enterprise_grams, rowid, grams) VALUES ('delete', :id, :grams)"


def fill_grams(connection: sqlite3.Connection, batch: int = 5_000) -> None:
    """enterprise_grams for every firm of the index (migration 0012, on a file made before it)."""
    last = 0
    while True:
        rows = connection.execute(f"SELECT rowid, {', '.join(COLUMNS)} FROM enterprise_search"
                                  " WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch)).fetchall()
        if not rows:
            return
        connection.executemany(_GRAMS_INSERT, [{"id": r[0], "grams": _stored_grams(r)}
                                               for r in rows])
        last = rows[-1][0]


_UPSERT = ("INSERT OR REPLACE INTO enterprise_search (rowid, name, code, contact, initials, pinyin)"
           " VALUES (:id, :name, :code, :contact, :initials, :pinyin)")


_SPELLED = "UPDATE enterprise SET spelled = :spelled WHERE id = :id"


def index_enterprise(session: Session, enterprise) -> None:  # noqa: ANN001 (Enterprise)
    """The firm's search-index row and its `spelled`, after its name or contact changed."""
    row = document(enterprise.name, enterprise.name_en, enterprise.uscc,
                   enterprise.contact_name, enterprise.contact_phone)
    connection = session.connection()
    if is_server(connection):
        _index_on_server(connection, [{"id": enterprise.id, **row}])
        return
    if has_grams(connection):
        old = connection.execute(text(_OLD_ROW), {"id": enterprise.id}).first()
        if old is not None:
            connection.execute(text(_GRAMS_DELETE), {"id": old[0], "grams": _stored_grams(old)})
        connection.execute(text(_GRAMS_INSERT), {"id": enterprise.id, "grams": grams(row)})
    connection.execute(text(_UPSERT), {"id": enterprise.id, **row})
    connection.execute(text(_SPELLED), {"id": enterprise.id, "spelled": spelled_of(row)})  # pinyin once


def index_bulk(connection, rows: list[tuple[int, str, str, str, str, str]]) -> None:  # noqa: ANN001
    """rows of (id, name, name_en, uscc, contact_name, contact_phone), of firms already written;
    `connection`: a plain sqlite3 one, or a SQLAlchemy one on a server."""
    documents = [{"id": r[0], **document(*r[1:])} for r in rows]
    if not isinstance(connection, sqlite3.Connection):
        for start in range(0, len(documents), 5_000):
            _index_on_server(connection, documents[start:start + 5_000])
        return
    if has_grams(connection):
        ids = [d["id"] for d in documents]
        old = [row for start in range(0, len(ids), 500) for row in connection.execute(
            f"SELECT rowid, {', '.join(COLUMNS)} FROM enterprise_search WHERE rowid IN"
            f" ({', '.join('?' * len(ids[start:start + 500]))})", ids[start:start + 500])]
        connection.executemany(_GRAMS_DELETE, [{"id": r[0], "grams": _stored_grams(r)}
                                               for r in old])
        connection.executemany(_GRAMS_INSERT, [{"id": d["id"], "grams": grams(d)} for d in documents])
    connection.executemany(_UPSERT, documents)
    connection.executemany(_SPELLED, [{"id": d["id"], "spelled": spelled_of(d)} for d in documents])


def spelled_of(document: dict) -> str:
    """`spelled` from a document's pinyin columns (one character a token)."""
    return f"{document['initials'].replace(' ', '')} {document['pinyin'].replace(' ', '')}"


# --- On a server (migration 0015) ---------------------------------------------------------
# `enterprise_search` holds each column's characters run together (no spaces), and
# `enterprise_grams` (filled from it by the server's trigger) every piece of 1 and 2 characters
# and every stretch of up to GRAM characters of each column, once per firm, in a btree on
# (gram, enterprise_id). A typed word of 1, 2 or GRAM characters is then one run of the index,
# in firm order (counted without reading a row); one of 3 to GRAM-1 characters is the range of
# stretches it begins; a longer one is the firms with each of its covering stretches, checked
# against their search row. At 150,000 firms (the demo at stress scale: 31.7 million pieces,
# 2.9 GB), the index alone counted the commonest word of 1 or 2 characters in 10-16 ms and of
# 3 to 8 in 20-37 ms (through the program, its log-in check and row-level security included:
# 16-30 and 17-54 ms; first pages 6-14 ms); pg_trgm counted the same words of 3 and more in
# 55-120 ms, and under row-level security a staff role never uses its index (LIKE is not
# leakproof, so the policies are applied first: a sequential scan).
# A firm matches a word as the SQLite index finds it: the word's characters are a run of one
# column's. FTS5's tokenizer folds or drops a few characters otherwise than str.lower: so do
# the server's rows and words (SERVER_FOLDS; tests/rules/test_search_on_server.py keeps it true).
SERVER_FOLDS = str.maketrans({
    **{chr(a): chr(b) for a, b in ((0x00B5, 0x03BC), (0x017F, 0x0073), (0x03C2, 0x03C3),
                                   (0x03D0, 0x03B2), (0x03D1, 0x03B8), (0x03D5, 0x03C6),
                                   (0x03D6, 0x03C0), (0x03F0, 0x03BA), (0x03F1, 0x03C1),
                                   (0x03F5, 0x03B5), (0x1E9B, 0x1E61), (0x1FBE, 0x03B9))},
    **dict.fromkeys((*range(0x19B0, 0x19C1), 0x19C8, 0x19C9, 0x1CF2, 0x1CF3)),
})
END = chr(0x10FFFF)  # after every character: a word's stretches lie in [word, word + END)
FEW_ON_SERVER = 10_000  # index entries few enough to read their firms by id and check one by one


def server_chars(value: str) -> str:
    """A typed word, or a column of a firm's row, as the server compares it."""
    return tokens(value).replace(" ", "").translate(SERVER_FOLDS)


def server_row(document: dict) -> dict:
    """A firm's `enterprise_search` row on a server from its index document."""
    return {column: document[column].replace(" ", "").translate(SERVER_FOLDS)
            for column in COLUMNS}


def server_grams(row: dict) -> set[str]:
    """What the server's trigger (migration 0015's zonedesk_grams) makes of a search row."""
    found: set[str] = set()
    for column in COLUMNS:
        chars = row[column].replace(" ", "")
        for i in range(len(chars)):
            found.update(chars[i:i + n] for n in (1, 2, GRAM))
    return found


@dataclass(frozen=True)
class ServerWord:
    """How one typed word is found in enterprise_grams: pieces the firm has each of (`exact`),
    or stretches that begin with `prefix`; `chars` is what its search row must contain."""

    chars: str
    exact: tuple[str, ...] = ()
    prefix: str | None = None

    @property
    def checked(self) -> bool:
        """Whether the grams alone may miss that the pieces follow each other."""
        return len(self.chars) > GRAM


def server_words(words: list[str]) -> list[ServerWord]:
    found = []
    for word in words:
        chars = server_chars(word)
        if not chars:
            continue
        if len(chars) <= 2 or len(chars) == GRAM:
            found.append(ServerWord(chars, exact=(chars,)))
        elif len(chars) < GRAM:
            found.append(ServerWord(chars, prefix=chars))
        else:
            starts = [*range(0, len(chars) - GRAM, GRAM), len(chars) - GRAM]
            found.append(ServerWord(chars, exact=tuple(chars[i:i + GRAM] for i in starts)))
    return found


_SERVER_UPSERT = (f"INSERT INTO enterprise_search (enterprise_id, {', '.join(COLUMNS)})"
                  f" SELECT * FROM unnest(CAST(:ids AS bigint[]), "
                  + ", ".join(f"CAST(:{c} AS text[])" for c in COLUMNS)
                  + ") ON CONFLICT (enterprise_id) DO UPDATE SET "
                  + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS)
                  + " WHERE (enterprise_search.name, enterprise_search.code, enterprise_search.contact,"
                    " enterprise_search.initials, enterprise_search.pinyin) IS DISTINCT FROM"
                    " (excluded.name, excluded.code, excluded.contact, excluded.initials,"
                    " excluded.pinyin)")
_SERVER_SPELLED = ("UPDATE enterprise e SET spelled = s.spelled FROM unnest(CAST(:ids AS bigint[]),"
                   " CAST(:spelled AS text[])) AS s (id, spelled) WHERE e.id = s.id"
                   " AND e.spelled IS DISTINCT FROM s.spelled")


def _index_on_server(connection, documents: list[dict]) -> None:  # noqa: ANN001 (SQLAlchemy)
    """Firms' search rows (one statement, so the grams follow in one step) and `spelled`."""
    rows = [server_row(d) for d in documents]
    ids = [d["id"] for d in documents]
    connection.execute(text(_SERVER_UPSERT), {"ids": ids, **{c: [r[c] for r in rows] for c in COLUMNS}})
    connection.execute(text(_SERVER_SPELLED), {"ids": ids, "spelled": [spelled_of(d) for d in documents]})
