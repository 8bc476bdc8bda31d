"""Search over firms: any part of a name, a USCC or a contact, from one character on.

Each letter, digit and Chinese character is one token of an FTS5 index, so that a typed
fragment becomes a phrase of consecutive tokens: "星河" finds 上海星河科技, "0115" finds the
codes containing it. (A trigram index finds nothing for one- or two-character queries.)
Rows are kept in step with `enterprise` by the services and the bulk loads, never by widgets.
"""

import sqlite3

from sqlalchemy import text
from sqlmodel import Session


def tokens(value: str) -> str:
    return " ".join(ch for ch in value.lower() if ch.isalnum())


def document(name: str, name_en: str, uscc: str, contact_name: str, contact_phone: str) -> dict:
    return {
        "name": tokens(f"{name} {name_en}"),
        "code": tokens(uscc),
        "contact": tokens(f"{contact_name} {contact_phone}"),
    }


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for what was typed: each space-separated part must appear."""
    phrases = []
    for part in query.split():
        chars = tokens(part)
        if chars:
            phrases.append(f'"{chars}"')
    return " AND ".join(phrases) if phrases else None


_UPSERT = ("INSERT OR REPLACE INTO enterprise_search (rowid, name, code, contact)"
           " VALUES (:id, :name, :code, :contact)")


def index_enterprise(session: Session, enterprise) -> None:  # noqa: ANN001 (Enterprise)
    row = document(enterprise.name, enterprise.name_en, enterprise.uscc,
                   enterprise.contact_name, enterprise.contact_phone)
    session.connection().execute(text(_UPSERT), {"id": enterprise.id, **row})


def index_bulk(connection: sqlite3.Connection, rows: list[tuple[int, str, str, str, str, str]]) -> None:
    """rows of (id, name, name_en, uscc, contact_name, contact_phone)."""
    connection.executemany(_UPSERT, [{"id": r[0], **document(*r[1:])} for r in rows])
