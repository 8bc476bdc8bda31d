"""A firm's details as a form: every field of EnterpriseFields (and, for a new firm, its zone and
first tenancy), checked at the field as it is typed by db/'s pure validators, never the database.
"""

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db import money, size_class, uscc
from db.certificates.printable import unprintable
from db.clock import today_shanghai
from db.errors import UsccCheckWarning, ValidationError, ValidationErrors, ZoneDeskError
from db.models import EnterpriseFields
from db.queries import reference
from db.services import validation
from db.services.enterprises import TEXT_LIMITS, FirstTenancy
from desktop import modals
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import (
    OptionalDate,
    References,
    choice_text,
    date_edit,
    qdate,
    zone_text,
)
from desktop.widgets.labels import GIANT_LEVELS, SIZE_CLASSES, label

FIELD_LABELS = {
    "uscc": QT_TRANSLATE_NOOP("EnterpriseForm", "Credit code (USCC)"),
    "name": QT_TRANSLATE_NOOP("EnterpriseForm", "Name"),
    "name_en": QT_TRANSLATE_NOOP("EnterpriseForm", "English name"),
    "legal_representative": QT_TRANSLATE_NOOP("EnterpriseForm", "Legal representative"),
    "registered_capital_fen": QT_TRANSLATE_NOOP("EnterpriseForm", "Registered capital (10,000 yuan)"),
    "founded_on": QT_TRANSLATE_NOOP("EnterpriseForm", "Founded on"),
    "sector_code": QT_TRANSLATE_NOOP("EnterpriseForm", "Sector"),
    "industry_code": QT_TRANSLATE_NOOP("EnterpriseForm", "Industry"),
    "employees": QT_TRANSLATE_NOOP("EnterpriseForm", "Employees"),
    "annual_revenue_fen": QT_TRANSLATE_NOOP("EnterpriseForm", "Annual revenue (10,000 yuan)"),
    "total_assets_fen": QT_TRANSLATE_NOOP("EnterpriseForm", "Total assets (10,000 yuan)"),
    "size_class": QT_TRANSLATE_NOOP("EnterpriseForm", "Size class"),
    "core_tech": QT_TRANSLATE_NOOP("EnterpriseForm", "Core technology"),
    "core_tech_note": QT_TRANSLATE_NOOP("EnterpriseForm", "Core technology note"),
    "giant_level": QT_TRANSLATE_NOOP("EnterpriseForm", "Little-giant level"),
    "giant_recognised_on": QT_TRANSLATE_NOOP("EnterpriseForm", "Recognised on"),
    "contact_name": QT_TRANSLATE_NOOP("EnterpriseForm", "Contact person"),
    "contact_phone": QT_TRANSLATE_NOOP("EnterpriseForm", "Contact phone"),
    "contact_email": QT_TRANSLATE_NOOP("EnterpriseForm", "Contact e-mail"),
    "zone_id": QT_TRANSLATE_NOOP("EnterpriseForm", "Zone"),
    "status": QT_TRANSLATE_NOOP("EnterpriseForm", "Status"),
    "uscc_check": QT_TRANSLATE_NOOP("EnterpriseForm", "Credit code check"),
    "unit": QT_TRANSLATE_NOOP("EnterpriseForm", "Unit"),
    "floor_area": QT_TRANSLATE_NOOP("EnterpriseForm", "Floor area (m²)"),
    "start_on": QT_TRANSLATE_NOOP("EnterpriseForm", "Tenant since"),
}
MONEY = ("registered_capital_fen", "annual_revenue_fen", "total_assets_fen")


def field_label(name: str) -> str:
    return QCoreApplication.translate("EnterpriseForm", FIELD_LABELS.get(name, name))


