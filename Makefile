# entra-box: every set-up step lives here, so a fresh clone needs only `make test` or `make demo`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEPS_STAMP := $(VENV)/.deps-installed

.PHONY: setup deps pulumi-cli actionlint test lint demo bench bench-100k clean

setup: deps pulumi-cli actionlint

# The virtualenv with every Python dependency, pinned by pyproject.toml and constraints.txt.
deps: $(DEPS_STAMP)
$(DEPS_STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# The Pulumi CLI matching the pinned SDK, its Python language host and launchers, in
# $(VENV)/bin (docs/contributing.md: "The Pulumi CLI"). Instant once cached; the first build takes minutes.
pulumi-cli: deps
	$(PY) -m tools.pulumi_toolchain install

# actionlint (GitHub workflow linter) built from the Go module proxy, cached outside the
# repository like the Pulumi CLI (tools/actionlint.py).
actionlint: deps
	$(PY) -m tools.actionlint install

lint: deps actionlint
	$(VENV)/bin/actionlint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

test: setup lint
	$(PY) -m pytest

# The main job on the embedded Box emulator: `pulumi up` on the demo stack, Box's contents,
# then a convergence check. State in .state/demo (tools/demo.py; docs/emulator.md: "The demo").
demo: setup
	$(PY) -m tools.demo

# Performance at enterprise scale with the real engine (docs/performance.md). Long: about
# 17 minutes for the default sizes on 2 cores; not part of `make test`. Pass flags with
# BENCH_ARGS, e.g. `make bench BENCH_ARGS="--users 1000,3000"`.
bench: setup
	$(PY) -m tools.bench $(BENCH_ARGS)

# 100,000 people in user shards, from a seeded Box and a state made by an adopting `up`
# (docs/performance-shards.md). BENCH_ARGS as for bench.
bench-100k: setup
	$(PY) -m tools.bench --seeded --users 100000 --user-model shards $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .state stacks/Pulumi.demo.yaml .mypy_cache .ruff_cache .pytest_cache
