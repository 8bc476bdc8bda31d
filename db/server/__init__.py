"""Zone Desk on a PostgreSQL server (docs/architecture.md, "On a PostgreSQL server"): the
connection as the person who logs in, the roles, and setting a server up. Never imports Qt."""