class EnterpriseForm(QWidget):
    """`fields()` (and `zone_id()`, `tenancy()` for a new firm) raise ValidationError naming the
    field when what was typed cannot be read; `errors` shows any db/ error at its field (every
    field a ValidationErrors names), in a line kept under each field so that nothing moves.
    `edited` tells that the person changed something (not a firm being loaded)."""

    edited = Signal()

    def __init__(self, references: References, *, new: bool) -> None:
        super().__init__()
        self.new = new
        self._filling = False
        self.errors = FieldErrors(reserve_space=True)
        self.inputs: dict[str, QWidget] = {}
        self.uscc = self._line("uscc", 24, self.tr("18 characters"))
        self.name = self._line("name")
        self.name_en = self._line("name_en")
        self.legal_representative = self._line("legal_representative")
        self.registered_capital = self._line("registered_capital_fen", 30)
        self.founded_on = OptionalDate(self.tr("Known"))
        self.sector = self._combo("sector_code", [(choice_text(s), s.code) for s in references.sectors])
        self.industry = self._combo("industry_code", [(choice_text(i), i.code) for i in reference.industries()])
        self.employees = QSpinBox()
        self.employees.setRange(0, 10_000_000)
        self.employees.setGroupSeparatorShown(True)
        self.annual_revenue = self._line("annual_revenue_fen", 30)
        self.total_assets = self._line("total_assets_fen", 30)
        self.size_class = QLabel()
        self.size_class.setObjectName("size_class")
        self.core_tech = QCheckBox(self.tr("The firm has core-technology results"))
        self.core_tech_note = self._line("core_tech_note")
        self.giant_level = self._combo("giant_level", [(label(GIANT_LEVELS, c), c) for c in GIANT_LEVELS])
        self.giant_recognised_on = date_edit()
        self.contact_name = self._line("contact_name")
        self.contact_phone = self._line("contact_phone")
        self.contact_email = self._line("contact_email")
        for name, widget in (("founded_on", self.founded_on.edit), ("employees", self.employees),
                             ("core_tech", self.core_tech),
                             ("giant_recognised_on", self.giant_recognised_on)):
            widget.setObjectName(name)
            self.inputs[name] = widget
        self._chain: list[QWidget] = []
        groups = [self._group(self.tr("Firm"), [
            ("uscc", self.uscc), ("name", self.name), ("name_en", self.name_en),
            ("legal_representative", self.legal_representative),
            ("registered_capital_fen", self.registered_capital), ("founded_on", self.founded_on),
            ("sector_code", self.sector), ("industry_code", self.industry)])]
        groups.append(self._group(self.tr("Size and recognition"), [
            ("employees", self.employees), ("annual_revenue_fen", self.annual_revenue),
            ("total_assets_fen", self.total_assets), ("size_class", self.size_class),
            ("core_tech", self.core_tech), ("core_tech_note", self.core_tech_note),
            ("giant_level", self.giant_level), ("giant_recognised_on", self.giant_recognised_on)]))
        groups.append(self._group(self.tr("Contact"), [
            ("contact_name", self.contact_name), ("contact_phone", self.contact_phone),
            ("contact_email", self.contact_email)]))
        if new:  # a new firm's sector and industry are chosen, never left at a default
            for combo in (self.sector, self.industry):
                combo.setPlaceholderText(self.tr("Choose…"))
                combo.setCurrentIndex(-1)
            zones = [(zone_text(z), z.id) for z in references.my_zones if z.active]
            self.zone = self._combo("zone_id", zones)
            self.unit = self._line("unit")
            self.floor_area = self._line("floor_area", 20, self.tr("e.g. 120.5"))
            self.start_on = date_edit()
            self.start_on.setObjectName("start_on")
            self.inputs["start_on"] = self.start_on
            groups.append(self._group(self.tr("Zone and first tenancy"), [
                ("zone_id", self.zone), ("unit", self.unit), ("floor_area", self.floor_area),
                ("start_on", self.start_on)]))
            self.floor_area.textChanged.connect(self._check_area)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, group in enumerate(groups):
            grid.addWidget(group, i // 2, i % 2)
        grid.setRowStretch(2, 1)
        for first, second in zip(self._chain, self._chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._wire()
        self._giant_level_changed()
        self._core_tech_changed()
        self._industry_changed()

    # --- building --------------------------------------------------------------------
    def _line(self, name: str, max_length: int | None = None, placeholder: str = "") -> QLineEdit:
        """A text field; one with a limit in db/ (TEXT_LIMITS) takes any length and says at once
        when it is too long (a cut name would be saved without anyone noticing)."""
        edit = QLineEdit()
        edit.setObjectName(name)
        if max_length is not None:  # codes and amounts: their own checks name the problem
            edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        self.inputs[name] = edit
        return edit

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        self.inputs[name] = combo
        return combo

    def _group(self, title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        for name, widget in rows:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            if name in self.inputs:
                column.addWidget(self.errors.add(name, self.inputs[name]))
            form.addRow(field_label(name), box)
            self._chain += [widget.known, widget.edit] if isinstance(widget, OptionalDate) else \
                [] if isinstance(widget, QLabel) else [widget]
        return group

    def _wire(self) -> None:
        for widget in self.inputs.values():
            for signal in ("textChanged", "currentIndexChanged", "valueChanged", "toggled", "dateChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(self._changed)
        self.founded_on.known.toggled.connect(self._changed)
        for name in TEXT_LIMITS:
            if name in self.inputs and name not in ("contact_phone", "contact_email"):
                self.inputs[name].textChanged.connect(lambda _text, n=name: self._check_length(n))
        self.uscc.textChanged.connect(self._check_uscc)
        for name in MONEY:
            edit = self.inputs[name]
            edit.textChanged.connect(lambda _text, n=name: self._check_money(n))
        self.employees.valueChanged.connect(self._update_size)
        self.industry.currentIndexChanged.connect(self._industry_changed)
        self.giant_level.currentIndexChanged.connect(self._giant_level_changed)
        self.core_tech.toggled.connect(self._core_tech_changed)
        for name, check in (("contact_phone", validation.phone), ("contact_email", validation.email)):
            edit = self.inputs[name]
            edit.textEdited.connect(lambda _text, n=name: self.errors.clear(n))
            edit.editingFinished.connect(lambda n=name, c=check: self._check_text(n, c))

    def _changed(self) -> None:
        if not self._filling:
            self.edited.emit()

    # --- checking as you type -----------------------------------------------------------
    def check_all(self) -> None:
        """Runs the as-you-type checks on what is there now (after a firm was loaded)."""
        self._check_uscc(self.uscc.text())
        for name in MONEY:
            self._check_money(name)
        self._check_length("name")

    def _check_length(self, name: str) -> None:
        """Too long: refused with the limit. The name also says at once which characters a
        certificate could not print (it would be refused when one is issued, months later)."""
        text = self.inputs[name].text()
        if len(text.strip()) > TEXT_LIMITS[name]:
            self.errors.mark_live(name, self.tr("At most {max} characters; this has {count}.").format(
                max=TEXT_LIMITS[name], count=len(text.strip())))
        elif name == "name" and (missing := unprintable(text)):
            self.errors.mark_live(name, self.tr("Certificates cannot print {chars}.").format(
                chars="、".join(f"“{char}” (U+{ord(char):04X})" for char in missing)), warning=True)
        else:
            self.errors.clear(name)

    def _check_uscc(self, text: str) -> None:
        verdict = uscc.judge(text)
        if not text.strip() or verdict.error is None:
            self.errors.clear("uscc")
        else:
            self.errors.mark_live("uscc", modals.translate_error(verdict.error),
                               warning=verdict.status == "check_failed")

    def _check_money(self, name: str) -> None:
        try:
            self._money(name)
        except ValidationError as error:
            self.errors.mark_live(name, modals.translate_error(error))
        else:
            self.errors.clear(name)
        self._update_size()

    def _check_text(self, name: str, check: Callable[[str, str], str]) -> None:
        try:
            check(self.inputs[name].text(), name)
        except ValidationError as error:
            self.errors.mark_live(name, modals.translate_error(error))

    def _check_area(self, text: str) -> None:
        try:
            if text.strip():
                validation.parse_area_m2(text)
        except ValidationError as error:
            self.errors.mark_live("floor_area", modals.translate_error(error))
        else:
            self.errors.clear("floor_area")

    def _industry_changed(self) -> None:
        needed = size_class.needs_assets(self.industry.currentData() or "")
        self.total_assets.setPlaceholderText(
            self.tr("Required for this industry") if needed else self.tr("Optional"))
        self._update_size()

    def _update_size(self) -> None:
        try:
            revenue, assets = self._money("annual_revenue_fen"), self._money("total_assets_fen")
        except ValidationError:
            found = size_class.UNKNOWN
        else:
            found = size_class.classify(self.industry.currentData() or "", employees=self.employees.value(),
                                        revenue_fen=revenue or 0, assets_fen=assets)
        self.size_class.setText(label(SIZE_CLASSES, found))

    def _giant_level_changed(self) -> None:
        self.giant_recognised_on.setEnabled(self.giant_level.currentData() != "none")

    def _core_tech_changed(self) -> None:
        self.core_tech_note.setEnabled(self.core_tech.isChecked())

    # --- values in and out --------------------------------------------------------------
    def _money(self, name: str) -> int | None:
        """What is typed, in fen; the most db/ takes is named at once (not "too large to be
        stored" after saving)."""
        text = self.inputs[name].text()
        if not text.strip():
            return None
        fen = money.parse_wan_yuan(text, field=name)
        validation.amount(fen, name)
        return fen

    def fields(self) -> EnterpriseFields:
        """What is typed; ValidationErrors naming every amount that cannot be read."""
        problems = validation.Problems()
        for name in MONEY:
            problems.check(self._money, name)
        if problems.errors:  # not sent to db/: say now what it would also have named
            problems.check(validation.required_text, self.name.text(), "name")
            problems.check(uscc.validate, self.uscc.text(), accept_check_failure=True)
            for combo, text in ((self.sector, "Choose a sector from the list."),
                                (self.industry, "Choose an industry from the list.")):
                if combo.currentIndex() < 0:  # db/'s own words (translated in its context)
                    problems.errors.append(ValidationError(text, field=combo.objectName()))
        problems.raise_any()
        level = self.giant_level.currentData()
        return EnterpriseFields(
            uscc=self.uscc.text(), name=self.name.text(), name_en=self.name_en.text(),
            legal_representative=self.legal_representative.text(),
            registered_capital_fen=self._money("registered_capital_fen") or 0,
            founded_on=self.founded_on.value(), sector_code=self.sector.currentData() or "",
            industry_code=self.industry.currentData() or "", employees=self.employees.value(),
            annual_revenue_fen=self._money("annual_revenue_fen") or 0,
            total_assets_fen=self._money("total_assets_fen"), core_tech=self.core_tech.isChecked(),
            core_tech_note=self.core_tech_note.text() if self.core_tech.isChecked() else "",
            giant_level=level,
            giant_recognised_on=None if level == "none" else self.giant_recognised_on.date().toPython(),
            contact_name=self.contact_name.text(), contact_phone=self.contact_phone.text(),
            contact_email=self.contact_email.text())

    def set_fields(self, fields: EnterpriseFields) -> None:
        self._filling = True
        try:
            self._set_fields(fields)
        finally:
            self._filling = False

    def _set_fields(self, fields: EnterpriseFields) -> None:
        for name in ("uscc", "name", "name_en", "legal_representative", "core_tech_note",
                     "contact_name", "contact_phone", "contact_email"):
            self.inputs[name].setText(getattr(fields, name))
        for name in MONEY:
            value = getattr(fields, name)
            self.inputs[name].setText("" if value is None else money.format_wan_yuan(value))
        self.founded_on.set_value(fields.founded_on)
        for name in ("sector_code", "industry_code", "giant_level"):
            combo = self.inputs[name]
            combo.setCurrentIndex(max(0, combo.findData(getattr(fields, name))))
        self.employees.setValue(fields.employees)
        self.core_tech.setChecked(fields.core_tech)
        self.giant_recognised_on.setDate(qdate(fields.giant_recognised_on or today_shanghai()))

    def zone_id(self) -> int | None:
        return self.zone.currentData()

    def tenancy(self) -> FirstTenancy | None:
        """The first tenancy, or None when neither unit nor floor area was typed."""
        if not self.unit.text().strip() and not self.floor_area.text().strip():
            return None
        return FirstTenancy(self.unit.text(), validation.parse_area_m2(self.floor_area.text()),
                            self.start_on.date().toPython())

    def state(self) -> tuple:
        """What is on screen, to tell whether anything was changed."""
        values = []
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit):
                values.append(widget.text())
            elif isinstance(widget, QComboBox):
                values.append(widget.currentData())
            elif isinstance(widget, QSpinBox):
                values.append(widget.value())
            elif isinstance(widget, QCheckBox):
                values.append(widget.isChecked())
            elif isinstance(widget, QDateEdit):
                values.append(widget.date().toString("yyyy-MM-dd"))
        return (*values, self.founded_on.known.isChecked())

    def show_error(self, error: ZoneDeskError) -> bool:
        """Marks the field the error names; False when it names none of this form's fields."""
        if isinstance(error, ValidationErrors):
            return self.errors.mark_all(error, order=list(self.inputs))
        return self.errors.mark(error.field, modals.translate_error(error),
                                warning=isinstance(error, UsccCheckWarning))
