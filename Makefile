# `make test` is the one command that sets up everything and runs the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: test install system-deps lint check-catalogue bench-smoke

test: system-deps install lint check-catalogue bench-smoke
	$(BIN)/python -m pytest -q

system-deps:
	bash .ci/install-debian-packages

install:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'

lint:
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# The shipped catalogues must pass GNU gettext's own checks, and our own (`glossary validate`).
check-catalogue:
	for f in glossary/glossary.pot locales/*/LC_MESSAGES/glossary.po; do msgfmt --check -o /dev/null "$$f" || exit 1; done
	$(BIN)/glossary validate
	$(BIN)/glossary update --check
	$(BIN)/glossary convert --check

# Every benchmark once on 1,000 generated concepts (benchmarks/README.md), so they cannot rot.
bench-smoke:
	$(BIN)/python benchmarks/run.py --smoke
