# Developer shortcuts; the README's commands are what CI runs.
PY ?= .venv/bin/python

.PHONY: test lint bench quality golden

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff format --check src tests plugins scripts
	$(PY) -m ruff check src tests plugins scripts
	$(PY) -m mypy

bench:
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/hostile.py

quality:
	$(PY) benchmarks/quality_sourcing.py
	$(PY) benchmarks/quality_residue.py

golden:
	$(PY) -m pytest tests/test_golden.py --update-golden
	git status --short fixtures/golden
	git diff --stat fixtures/golden
