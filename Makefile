# Buurtaanpak portal. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install system-check lint layers lock messages nlds bench audit clean

$(VENV)/.installed: requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "Python 3.11 of nieuwer is nodig (gevonden: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed

system-check: install
	@$(PY) -m buurtaanpak.system_check

# The embedded stack (Procfile): the portal on 127.0.0.1:$(PORT), a Celery
# worker and Celery beat, with SQLite and the broker's messages under var/ and
# e-mail on the console. Ctrl-C stops all three. DEBUG is off, so visitors see
# the portal's own Dutch error pages; `make run DEBUG=true` shows Django's.
# Honcho reads no .env: that file holds production values for docker compose.
run: export PORT := $(PORT)
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: export DEBUG ?= false
run: system-check
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	PATH="$(abspath $(dir $(PY))):$$PATH" $(PY) -m honcho --procfile Procfile --env /dev/null start

# The suite runs in one pytest-xdist worker per core (at most 4), each with its
# own test database and Redis database; TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

test: system-check layers
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m pytest --numprocesses=$(TEST_WORKERS) --maxprocesses=4 --dist=loadscope $(PYTEST_ARGS)

lint: layers
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# The import contracts in pyproject.toml: no module imports a layer above it.
layers: install
	$(VENV)/bin/lint-imports --no-cache

# Runtime pins (the image) and development pins (tests, lint, benchmark) apart;
# the development lock is constrained by the runtime one, so both agree.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes \
		--quiet -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --python-version 3.11 \
		--generate-hashes --quiet -c requirements.lock -o requirements-dev.lock

messages: install
	$(PY) -m buurtaanpak.messages

# The NL Design System CSS (Utrecht components and design tokens) under
# static/vendor/utrecht/, at the versions pinned in scripts/update-nlds.sh.
# Needs node and npm; running the portal needs neither.
nlds:
	scripts/update-nlds.sh

# Checks every pinned dependency against known vulnerabilities (needs internet
# access to the OSV database).
audit: install
	$(VENV)/bin/pip-audit --vulnerability-service osv --requirement requirements.lock \
		--require-hashes --disable-pip --progress-spinner off

# The load test (gunicorn, Celery, PostgreSQL and Redis on loopback; 20 to 30
# minutes) and the PDF report benchmark; both write docs/benchmarks.md.
# Shorter run: make bench BENCH_ARGS="--seconds 60 --repeats 1".
bench: install
	$(PY) -m benchmarks.run $(BENCH_ARGS)
	$(PY) -m benchmarks.reports

clean:
	rm -rf $(VENV) var/static
