"""On a PostgreSQL server, the accounts whose password is a one-time one: given by `zonedesk
server move` (a password hash is not a password, so each moved account gets a new password,
printed once for the administrator) and changed by the person at their first log-in, when the
row goes. Nothing changes in an SQLite file.

| table | read | insert | update | delete |
| --- | --- | --- | --- | --- |
| onetimepassword | own row; admin, auditor | admin | - | own row (with the new password) |

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from alembic import op

from db.server.dialect import on_server
from db.server.roles import OWNER, STAFF

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ROLE = "(SELECT zonedesk_role(current_user))"  # as 0014 reads who asks
OWN = f"(username = current_user AND {ROLE} IS NOT NULL)"
SCOPES = {
    "onetimepassword": {"SELECT": f"({OWN} OR {ROLE} IN ('admin', 'auditor'))",
                        "INSERT": f"({ROLE} = 'admin')",
                        "DELETE": OWN},
}


def upgrade() -> None:
    if not on_server():
        return
    op.execute("CREATE TABLE onetimepassword (username VARCHAR PRIMARY KEY"
               " REFERENCES staffaccount (username), given_at TIMESTAMP WITH TIME ZONE NOT NULL"
               " DEFAULT now())")
    op.execute("ALTER TABLE onetimepassword ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE onetimepassword FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY owner_all ON onetimepassword FOR ALL TO {OWNER} USING (true)"
               " WITH CHECK (true)")
    for command, who in SCOPES["onetimepassword"].items():
        clause = f"WITH CHECK ({who})" if command == "INSERT" else f"USING ({who})"
        op.execute(f"CREATE POLICY staff_{command.lower()} ON onetimepassword FOR {command}"
                   f" TO {STAFF} {clause}")
        op.execute(f"GRANT {command} ON onetimepassword TO {STAFF}")


def downgrade() -> None:
    if on_server():
        op.execute("DROP TABLE onetimepassword")
