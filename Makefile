# Zone Desk: `make run` opens the program on a demo database; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo/zonedesk-demo.sqlite
QM := resources/i18n/zonedesk_zh_CN.qm

.PHONY: run test lint bench demo screenshot translations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(QM): resources/i18n/zonedesk_zh_CN.ts $(STAMP)
	$(BIN)/python scripts/translations.py compile

$(DEMO_DB): | $(STAMP)
	$(BIN)/zonedesk demo --db $(DEMO_DB)

run: $(STAMP) $(QM) $(DEMO_DB)
	@scripts/system-packages.sh run
	$(BIN)/zonedesk --db $(DEMO_DB)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/zonedesk demo --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) $(QM)
	@scripts/system-packages.sh test
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/benchmarks tests

bench: $(STAMP) $(QM)
	@scripts/system-packages.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/benchmarks --benchmark-columns=min,median,mean,max,rounds

screenshot: $(STAMP) $(QM) $(DEMO_DB)
	@scripts/system-packages.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --db $(DEMO_DB) --out docs/main-window.png

translations: $(STAMP)
	$(BIN)/python scripts/translations.py update
	$(BIN)/python scripts/translations.py compile

clean:
	rm -rf $(VENV) demo .pytest_cache .ruff_cache
