"""The few words in which SQLite and PostgreSQL differ, for the money and audit queries written
for SQLite and tuned there (their SQLite text stays exactly as it was; a server gets the same
question in its own words, with the same rows in the same order).

- `hint(column)`: SQLite's `+column`, which keeps an index from leading a plan; a server plans
  by its statistics, and has no unary plus for text.
- `contains(text, part)`: instr() > 0 on SQLite, strpos() > 0 on a server.
- `true`: SQLite's 1; a server's boolean.
- `indexed_by(index)`, `cross_join`: SQLite's ways to fix a plan (INDEXED BY, CROSS JOIN's
  order); a plain JOIN on a server.
- `ordered(text)`: text ordered by code point, as SQLite's BINARY collation orders UTF-8 and
  Python compares strings, whatever the server database's own collation.
- `nulls(descending)`: where NULLs go, as SQLite puts them (first ascending, last descending).
- `shanghai_month(moment)`, `shanghai_year(moment)`: db.clock's, in the engine's words.
"""

from dataclasses import dataclass

from db.clock import shanghai_month_sql, shanghai_year_sql
from db.server.dialect import is_server


@dataclass(frozen=True)
class EngineWords:
    server: bool

    @property
    def true(self) -> str:
        return "true" if self.server else "1"

    @property
    def cross_join(self) -> str:
        return "JOIN" if self.server else "CROSS JOIN"

    def hint(self, column: str) -> str:
        return column if self.server else f"+{column}"

    def contains(self, text: str, part: str) -> str:
        return f"{'strpos' if self.server else 'instr'}({text}, {part}) > 0"

    def indexed_by(self, index: str) -> str:
        return "" if self.server else f" INDEXED BY {index}"

    def ordered(self, text: str) -> str:
        return f'{text} COLLATE "C"' if self.server else text

    def nulls(self, descending: bool) -> str:
        if not self.server:
            return ""
        return " NULLS LAST" if descending else " NULLS FIRST"

    def shanghai_month(self, moment: str) -> str:
        return shanghai_month_sql(moment, server=self.server)

    def shanghai_year(self, moment: str) -> str:
        return shanghai_year_sql(moment, server=self.server)


SQLITE, SERVER = EngineWords(False), EngineWords(True)


def words(bind: object) -> EngineWords:
    """The words of the engine a Session, Connection or Engine works on."""
    return SERVER if is_server(bind) else SQLITE
