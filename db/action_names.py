"""What the staff call each write, so that a write that could not be made (another program kept
the file busy, the disk is full, the file is open for reading only) is named in their words.

The unit of work finds the service that opened it (`calling_action`); a write not named here is
"This change".
"""

import sys

from db.translatable import QT_TRANSLATE_NOOP, Term

SOME_CHANGE = Term(QT_TRANSLATE_NOOP("db", "This change"))
ACTION_NAMES: dict[str, Term] = {name: Term(text) for name, text in {
    "log_in": QT_TRANSLATE_NOOP("db", "Logging in"),
    "create_first_admin": QT_TRANSLATE_NOOP("db", "Creating the first administrator"),
    "change_own_password": QT_TRANSLATE_NOOP("db", "Changing your password"),
    "register_enterprise": QT_TRANSLATE_NOOP("db", "Registering the firm"),
    "update_enterprise": QT_TRANSLATE_NOOP("db", "Saving the firm"),
    "confirm_uscc": QT_TRANSLATE_NOOP("db", "Confirming the credit code"),
    "open_tenancy": QT_TRANSLATE_NOOP("db", "Opening the tenancy"),
    "close_tenancy": QT_TRANSLATE_NOOP("db", "Closing the tenancy"),
    "move_enterprise": QT_TRANSLATE_NOOP("db", "Moving the firm"),
    "update_zone": QT_TRANSLATE_NOOP("db", "Saving the zone"),
    "create_staff": QT_TRANSLATE_NOOP("db", "Creating the account"),
    "update_staff": QT_TRANSLATE_NOOP("db", "Saving the account"),
    "set_active": QT_TRANSLATE_NOOP("db", "Activating or deactivating the account"),
    "unlock_staff": QT_TRANSLATE_NOOP("db", "Unlocking the account"),
    "reset_password": QT_TRANSLATE_NOOP("db", "Resetting the password"),
    "save_bills": QT_TRANSLATE_NOOP("db", "Saving the bills"),
    "submit_entries": QT_TRANSLATE_NOOP("db", "Submitting the entries"),
    "delete_drafts": QT_TRANSLATE_NOOP("db", "Deleting the drafts"),
    "reverse_entry": QT_TRANSLATE_NOOP("db", "Reversing the entry"),
    "approve": QT_TRANSLATE_NOOP("db", "Approving"),
    "reject": QT_TRANSLATE_NOOP("db", "Rejecting"),
    "record_little_giant": QT_TRANSLATE_NOOP("db", "Recording the little-giant award"),
    "record_loan_guarantee": QT_TRANSLATE_NOOP("db", "Recording the loan guarantee"),
    "submit_awards": QT_TRANSLATE_NOOP("db", "Submitting the awards"),
    "reverse_award": QT_TRANSLATE_NOOP("db", "Reversing the award"),
    "set_policy_rate": QT_TRANSLATE_NOOP("db", "Saving the subsidy rate"),
    "set_budget": QT_TRANSLATE_NOOP("db", "Saving the budget"),
    "set_programme_setting": QT_TRANSLATE_NOOP("db", "Saving the programme limit"),
    "set_award_rate": QT_TRANSLATE_NOOP("db", "Saving the award amount"),
    "close_period": QT_TRANSLATE_NOOP("db", "Closing the month"),
    "reopen_period": QT_TRANSLATE_NOOP("db", "Reopening the month"),
    "issue_many": QT_TRANSLATE_NOOP("db", "Issuing the certificates"),
    "reprint": QT_TRANSLATE_NOOP("db", "Reprinting the certificate"),
    "revoke": QT_TRANSLATE_NOOP("db", "Revoking the certificate"),
    "import_public_key": QT_TRANSLATE_NOOP("db", "Importing the public key"),
    "name_office": QT_TRANSLATE_NOOP("db", "Naming the office that holds the key"),
}.items()}


def calling_action(depth: int = 2) -> Term:
    """The name of the public db/ function that is opening a unit of work, `depth` frames up
    from the caller of this function (helpers starting with _ are passed over)."""
    frame = sys._getframe(depth)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        name = frame.f_code.co_name
        if module.startswith("db.") and not name.startswith(("_", "<")):
            return ACTION_NAMES.get(name, SOME_CHANGE)
        frame = frame.f_back
    return SOME_CHANGE
