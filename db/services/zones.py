"""Zones: every role reads them; administrators edit their details."""


from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.engine import Database
from db.errors import ChangedMeanwhile, NotFound, ValidationError
from db.models import District, Zone, ZoneFields
from db.services import validation as v
from db.translatable import QT_TRANSLATE_NOOP


def snapshot(zone: Zone) -> dict[str, object]:
    return zone.model_dump()


@checked
def update_zone(db: Database, *, actor: Actor, zone_id: int, expected_version: int,
                fields: ZoneFields, provisional: bool) -> int:
    """Saves a zone's details; clearing `provisional` says they were checked. New version."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ZONE_EDIT)
        zone = session.get(Zone, zone_id)
        if zone is None:
            raise NotFound(QT_TRANSLATE_NOOP("db", "This zone no longer exists."))
        if zone.version != expected_version:
            raise ChangedMeanwhile(QT_TRANSLATE_NOOP(
                "db", "Someone else saved this zone after you opened it. Reload and try again."))
        before = snapshot(zone)
        zone.name = v.required_text(fields.name, "name", max_length=100)
        zone.name_en = v.optional_text(fields.name_en, "name_en")
        if session.get(District, fields.district_code) is None:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a district from the list."),
                                  field="district_code")
        zone.district_code = fields.district_code
        zone.service_centre = v.optional_text(fields.service_centre, "service_centre")
        zone.address = v.optional_text(fields.address, "address")
        zone.phone = v.phone(fields.phone, "phone")
        zone.provisional = provisional
        if snapshot(zone) == before:
            return zone.version
        zone.version += 1
        record(session, actor, Change("zone.edit", "zone", zone.id, before, snapshot(zone)))
        uow.commit()
        return zone.version


