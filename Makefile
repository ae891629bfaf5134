# Two commands matter: `make run` (the site with the demo course) and `make test` (every test).
# `make run` serves ASGI (uvicorn, reloading on changes), so the live classroom's streams work.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: run test lint serve bench bench-logged-in load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Stroke-order data for the characters (npm: hanzi-writer, hanzi-writer-data), read when a
# character is saved. Skipped without npm: the pages then show the still characters.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	fi

run: $(VENV)/.installed node_modules/.installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_demo --admin
	@echo
	@echo "  Site:  http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  (login printed above)"
	@echo
	$(DEV_ENV) $(BIN)/uvicorn config.asgi:application --reload --host $(HOST) --port $(PORT)

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite against a non-editable install: a throwaway venv gets `pip install ".[dev]"` of a
# clean copy of the project (no build/ left here); the tests, the benchmark scripts they drive,
# manage.py and the pytest settings run from another temporary folder, where only the installed
# package is importable (checked first). tests/test_packaging.py still reads this source tree.
.PHONY: test-installed
test-installed: node_modules/.installed
	@set -e; unset PYTHONPATH; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	mkdir "$$tmp/src" "$$tmp/run"; \
	tar -c --exclude=./.git --exclude=./.venv --exclude=./node_modules --exclude=./build \
		--exclude='*.egg-info' --exclude=__pycache__ . | tar -x -C "$$tmp/src"; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	(cd "$$tmp/src" && "$$tmp/venv/bin/python" -m pip install --quiet ".[dev]"); \
	cp -r tests bench manage.py pyproject.toml "$$tmp/run/"; \
	cd "$$tmp/run"; \
	"$$tmp/venv/bin/python" -c 'import core, sysconfig; from pathlib import Path; \
		site = Path(sysconfig.get_paths()["purelib"]); \
		assert Path(core.__file__).is_relative_to(site), core.__file__; \
		print("Testing the installed package:", Path(core.__file__).parent)'; \
	HANZI_WRITER_DATA="$(CURDIR)/node_modules/hanzi-writer-data" PROJECT_SOURCE_DIR="$(CURDIR)" \
		"$$tmp/venv/bin/pytest" -p no:cacheprovider $(PYTEST_ARGS)

# Production-like serving: gunicorn + WhiteNoise, settings from the environment
# (SECRET_KEY and ALLOWED_HOSTS at least; see README "Production"). The live streams run in a
# second gunicorn with uvicorn workers (config/gunicorn_live.py, LIVE_BIND), which the reverse
# proxy serves at /<course>/weeks/<n>/live/events (config/nginx/site.conf, docs/operations.md).
serve: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	MALLOC_ARENA_MAX=2 $(BIN)/gunicorn config.asgi --config config/gunicorn_live.py & live=$$!; \
	trap 'kill $$live' EXIT INT TERM; \
	$(BIN)/gunicorn config.wsgi --config config/gunicorn.py

# Throughput, latency, memory and SQL queries of the public pages (needs wrk: apt-get install wrk).
bench: $(VENV)/.installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The same pages as 30 logged-in students get them, and the class opening the slideshow at once.
bench-logged-in: $(VENV)/.installed
	$(BIN)/python -m bench.logged_in $(BENCH_ARGS)

# 30 students editing group submissions plus anonymous readers for 60 s against gunicorn; checks
# no 5xx, no lost revision, flat memory and connections. LOAD_ARGS: e.g. --database-url
# postgres://postgres@127.0.0.1:5432/postgres --redis-url redis://127.0.0.1:6379/13 [--restart-db]
load: $(VENV)/.installed
	$(BIN)/python -m bench.load $(LOAD_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
