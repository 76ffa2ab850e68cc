# entra-box: every set-up step lives here, so a fresh clone needs only `make test` or `make demo`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEPS_STAMP := $(VENV)/.deps-installed

.PHONY: setup deps pulumi-cli test lint demo bench clean

setup: deps pulumi-cli

# The virtualenv with every Python dependency, pinned by pyproject.toml and constraints.txt.
deps: $(DEPS_STAMP)
$(DEPS_STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# The Pulumi CLI matching the pinned SDK, its Python language host and launchers, in
# $(VENV)/bin (tools/README-toolchain.md). Instant once done; the first build takes minutes.
pulumi-cli: deps
	$(PY) -m tools.pulumi_toolchain install

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

test: setup lint
	$(PY) -m pytest

demo: setup
	$(PY) -m components validate stacks/dev.yaml
	$(PY) -m components resolve stacks/dev.yaml

# Performance at enterprise scale with the real engine (tools/README-performance.md). Long:
# about half an hour for the default sizes; not part of `make test`. Pass flags with
# BENCH_ARGS, e.g. `make bench BENCH_ARGS="--users 1000,3000"`.
bench: setup
	$(PY) -m tools.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .state .mypy_cache .ruff_cache .pytest_cache
