"""Settings the office shares, kept in the database (migration 0009)."""

from sqlmodel import Field, SQLModel


class OfficeSetting(SQLModel, table=True):
    name: str = Field(primary_key=True)
    value: str
    changed_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    changed_at: str  # UTC, ISO 8601
