"""A database made as `zonedesk server init` makes one (roles, row-level security, reference
data; no administrator: the tests make their own), to be copied (CREATE DATABASE … TEMPLATE)
for each test of the rules suite on the server."""

from db.server import setup


def make_template(server, name: str) -> str:  # noqa: ANN001 (tests.throwaway_server.ThrowAwayServer)
    setup.make_server(server.url(), name)
    return name
