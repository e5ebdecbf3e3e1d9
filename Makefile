# Set-up is two commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install messages clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/puente demo $(DEMO_ARGS)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

test: $(STAMP) node_modules/axe-core/axe.min.js
	$(BIN)/pytest $(PYTEST_ARGS)

# Refresh the Spanish catalog after changing user-facing text, then translate and compile.
messages: $(STAMP)
	cd src/puente && ../../$(BIN)/puente makemessages -l es --no-location
	$(BIN)/python tools/translate.py

clean:
	rm -rf $(VENV) var node_modules .pytest_cache
