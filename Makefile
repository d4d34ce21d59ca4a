# leadfunnel: every target is a one-liner over uv, so a newcomer can read what each does.
# uv is bootstrapped with pip when it is not on PATH.

UV_VERSION := 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

# No telemetry anywhere: the calls fail or hang offline.
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export UV_NO_PROGRESS := 1

.PHONY: help install demo test lint lint-sql format bench docs clean dev

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(UV):
	python3 -m pip install --user --quiet "uv==$(UV_VERSION)"

install: $(UV) ## install the locked environment into .venv
	$(UV) sync --frozen

demo: install ## generate the sample company, land it, build it with dbt, show example queries
	$(UV) run --frozen leadfunnel demo

test: install ## lint and format check (Python and SQL), then the whole test suite (pytest drives real dbt builds)
	$(UV) run --frozen ruff check orchestration tests benchmarks scripts
	$(UV) run --frozen ruff format --check orchestration tests benchmarks scripts
	$(MAKE) --no-print-directory lint-sql
	$(UV) run --frozen pytest

lint: install ## ruff lint and format check, sqlfluff on the dbt SQL
	$(UV) run --frozen ruff check orchestration tests benchmarks scripts
	$(UV) run --frozen ruff format --check orchestration tests benchmarks scripts
	$(MAKE) --no-print-directory lint-sql

lint-sql: install ## sqlfluff (dbt templater, duckdb dialect) on models/ and tests/dbt/
	LEADFUNNEL_BUILD_DB=$$(mktemp -d)/lint.duckdb $(UV) run --frozen sqlfluff lint models tests/dbt

format: install ## format the Python code
	$(UV) run --frozen ruff format orchestration tests benchmarks scripts

bench: install ## benchmarks: generate, load, build at 10k/100k/1M people (prints a table)
	$(UV) run --frozen python benchmarks/bench.py

docs: install ## dbt docs (catalog needs a built warehouse: run make demo first)
	$(UV) run --frozen dbt docs generate --profiles-dir . --project-dir .

clean: ## remove build output (not the warehouse)
	rm -rf target logs .pytest_cache .ruff_cache

# Dagster's instance (run history, schedules, sensor cursors) lives beside the warehouse.
DEV_DAGSTER_HOME := $(or $(LEADFUNNEL_HOME),$(CURDIR)/warehouse)/dagster

.PHONY: dev
dev: install ## Dagster UI on http://127.0.0.1:3000 (assets, checks, schedules, sensors)
	$(UV) run --frozen python -m leadfunnel.dagster_defs.instance "$(DEV_DAGSTER_HOME)"
	DAGSTER_HOME="$(DEV_DAGSTER_HOME)" $(UV) run --frozen dagster dev \
		-m leadfunnel.definitions -h 127.0.0.1 -p 3000
