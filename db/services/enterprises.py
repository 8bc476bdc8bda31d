"""Registering and editing firms."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db import search, size_class, uscc
from db.access import Action, Actor, Role, authorise, require
from db.arguments import checked
from db.audit import Change, record
from db.clock import today_shanghai, utc_now
from db.engine import Database
from db.errors import ChangedMeanwhile, NotFound, ValidationError
from db.models import Enterprise, EnterpriseFields, Sector, Tenancy, Zone
from db.services import validation as v
from db.translatable import QT_TRANSLATE_NOOP

GIANT_LEVELS = ("none", "municipal", "national")
AUDITED = tuple(EnterpriseFields.model_fields) + ("zone_id", "size_class", "status", "uscc_check")


@dataclass(frozen=True)
class FirstTenancy:
    """Where a newly registered firm sits."""

    unit: str
    floor_area_dm2: int = field(metadata={"field": "floor_area"})  # as the forms call it
    start_on: date


def snapshot(enterprise: Enterprise) -> dict[str, object]:
    return {name: getattr(enterprise, name) for name in AUDITED} | {"version": enterprise.version}


# the most characters each text may have: the form refuses more with this limit, never cuts
TEXT_LIMITS = {"name": 100, "name_en": 200, "legal_representative": 50, "core_tech_note": 500,
               "contact_name": 50, "contact_phone": 30, "contact_email": 100, "unit": 50}
# possible, but more likely a typing slip: the form asks before saving (100亿元, 100,000 people)
UNUSUAL_MONEY_FEN = 10**12
UNUSUAL_EMPLOYEES = 100_000
MONEY_FIELDS = ("registered_capital_fen", "annual_revenue_fen", "total_assets_fen")


def unusual(fields: EnterpriseFields) -> list[str]:
    """The fields whose value is allowed but so large that it is likely a typing slip."""
    found = [name for name in MONEY_FIELDS if (getattr(fields, name) or 0) >= UNUSUAL_MONEY_FEN]
    return found + (["employees"] if fields.employees >= UNUSUAL_EMPLOYEES else [])


def _clean(session, fields: EnterpriseFields, problems: v.Problems) -> EnterpriseFields:  # noqa: ANN001
    """Validated, trimmed copy of what was typed (USCC excepted: see _uscc_status); every field
    to fix is kept in `problems`, so that all are named at once."""
    data = fields.model_copy()
    data.name = problems.check(v.required_text, fields.name, "name", max_length=TEXT_LIMITS["name"])
    for name in ("name_en", "legal_representative", "core_tech_note", "contact_name"):
        setattr(data, name, problems.check(v.optional_text, getattr(fields, name), name,
                                           max_length=TEXT_LIMITS[name]))
    data.contact_phone = problems.check(v.phone, fields.contact_phone, "contact_phone")
    if problems.check(v.optional_text, fields.contact_email, "contact_email",
                      max_length=TEXT_LIMITS["contact_email"]) is not None:
        data.contact_email = problems.check(v.email, fields.contact_email, "contact_email")
    for name in MONEY_FIELDS:
        problems.check(v.amount, getattr(fields, name), name)
    problems.check(v.not_negative, fields.employees, "employees")
    problems.check(v.at_most, fields.employees, v.MAX_EMPLOYEES, "employees")
    today = today_shanghai()
    problems.check(v.not_future, fields.founded_on, today, "founded_on")
    problems.check(v.not_future, fields.giant_recognised_on, today, "giant_recognised_on")
    problems.check(uscc.validate, fields.uscc, accept_check_failure=True)  # malformed: named now
    if session.get(Sector, fields.sector_code) is None:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP("db", "Choose a sector from the list."),
                                               field="sector_code"))
    if fields.industry_code not in size_class.INDUSTRIES:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP(
            "db", "Choose an industry from the list."), field="industry_code"))
    if fields.giant_level not in GIANT_LEVELS:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP("db", "Choose a level from the list."),
                                               field="giant_level"))
    if fields.giant_level == "none":
        data.giant_recognised_on = None
    elif fields.giant_recognised_on is None:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP(
            "db", "Enter the date the firm was recognised at this level."), field="giant_recognised_on"))
    if size_class.needs_assets(fields.industry_code) and fields.total_assets_fen is None:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP(
            "db", "This industry's size class needs the total assets."), field="total_assets_fen"))
    return data


def _uscc_status(actor: Actor, raw: str, accept_warning: bool, previous: Enterprise | None) -> tuple[str, str]:
    """(normalised code, uscc_check). A failed check character is kept only when accepted;
    accepted by a reviewer or administrator it is confirmed, by a clerk it awaits a reviewer."""
    code = uscc.validate(raw, accept_check_failure=True)  # malformed: refused here
    if uscc.judge(code).status == "valid":
        return code, "ok"
    if previous is not None and previous.uscc == code:
        return code, previous.uscc_check
    uscc.validate(code, accept_check_failure=accept_warning)  # raises UsccCheckWarning if not
    return code, "confirmed" if actor.role in (Role.REVIEWER, Role.ADMIN) else "unconfirmed"


def _refuse_duplicate(session, actor: Actor, code: str, own_id: int | None) -> None:  # noqa: ANN001
    other = session.connection().execute(text(
        "SELECT id, zone_id, name FROM enterprise WHERE uscc = :code"), {"code": code}).first()
    if other is not None and other.id != own_id:
        if actor.covers(other.zone_id):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This credit code is already registered, for “{name}”."), field="uscc", name=other.name)
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "This credit code is already registered in another zone."), field="uscc")


def _derive(enterprise: Enterprise) -> None:
    enterprise.size_class = size_class.classify(
        enterprise.industry_code, employees=enterprise.employees,
        revenue_fen=enterprise.annual_revenue_fen, assets_fen=enterprise.total_assets_fen)


@checked
def register_enterprise(db: Database, *, actor: Actor, fields: EnterpriseFields, zone_id: int,
                        tenancy: FirstTenancy | None = None, accept_uscc_warning: bool = False) -> int:
    """Registers a firm in a zone, with its first tenancy when given. Returns its id."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTERPRISE_CREATE, zone_id)
        enterprise, changes = register_in(session, actor, fields=fields, zone_id=zone_id,
                                          tenancy=tenancy, accept_uscc_warning=accept_uscc_warning)
        record(session, actor, *changes)
        uow.commit()
        return enterprise.id


