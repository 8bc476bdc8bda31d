"""Who holds this database's signing key (issue 16): asked when the first administrator is made
(the key is made then, in that name), named again by an administrator, audited; verifications
show it, never the computer's name."""

import pytest

from db.audit_verification import INTACT, verify_file
from db.errors import PermissionDenied, ValidationError
from db.queries.keys import public_keys
from db.queries.verification import verify_code
from db.services import auth
from db.services.own_key import name_office, office_key, replace_signing_key
from tests.certificate_data import issue_subsidy
from tests.ledger_data import make_book

OFFICE = "张江科学城中小企业服务中心"


def test_the_first_administrator_names_the_office_and_the_key_is_made_in_its_name(db):
    with pytest.raises(ValidationError) as refused:
        auth.create_first_admin(db, username="chief", display_name="陈主任", password="first secret",
                                office="  ")
    assert refused.value.field == "office" and auth.needs_first_admin(db)  # nothing was made
    chief = auth.create_first_admin(db, username="chief", display_name="陈主任",
                                    password="first secret", office=f" {OFFICE} ")
    keys = public_keys(db, actor=chief)
    assert [(key.office, key.signs_now) for key in keys] == [(OFFICE, True)]
    assert office_key(db).key_id == keys[0].key_id  # the key it signs with


def test_an_administrator_renames_the_holder_audited_and_verifications_show_it(db, people, db_path):
    book = make_book(db, people)
    issued = issue_subsidy(db, people, book)  # the key made in the computer's name
    replace_signing_key(db, actor=people.admin, reason="换机")  # a retired key, still verifying
    for who in (people.clerk, people.reviewer, people.auditor):
        with pytest.raises(PermissionDenied):
            name_office(db, actor=who, office=OFFICE)
    with pytest.raises(ValidationError) as refused:
        name_office(db, actor=people.admin, office="署" * 101)
    assert refused.value.field == "office"
    assert name_office(db, actor=people.admin, office=OFFICE) == OFFICE
    assert {key.office for key in public_keys(db, actor=people.admin) if key.own} == {OFFICE}
    assert verify_code(db, actor=people.clerk, text=issued.printed.qr_text).office == OFFICE
    db.dispose()
    verdict = verify_file(db_path)  # the change is in the trail: the rows match it
    assert verdict.status == INTACT, verdict.sentences
