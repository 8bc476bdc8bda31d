"""Finding firms on a PostgreSQL server: the same firms, counts and pages as in an SQLite file
(db/queries/enterprises.py), found through the server's own tables (migration 0015; db/search.py,
"On a server").

Within a few zones (a clerk's, or a chosen zone) the zones' rows are searched as SQLite searches
them: strpos() for instr(), lower() of ASCII letters only (COLLATE "C"), as SQLite's lower().
Across the city each typed word is looked up in enterprise_grams, and the plan depends on how
common the rarest word is, which a count of at most FEW_ON_SERVER index entries tells at once:
- few: only the firms of that word are read, each checked for every word against its search
  row (a page is sorted from a few thousand at most);
- many: the search rows are read in firm order and checked, so a first page stops after its
  200 matches;
- one word and no other filter: the count is read from the index alone.
Texts sort by their characters (COLLATE "C"), as SQLite's BINARY does, whatever the server's
locale.
"""

from dataclasses import dataclass

from sqlalchemy import text

from db import search
from db.access import Actor

FIRM = " JOIN enterprise e ON e.id = w.enterprise_id"


@dataclass(frozen=True)
class ServerPlan:
    source: str  # FROM, the firms as e
    clause: str  # WHERE
    values: dict[str, object]
    counted: str | None = None  # a count from the index alone, when one word is all there is
    first: str = "e.id"  # what a page in registration order is sorted by
    rows_alone: bool = False  # the search rows answer a count without the firms (no filter on e)


def settle(connection) -> None:  # noqa: ANN001 (SQLAlchemy)
    """A search is a short read: no JIT compilation (a plan estimated over row-level security's
    policies may cost enough to start it, a tenth of a second of compiling) and no parallel
    workers (starting them costs more than the read), for this transaction only."""
    connection.execute(text("SELECT set_config('jit', 'off', true),"
                            " set_config('max_parallel_workers_per_gather', '0', true)"))


def _pieces(word: search.ServerWord, i: int, values: dict[str, object]) -> list[str]:
    """The conditions on enterprise_grams g that find the word's firms, one a piece."""
    if word.prefix is not None:
        values[f"g{i}"], values[f"h{i}"] = word.prefix, word.prefix + search.END
        return [f"g.gram >= :g{i} AND g.gram < :h{i}"]
    conditions = []
    for j, piece in enumerate(word.exact):
        values[f"g{i}_{j}"] = piece
        conditions.append(f"g.gram = :g{i}_{j}")
    return conditions


def _found(connection, condition: str, values: dict[str, object]) -> int:  # noqa: ANN001
    """How many entries of the index a condition reads, up to FEW_ON_SERVER + 1."""
    return connection.execute(text(
        f"SELECT count(*) FROM (SELECT 1 FROM enterprise_grams g WHERE {condition}"
        " LIMIT :few) AS found"), values | {"few": search.FEW_ON_SERVER + 1}).scalar_one()


def city_plan(connection, parts: list[str], clauses: list[str],  # noqa: ANN001
              values: dict[str, object]) -> ServerPlan:
    """The plan across the city for the typed words `parts` and the other filters `clauses`."""
    words = search.server_words(parts)
    pieces: list[str] = []
    for i, word in enumerate(words):
        values[f"c{i}"] = word.chars
        clauses.append("(" + " OR ".join(f"strpos(w.{column}, :c{i}) > 0"
                                         for column in search.COLUMNS) + ")")
        pieces += _pieces(word, i, values)
    filtered = len(clauses) > len(words)  # a filter on the firms besides the words
    counted = None
    if len(words) == 1 and not filtered and not words[0].checked:
        counted = (f"SELECT count(DISTINCT g.enterprise_id) FROM enterprise_grams g WHERE {pieces[0]}"
                   if words[0].prefix is not None else
                   f"SELECT count(*) FROM enterprise_grams g WHERE {pieces[0]}")
    source = "enterprise_search w"
    if pieces:
        found = {condition: _found(connection, condition, values) for condition in pieces}
        rarest = min(pieces, key=found.__getitem__)
        if found[rarest] <= search.FEW_ON_SERVER:
            source = (f"(SELECT DISTINCT g.enterprise_id FROM enterprise_grams g WHERE {rarest})"
                      " AS f JOIN enterprise_search w ON w.enterprise_id = f.enterprise_id")
    return ServerPlan(source + FIRM, " AND ".join(clauses) or "true", values, counted,
                      rows_alone=not filtered)


def plan(connection, actor: Actor, zone_ids: list[int] | None, clauses: list[str],  # noqa: ANN001
         values: dict[str, object], parts: list[str]) -> ServerPlan:
    """The server's plan for a filter whose scope and other filters are `zone_ids`, `clauses`
    and `values` (db.queries.enterprises._scope) and whose words are `parts`."""
    del actor  # the scope is in zone_ids; the server's row-level security scopes it again
    settle(connection)
    if parts and zone_ids is None:
        return city_plan(connection, parts, clauses, values)
    clauses += search.zone_clauses(parts, values, server=True)
    # the planner cannot tell how rare a strpos() is: guessing a third of the rows, it would walk
    # the whole city in firm order for a page of a rare word (70-110 ms at 150,000 firms); sorted
    # by a sum instead of the key, the zones' rows are read (by their index) and the matches
    # sorted, 20-35 ms however rare
    return ServerPlan("enterprise e", " AND ".join(clauses) or "true", values,
                      first="e.id + 0" if parts else "e.id")


def count(connection, found: ServerPlan) -> int:  # noqa: ANN001
    if found.counted is not None:
        return connection.execute(text(found.counted), found.values).scalar_one()
    source = found.source
    if found.rows_alone:
        source = source.removesuffix(FIRM)  # the search rows alone answer: no join needed
    return connection.execute(text(f"SELECT count(*) FROM {source} WHERE {found.clause}"),
                              found.values).scalar_one()


def in_characters(order: str) -> str:
    """An ORDER BY (db.queries.enterprises._order) with its texts compared by their characters,
    as SQLite's BINARY compares them."""
    keys = []
    for key in order.split(", "):
        column, _, direction = key.partition(" ")
        if column != "e.id":
            column += ' COLLATE "C"'
        keys.append(f"{column} {direction}".rstrip())
    return ", ".join(keys)