def register_in(session, actor: Actor, *, fields: EnterpriseFields, zone_id: int,  # noqa: ANN001
                tenancy: FirstTenancy | None = None,
                accept_uscc_warning: bool = False) -> tuple[Enterprise, list[Change]]:
    """The registration itself, inside the caller's transaction, for an actor already
    authorised: the firm dialog's save and each row of a firms import. Returns the firm and the
    changes to audit."""
    require(actor, Action.ENTERPRISE_CREATE, zone_id)
    problems = v.Problems()
    zone = session.get(Zone, zone_id)
    if zone is None or not zone.active:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP("db", "Choose a zone from the list."),
                                               field="zone_id"))
    data = _clean(session, fields, problems)
    if tenancy is not None:
        problems.check(_check_tenancy, tenancy)
    problems.raise_any()
    data.uscc, check = _uscc_status(actor, fields.uscc, accept_uscc_warning, None)
    _refuse_duplicate(session, actor, data.uscc, None)
    now = utc_now()
    enterprise = Enterprise(**data.model_dump(), zone_id=zone_id, uscc_check=check,
                            created_at=now, updated_at=now)
    _derive(enterprise)
    session.add(enterprise)
    _flush(session)
    changes = [Change("enterprise.register", "enterprise", enterprise.id, None, snapshot(enterprise))]
    if tenancy is not None:
        opened = _new_tenancy(session, enterprise.id, zone_id, tenancy)
        changes.append(Change("tenancy.open", "tenancy", opened.id, None, opened.model_dump()))
    search.index_enterprise(session, enterprise)
    return enterprise, changes


def _check_tenancy(first: FirstTenancy) -> str:
    """The first tenancy's unit (trimmed), or ValidationErrors naming each field to fix."""
    problems = v.Problems()
    unit = problems.check(v.required_text, first.unit, "unit", max_length=TEXT_LIMITS["unit"])
    if first.floor_area_dm2 <= 0:
        problems.errors.append(ValidationError(QT_TRANSLATE_NOOP(
            "db", "The floor area must be more than 0 m²."), field="floor_area"))
    problems.check(v.at_most, first.floor_area_dm2, v.MAX_AREA_DM2, "floor_area",
                   f"{v.MAX_AREA_DM2 // 100:,} m²")
    problems.raise_any()
    return unit


def _new_tenancy(session, enterprise_id: int, zone_id: int, first: FirstTenancy) -> Tenancy:  # noqa: ANN001
    unit = _check_tenancy(first)
    tenancy = Tenancy(enterprise_id=enterprise_id, zone_id=zone_id, unit=unit,
                      floor_area_dm2=first.floor_area_dm2, start_on=first.start_on)
    session.add(tenancy)
    _flush(session)
    return tenancy


