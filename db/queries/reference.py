"""Reference lists for the forms: zones, sectors, districts, industries."""

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.models import District, Sector, Zone
from db.size_class import THRESHOLDS


@dataclass(frozen=True)
class Choice:
    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class ZoneRow:
    id: int
    code: str
    name: str
    name_en: str
    district_code: str
    district_name: str
    service_centre: str
    address: str
    phone: str
    provisional: bool
    active: bool
    version: int
    firms: int | None  # None for a zone the actor does not cover: its firms are not theirs


@checked
def zones(db: Database, *, actor: Actor, only_mine: bool = False) -> list[ZoneRow]:
    """All zones (everyone may read them: a firm may move to any of them), or just the actor's
    when only_mine; the firms of a zone are counted for those who cover it."""
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.ZONE_READ)
        rows = uow.session.connection().execute(text(
            "SELECT z.id, z.code, z.name, z.name_en, z.district_code, d.name, z.service_centre,"
            " z.address, z.phone, z.provisional, z.active, z.version,"
            " (SELECT count(*) FROM enterprise e WHERE e.zone_id = z.id)"
            " FROM zone z JOIN district d ON d.code = z.district_code ORDER BY z.code")).all()
        result = [ZoneRow(*row[:9], bool(row[9]), bool(row[10]), row[11],
                          row[12] if actor.covers(row[0]) else None) for row in rows]
        if only_mine and not actor.all_zones:
            result = [z for z in result if z.id in actor.zone_ids]
        return result


@checked
def sectors(db: Database) -> list[Choice]:
    with db.reading() as uow:
        return [Choice(s.code, s.name, s.name_en) for s in uow.session.exec(select(Sector)).all()]


@checked
def districts(db: Database) -> list[Choice]:
    with db.reading() as uow:
        return [Choice(d.code, d.name, d.name_en)
                for d in uow.session.exec(select(District).order_by(District.code)).all()]


def industries() -> list[Choice]:
    return [Choice(i.code, i.name, i.name_en) for i in THRESHOLDS]


@checked
def zone_names(db: Database) -> dict[int, str]:
    with db.reading() as uow:
        return {z.id: z.name for z in uow.session.exec(select(Zone)).all()}
