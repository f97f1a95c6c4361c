# The two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint typecheck unit bench clean

# A venv whose creation failed half-way (no ensurepip) is removed, so the next run starts over.
$(BIN)/pip:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "error: '$(PYTHON) -m venv' failed; install Python's venv module" \
			"(Debian/Ubuntu: apt-get install python3-venv) and run make again" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# The demo needs diffdoc only; the tests also need the test tools (pytest, ruff, mypy, ...).
$(STAMP): $(BIN)/pip pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

demo: $(STAMP)
	@mkdir -p out
	@$(BIN)/diffdoc report sco-declaration-2002@v1 sco-declaration-2002-illustrative-edit@v1 \
		--corpus corpus -o out/report.html
	@echo "Side-by-side HTML report (the seed against an illustrative edited draft, see demo/README.md):"
	@echo "$(CURDIR)/out/report.html"

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

unit: $(TEST_STAMP)
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) out build *.egg-info