# a unique index's refusal in each engine's words: SQLite names the columns, PostgreSQL the index
# (on a server a clerk does not see another zone's firm, so its code is refused only here)
_TAKEN_CODE = ("enterprise.uscc", '"enterprise_uscc_key"')
_SECOND_OPEN_TENANCY = ("tenancy.enterprise_id", '"ux_tenancy_one_open"')


def _flush(session) -> None:  # noqa: ANN001
    try:
        session.flush()
    except IntegrityError as error:
        said = str(error.orig)
        if any(words in said for words in _TAKEN_CODE):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This credit code is already registered in another zone."), field="uscc") from None
        if any(words in said for words in _SECOND_OPEN_TENANCY):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The firm already has an open tenancy: close it or move the firm."),
                field="zone_id") from None
        raise


def load_for_change(session, actor: Actor, action: Action, enterprise_id: int,  # noqa: ANN001
                    expected_version: int | None) -> tuple[Actor, Enterprise]:
    """The firm, after the role, zone and version checks every change of a firm needs."""
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise NotFound(QT_TRANSLATE_NOOP("db", "This firm no longer exists."))
    actor = authorise(session, actor, action, enterprise.zone_id)
    if expected_version is not None and enterprise.version != expected_version:
        raise ChangedMeanwhile(QT_TRANSLATE_NOOP(
            "db", "Someone else saved this firm after you opened it. Reload it to see their "
            "changes, then make yours again."))
    return actor, enterprise


@checked
def update_enterprise(db: Database, *, actor: Actor, enterprise_id: int, expected_version: int,
                      fields: EnterpriseFields, accept_uscc_warning: bool = False) -> int:
    """Saves edited details. Refused if someone saved the firm meanwhile. Returns the new version."""
    with db.writing() as uow:
        session = uow.session
        actor, enterprise = load_for_change(session, actor, Action.ENTERPRISE_EDIT, enterprise_id,
                                            expected_version)
        change = update_in(session, actor, enterprise, fields=fields,
                           accept_uscc_warning=accept_uscc_warning)
        if change is None:
            return enterprise.version  # nothing changed: nothing to save or audit
        record(session, actor, change)
        uow.commit()
        return enterprise.version


def update_in(session, actor: Actor, enterprise: Enterprise, *, fields: EnterpriseFields,  # noqa: ANN001
              accept_uscc_warning: bool = False) -> Change | None:
    """The edit itself, inside the caller's transaction, of a firm whose role, zone and version
    checks were made (`load_for_change`): the firm dialog's save and each row of a firms import.
    Returns the change to audit, None when nothing changed (and nothing was written)."""
    require(actor, Action.ENTERPRISE_EDIT, enterprise.zone_id)
    before = snapshot(enterprise)
    problems = v.Problems()
    data = _clean(session, fields, problems)
    problems.raise_any()
    data.uscc, check = _uscc_status(actor, fields.uscc, accept_uscc_warning, enterprise)
    _refuse_duplicate(session, actor, data.uscc, enterprise.id)
    for name, value in data.model_dump().items():
        setattr(enterprise, name, value)
    enterprise.uscc_check = check
    _derive(enterprise)
    after = snapshot(enterprise)
    if after == before:
        return None
    enterprise.version += 1
    enterprise.updated_at = utc_now()
    _flush(session)
    search.index_enterprise(session, enterprise)
    return Change("enterprise.edit", "enterprise", enterprise.id, before, snapshot(enterprise))


@checked
def confirm_uscc(db: Database, *, actor: Actor, enterprise_id: int, expected_version: int) -> int:
    """A reviewer confirms a credit code whose check character fails (an early pilot code)."""
    with db.writing() as uow:
        session = uow.session
        actor, enterprise = load_for_change(session, actor, Action.USCC_CONFIRM, enterprise_id,
                                            expected_version)
        if enterprise.uscc_check != "unconfirmed":
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This credit code does not need a confirmation."), field="uscc")
        before = snapshot(enterprise)
        enterprise.uscc_check = "confirmed"
        enterprise.version += 1
        enterprise.updated_at = utc_now()
        record(session, actor, Change("enterprise.confirm_uscc", "enterprise", enterprise.id,
                                      before, snapshot(enterprise)))
        uow.commit()
        return enterprise.version
