# Zone Desk: `make run` opens the program on a demo database; `make test` runs the whole suite.
# Each target first installs the system packages it uses (scripts/system-packages.sh): Qt's
# own tools (pyside6-lrelease) need some of them already.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo/zonedesk-demo.sqlite
QM := resources/i18n/zonedesk_zh_CN.qm

.PHONY: run test lint bench demo screenshot guide translations clean system-test system-run package

system-test:
	@PYTHON=$(PYTHON) scripts/system-packages.sh test

system-run:
	@PYTHON=$(PYTHON) scripts/system-packages.sh run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(QM): resources/i18n/zonedesk_zh_CN.ts $(STAMP) | system-test
	$(BIN)/python scripts/translations.py compile

$(DEMO_DB): | $(STAMP)
	$(BIN)/zonedesk demo --db $(DEMO_DB)

run: system-run $(STAMP) $(QM) $(DEMO_DB)
	$(BIN)/zonedesk --db $(DEMO_DB)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/zonedesk demo --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check .

test: system-test $(STAMP) $(QM)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/benchmarks tests

bench: system-test $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/benchmarks --benchmark-columns=min,median,mean,max,rounds

screenshot: system-test $(STAMP) $(QM) $(DEMO_DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --db $(DEMO_DB) --out docs/main-window.png

# Help → User guide: its screenshots, made from the program on a small demo (resources/guide/)
guide: system-test $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/user_guide.py

# the PyInstaller bundle dist/zonedesk/ and dist/zonedesk_<version>_amd64.deb (packaging/README.md)
package: system-test $(STAMP) $(QM)
	$(BIN)/python scripts/package.py

translations: system-test $(STAMP)
	$(BIN)/python scripts/translations.py update
	$(BIN)/python scripts/translations.py compile

clean:
	rm -rf $(VENV) demo .pytest_cache .ruff_cache build dist
