# kg: two commands on a fresh machine.
#   make demo   set up .venv, install kg, build output/ from the bundled sample
#   make test   set up .venv with the dev extras, run ruff, mypy and pytest

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DEVSTAMP = $(VENV)/.installed-dev

.PHONY: demo test lint typecheck pytest clean venv chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build --sample -o output --no-progress
	$(BIN)/kg plot output/graph.ttl --kind alliance -o output/alliance.png
	$(BIN)/kg plot output/graph.ttl --focus "North Korea" -o output/north-korea.png
	$(BIN)/kg query output/graph.ttl 'SELECT ?subject ?relation ?object WHERE { ?s ?p ?o . ?p rdfs:subPropertyOf/rdfs:subPropertyOf kg:relation . ?s rdfs:label ?subject . ?o rdfs:label ?object . ?p rdfs:label ?relation } ORDER BY ?subject ?relation ?object'

lint: $(DEVSTAMP)
	$(BIN)/ruff check kg tests benchmarks scripts
	$(BIN)/ruff format --check kg tests benchmarks scripts

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

# The browser test opens graph.html in headless Chromium (Debian's package; run as root in
# CI). Elsewhere, without root, the test is skipped with a message.
chromium:
	@command -v chromium >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	else \
		echo "chromium is missing and this is not root: the browser test will be skipped"; \
	fi

pytest: $(DEVSTAMP) chromium
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
