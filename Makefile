# make run:  create .venv, install backrun, start it.
# make test: the same venv plus the test tools, then lint, type checks and the whole suite.
# make bench: the figures quoted in the README: first paint against a bare Textual app, CPU of
#             the run screen against termdown, cue lateness, the history with 2,000 sessions.
# make sounds: re-make the WAV cues in sounds/ (needs espeak-ng).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint pytest bench sounds clean

run: $(VENV)/.installed
	$(BIN)/backrun

test: $(VENV)/.installed-test lint pytest

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(VENV)/.installed-test
	@echo '== Start-up: first paint, backrun against a bare Textual app'
	@$(BIN)/python benchmarks/startup.py
	@echo
	@echo '== Run screen: CPU against termdown'
	@$(BIN)/python benchmarks/cpu_run.py
	@echo
	@echo '== Cues: lateness'
	@$(BIN)/python benchmarks/cue_latency.py
	@echo
	@echo '== History: 2,000 sessions'
	@$(BIN)/python benchmarks/history_scale.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	@$(PYTHON) tools/check_system.py
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/bin/python
	@$(PYTHON) tools/check_system.py
	$(BIN)/pip install --quiet -e '.[test,lint]'
	@touch $@ $(VENV)/.installed

sounds: $(VENV)/bin/python
	$(BIN)/python sounds/make_sounds.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
