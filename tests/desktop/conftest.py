"""Fixtures for the desktop tests: an AppContext for a chosen person, a few registered firms,
and the program's modals replaced by recorders (a real message box would wait forever here).

Generic on purpose: every pane's tests may use these; add new fixtures below the first block.
"""

from dataclasses import dataclass, field
from datetime import date

import pytest

from db.engine import Database
from db.services.enterprises import FirstTenancy, register_enterprise
from desktop import modals
from desktop.background import BackgroundRunner
from desktop.context import AppContext, ChangeBus
from tests.conftest import Staff, firm_fields, valid_uscc


@pytest.fixture
def runner(qtbot, db: Database):  # noqa: ANN001, ANN201
    """One database thread per test, stopped before the database is closed."""
    background = BackgroundRunner()
    yield background
    background.stop()


@pytest.fixture
def make_context(qapp, qtbot, db: Database):  # noqa: ANN001, ANN201 (pytest-qt fixtures)
    """make_context(actor) -> AppContext; each one's runner is drained and stopped at the end."""
    made: list[AppContext] = []

    def make(actor) -> AppContext:  # noqa: ANN001
        context = AppContext(db=db, runner=BackgroundRunner(), bus=ChangeBus(), actor=actor)
        made.append(context)
        return context

    yield make
    for context in made:
        qtbot.waitUntil(lambda c=context: not c.runner.busy, timeout=10_000)
        context.runner.stop()


@pytest.fixture
def actor(request: pytest.FixtureRequest, people: Staff):  # noqa: ANN201
    """The signed-in person: people.clerk unless a test says otherwise, e.g.
    @pytest.mark.parametrize("actor", ["auditor"], indirect=True)."""
    return getattr(people, getattr(request, "param", "clerk"))


@pytest.fixture
def context(make_context, actor) -> AppContext:  # noqa: ANN001
    return make_context(actor)


@dataclass(frozen=True)
class Firm:
    id: int
    uscc: str
    name: str
    zone_id: int


# (key, name, zone, sector, industry, little-giant level, contact)
FIRMS = (
    ("xinghe", "上海星河智能科技有限公司", 1, "ai", "software", "none", "赵敏"),
    ("lanxin", "上海蓝芯集成电路有限公司", 1, "ic", "industry", "municipal", "钱进"),
    ("yunyi", "上海云翼低空飞行器有限公司", 1, "low_altitude", "industry", "none", "孙丽"),
    ("hailan", "上海海蓝生物医药有限公司", 2, "biomedicine", "industry", "national", "周强"),
    ("xingchen", "上海星辰超导材料有限公司", 2, "new_materials", "industry", "none", "吴静"),
)


@dataclass
class Firms:
    """The firms of `firms`, by key (firms.xinghe ...) and in registration order (firms.all)."""

    all: list[Firm] = field(default_factory=list)

    def __getattr__(self, key: str) -> Firm:
        for key_, firm in zip((f[0] for f in FIRMS), self.all, strict=False):
            if key_ == key:
                return firm
        raise AttributeError(key)

    def in_zone(self, zone_id: int) -> list[Firm]:
        return [f for f in self.all if f.zone_id == zone_id]


@pytest.fixture
def firms(db: Database, people: Staff) -> Firms:
    """Five firms, three in zone 1 and two in zone 2, each with an open tenancy from 2024-01-01
    and a valid USCC of its own (numbers far from the ones valid_uscc() hands out)."""
    result = Firms()
    for n, (_key, name, zone, sector, industry, level, contact) in enumerate(FIRMS):
        code = valid_uscc(100_000_000 + 7919 * n)
        fields = firm_fields(uscc=code, name=name, sector_code=sector, industry_code=industry,
                             giant_level=level, contact_name=contact,
                             giant_recognised_on=None if level == "none" else date(2024, 6, 1),
                             total_assets_fen=None)
        firm_id = register_enterprise(db, actor=people.admin, fields=fields, zone_id=zone,
                                      tenancy=FirstTenancy(f"A栋{101 + n}", 12050, date(2024, 1, 1)))
        result.all.append(Firm(firm_id, code, name, zone))
    return result


class ModalLog:
    """What the program would have shown: errors, messages, questions (answered `answer`)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.messages: list[str] = []
        self.questions: list[str] = []
        self.failures: list[BaseException] = []
        self.answer = False
        self.remember = False  # the "don't ask again" box of ask_yes_no_remember, ticked or not

    def install(self, monkeypatch: pytest.MonkeyPatch) -> "ModalLog":
        monkeypatch.setattr(modals, "show_error", lambda _parent, text: self.errors.append(text))
        monkeypatch.setattr(modals, "show_message",
                            lambda _parent, _title, text: self.messages.append(text))
        monkeypatch.setattr(modals, "ask_yes_no", self._ask)
        monkeypatch.setattr(modals, "ask_yes_no_remember",
                            lambda parent, title, question, _remember: (
                                self._ask(parent, title, question), self.remember))
        monkeypatch.setattr(modals, "show_failure", self._failure)
        return self

    def _ask(self, _parent, _title: str, question: str) -> bool:  # noqa: ANN001
        self.questions.append(question)
        return self.answer

    def _failure(self, _parent, error: BaseException) -> None:  # noqa: ANN001
        self.failures.append(error)
        self.errors.append(modals.translate_error(error) if hasattr(error, "template") else str(error))


@pytest.fixture
def modal_log(monkeypatch: pytest.MonkeyPatch) -> ModalLog:
    """Replaces desktop.modals' functions by recorders; questions are answered No unless
    modal_log.answer = True."""
    return ModalLog().install(monkeypatch)


@pytest.fixture
def book(db: Database, people: Staff, firms: Firms):  # noqa: ANN201
    """tests/ledger_data.py's book of money over four of `firms`' firms (A–C in zone 1, D in 2)."""
    from tests.ledger_data import make_book
    return make_book(db, people, (firms.xinghe.id, firms.lanxin.id, firms.yunyi.id, firms.hailan.id))


@pytest.fixture
def show_pane(qtbot, make_context, modal_log):  # noqa: ANN001, ANN201
    """show_pane(PaneClass, actor, (width, height), ready=None, active=False) -> the pane shown as
    its own window, once `ready(pane)` holds (or it is exposed); `active` makes it the active
    window, where shortcuts work."""
    def show(pane_class, actor, size: tuple[int, int], ready=None, active: bool = False):  # noqa: ANN001, ANN202
        pane = pane_class(make_context(actor))
        qtbot.addWidget(pane)
        pane.resize(*size)
        pane.show()
        if active:
            with qtbot.waitActive(pane):
                pane.activateWindow()
        if ready is None:
            qtbot.waitExposed(pane)
        else:
            qtbot.waitUntil(lambda: ready(pane), timeout=5000)
        return pane
    return show
