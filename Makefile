# Developer shortcuts; the README's commands are what CI runs. Everything runs through the
# venv's python (PY), so a bare `make lint` needs no tool on PATH: `make venv` first.
PY ?= .venv/bin/python
PLUGINS = ./plugins/editcheck-house-style ./plugins/editcheck-datelines ./plugins/editcheck-wagtail

.PHONY: venv test lint format bench quality golden

venv:
	python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev,test,serve]" $(PLUGINS)

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff format --check src tests plugins scripts
	$(PY) -m ruff check src tests plugins scripts
	$(PY) -m mypy

format:
	$(PY) -m ruff format src tests plugins scripts
	$(PY) -m ruff check --fix src tests plugins scripts

bench:
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/hostile.py

quality:
	$(PY) benchmarks/quality_sourcing.py
	$(PY) benchmarks/quality_residue.py
	$(PY) benchmarks/quality_language.py

golden:
	$(PY) -m pytest tests/test_golden.py --update-golden
	git status --short fixtures/golden
	git diff --stat fixtures/golden
