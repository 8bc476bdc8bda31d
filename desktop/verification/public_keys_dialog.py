"""The public keys this database trusts: its own (the one it signs with, and retired ones that
still verify what they signed), and those imported from other service centres so that their
certificates verify here. Anyone may export this database's key (a short text file to send to
another office); administrators import another office's, and replace this database's key when it
was lost or may have been copied."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.errors import ZoneDeskError
from db.queries.keys import KeyRow, public_keys
from db.services.keys import export_public_key, import_public_key
from db.services.own_key import name_office, replace_signing_key
from desktop import modals
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.reason_dialog import ReasonDialog

KEY_FILTER = "Zone Desk public key (*.txt);;All files (*)"
COL_OFFICE, COL_KEY, COL_OWN, COL_ADDED = range(4)


class PublicKeysDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.may_import = context.actor.may(Action.KEY_IMPORT)
        self.may_replace = context.actor.may(Action.KEY_REPLACE)
        self.may_name = context.actor.may(Action.KEY_NAME)
        self.keys: list[KeyRow] | None = None
        self.replace_dialog: ReasonDialog | None = None
        self.setWindowTitle(self.tr("Public keys"))
        self.resize(680, 380)
        intro = QLabel(self.tr("A certificate is valid only when it was signed with one of these "
                               "keys. Import another service centre's key to verify its "
                               "certificates here."))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("keys")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Office"), self.tr("Key id"), self.tr("Whose"),
                                   self.tr("Added on")])
        self.tree.header().setSectionResizeMode(COL_OFFICE, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        for column in (COL_KEY, COL_OWN, COL_ADDED):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.export_button = QPushButton(self.tr("Export this database's key…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.export_key)
        self.replace_button = QPushButton(self.tr("Replace this database's key…"))
        self.replace_button.setObjectName("replace")
        self.replace_button.clicked.connect(self.replace_key)
        self.replace_button.setVisible(self.may_replace)  # db/ refuses the others anyway
        self.office = QLineEdit()
        self.office.setObjectName("office")
        self.office.setPlaceholderText(self.tr("Office (as named in the file when left empty)"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(self.import_key)
        # the office holding this database's key: what verifications show as "Key held by"
        self.own_office = QLineEdit()
        self.own_office.setObjectName("own_office")
        self.own_office.setPlaceholderText(self.tr("This office's name, as certificates' "
                                                   "verifications show it"))
        self.name_button = QPushButton(self.tr("Save the office's name"))
        self.name_button.setObjectName("name_office")
        self.name_button.clicked.connect(self.name_office)
        self.own_office.returnPressed.connect(self.name_office)
        self.errors = FieldErrors()
        office_message = self.errors.add("office", self.office)
        own_office_message = self.errors.add("own_office", self.own_office)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        importing = QHBoxLayout()
        importing.addWidget(self.office, 1)
        importing.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        own_buttons = QHBoxLayout()
        own_buttons.addWidget(self.export_button)
        own_buttons.addWidget(self.replace_button)
        own_buttons.addStretch(1)
        layout.addLayout(own_buttons)
        naming = QHBoxLayout()
        naming.addWidget(QLabel(self.tr("Key held by")))
        naming.addWidget(self.own_office, 1)
        naming.addWidget(self.name_button)
        naming_box = QWidget()
        naming_box.setLayout(naming)
        naming.setContentsMargins(0, 0, 0, 0)
        naming_box.setVisible(self.may_name)  # db/ refuses the others anyway
        layout.addWidget(naming_box)
        layout.addWidget(own_office_message)
        for widget in (self.office, self.import_button, office_message):
            widget.setVisible(self.may_import)  # db/ refuses the others anyway
        layout.addLayout(importing)
        layout.addWidget(office_message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        office_message.hide()
        self.reload()

    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: public_keys(db, actor=actor), on_success=self._loaded,
                                parent=self)

    def _loaded(self, keys: list[KeyRow]) -> None:
        self.keys = keys
        self.own_office.setText(next((key.office for key in keys if key.signs_now), ""))
        self.tree.clear()
        for key in keys:
            item = QTreeWidgetItem([key.office, key.key_id, self._whose(key),
                                    key.added_on.isoformat()])
            if key.retired_reason:
                item.setToolTip(COL_OWN, key.retired_reason)
            self.tree.addTopLevelItem(item)

    def _whose(self, key: KeyRow) -> str:
        if key.signs_now:
            return self.tr("This database")
        if key.own:
            return self.tr("This database, retired on {day}").format(
                day=key.retired_on.isoformat())
        return self.tr("Imported")

    # --- export -------------------------------------------------------------------------
    def export_key(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: export_public_key(db, actor=actor),
                                on_success=self._save_key, parent=self)

    def _save_key(self, text: str) -> None:
        key_id = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                       if line.startswith("key-id:")), "")
        path = modals.choose_save_path(self, self.tr("Export the public key"),
                                       f"zonedesk-key-{key_id}.txt", KEY_FILTER)
        if path is None:
            return
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            modals.show_error(self, self.tr("The file could not be saved: {reason}").format(
                reason=error.strerror or str(error)))
            return
        self.status.setText(self.tr("Saved as {name}: send it to the offices that verify this "
                                    "centre's certificates.").format(name=path.name))

    # --- replace ------------------------------------------------------------------------
    def replace_key(self) -> None:
        if not self.may_replace or self.replace_dialog is not None:
            return
        db, actor = self.context.db, self.context.actor
        self.replace_dialog = ReasonDialog(
            self.context, title=self.tr("Replace this database's key"),
            prompt=self.tr("Do this when the key was lost or may have been copied. Certificates "
                           "already issued stay valid; new ones are signed with the new key, "
                           "which other offices must import again. Why is the key replaced?"),
            ok_text=self.tr("Replace the key"),
            work=lambda reason: lambda _task: replace_signing_key(db, actor=actor, reason=reason),
            on_done=self._replaced, parent=self)
        self.replace_dialog.finished.connect(self._replace_closed)
        self.replace_dialog.open()

    def _replaced(self, key_id: str) -> None:
        self.status.setText(self.tr("New key {key_id}: export it and send it to the offices that "
                                    "verify this centre's certificates.").format(key_id=key_id))
        self.context.bus.changed.emit("key", key_id)
        self.reload()

    def _replace_closed(self) -> None:
        if self.replace_dialog is not None:
            self.replace_dialog.deleteLater()
            self.replace_dialog = None

    # --- the office's name --------------------------------------------------------------
    def name_office(self) -> None:
        if not self.may_name:
            return
        self.errors.clear("own_office")
        db, actor, office = self.context.db, self.context.actor, self.own_office.text()
        self.name_button.setEnabled(False)
        self.context.runner.run(lambda _task: name_office(db, actor=actor, office=office),
                                on_success=self._named, on_failure=self._name_refused, parent=self)

    def _named(self, office: str) -> None:
        self.name_button.setEnabled(True)
        self.status.setText(self.tr("This database's key is now held by {office}: export it "
                                    "again for the offices that verify its certificates.").format(
            office=office))
        self.context.bus.changed.emit("key", "")
        self.reload()

    def _name_refused(self, error: BaseException) -> None:
        self.name_button.setEnabled(True)
        if isinstance(error, ZoneDeskError) and error.field == "office":
            self.errors.mark("own_office", modals.translate_error(error))
            return
        modals.show_failure(self, error)

    # --- import -------------------------------------------------------------------------
    def import_key(self) -> None:
        if not self.may_import:
            return
        self.errors.clear()
        path = modals.choose_open_path(self, self.tr("Import a public key"), KEY_FILTER)
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            modals.show_error(self, self.tr("The file could not be read: {reason}").format(
                reason=getattr(error, "strerror", None) or str(error)))
            return
        db, actor, office = self.context.db, self.context.actor, self.office.text().strip()
        self.import_button.setEnabled(False)
        self.context.runner.run(
            lambda _task: import_public_key(db, actor=actor, text=text, office=office),
            on_success=self._imported, on_failure=self._import_failed, parent=self)

    def _imported(self, key_id: str) -> None:
        self.import_button.setEnabled(True)
        self.office.clear()
        self.status.setText(self.tr("Key {key_id} imported: certificates signed with it now "
                                    "verify here.").format(key_id=key_id))
        self.context.bus.changed.emit("key", key_id)
        self.reload()

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.errors.show_failure(self, error)
