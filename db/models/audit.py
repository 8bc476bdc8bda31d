"""The audit trail: append-only (triggers refuse UPDATE and DELETE), SHA-256 chained."""

from sqlmodel import Field, SQLModel


class AuditEvent(SQLModel, table=True):
    seq: int = Field(primary_key=True)  # 1, 2, 3, ... without gaps
    at: str  # UTC, ISO 8601 with microseconds and Z
    actor_id: int | None = None
    actor_name: str
    action: str
    entity_type: str
    entity_id: str
    before_json: str
    after_json: str
    prev_hash: str
    hash: str


class AuditHead(SQLModel, table=True):
    """The newest event's sequence and hash, so that cutting events off the end shows too."""

    id: int = Field(default=1, primary_key=True)
    seq: int
    hash: str
