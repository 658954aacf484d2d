# kg: two commands on a fresh machine.
#   make demo   set up .venv, install kg, build output/ from the bundled sample
#   make test   set up .venv with the dev and train extras, run ruff, mypy and pytest

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DEVSTAMP = $(VENV)/.installed-dev

.PHONY: demo test lint typecheck pytest clean venv chromium evaluate pytest-fast

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

# torch first, pinned, on its own: the train extra (the relation model's smoke test)
# needs it, and pip left to resolve torch itself picks a 3 GB CUDA build.
$(DEVSTAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'torch==2.13.0'
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,train]'
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

# The quick loop while editing: everything but the tests marked slow (workers, Dask, Jupyter).
pytest-fast: $(DEVSTAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# Score kg on its own gold (needs ../shared: the corpora and the shared scorer): the article
# gold with the pair dev set, then the two held-out article gold sets
# (benchmarks/gold/articles-heldout, articles-heldout2).
SHARED ?= ../shared
evaluate: $(STAMP)
	mkdir -p benchmarks/out
	$(BIN)/kg evaluate benchmarks/gold/articles \
		-a $(SHARED)/corpus/allsides-10k.jsonl.gz -a $(SHARED)/corpus/reuters21578 \
		-a $(SHARED)/corpus/bbc/politics --scorer $(SHARED)/eval/score_graph.py \
		--pairs benchmarks/gold/pairs/dev.jsonl --json benchmarks/out/gold-eval.json $(EVALUATE_ARGS)
	$(BIN)/kg evaluate benchmarks/gold/articles-heldout \
		-a $(SHARED)/corpus/allsides-10k.jsonl.gz -a $(SHARED)/corpus/reuters21578 \
		-a $(SHARED)/corpus/bbc/politics --scorer $(SHARED)/eval/score_graph.py \
		--json benchmarks/out/gold-eval-heldout.json $(EVALUATE_ARGS)
	$(BIN)/kg evaluate benchmarks/gold/articles-heldout2 \
		-a $(SHARED)/corpus/allsides-10k.jsonl.gz -a $(SHARED)/corpus/reuters21578 \
		-a $(SHARED)/corpus/bbc/politics --scorer $(SHARED)/eval/score_graph.py \
		--json benchmarks/out/gold-eval-heldout2.json $(EVALUATE_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
