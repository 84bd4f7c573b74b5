# Weltoffene Kommune: `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8000
# The site links to the address it is served at (weltoffen/pages/addresses.py).
SITE_URL ?= http://$(HOST):$(PORT)
export HOST PORT SITE_URL
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
VENV := .venv
MANAGE := $(VENV)/bin/python manage.py
APT_PACKAGES := chromium gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core wrk

.PHONY: help setup run serve serve-production test test-browser bench bench-http lint format messages data backup restore

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

setup: ## Install Python and npm dependencies, system packages for PDFs and browser tests, translations
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required.")'
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv || $(PYTHON) -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --quiet
	@command -v npm >/dev/null 2>&1 || { echo "npm (Node.js 20) is required: https://nodejs.org or 'apt-get install nodejs npm'."; exit 1; }
	@if [ ! -d node_modules/@kern-ux/native ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	@bash scripts/install-system-packages.sh $(APT_PACKAGES)
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	@$(MAKE) --no-print-directory build/fonts/fonts.css

# The site's web fonts, subset from the npm package; rebuilt when the package or the rule changes.
build/fonts/fonts.css: node_modules/.package-lock.json weltoffen/pages/fonts.py
	@$(MANAGE) build_fonts -v 0

run: setup data serve ## Install, migrate, load register, catalogue and content, then serve

data: ## Migrate and load the municipality register, catalogue, site pages and demo content, build the search index (idempotent)
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) import_register
	$(MANAGE) import_model_municipalities
	$(MANAGE) load_catalogue
	$(MANAGE) setup_site
	$(MANAGE) setup_knowledge
	$(MANAGE) load_demo_content
	$(MANAGE) setup_support
	$(MANAGE) load_support_services
	$(MANAGE) build_search_index

serve: ## Serve an installed checkout at http://$(HOST):$(PORT), with a background worker beside it
	$(MANAGE) follow_site_address
	$(MANAGE) run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; $(MANAGE) runserver $(HOST):$(PORT)

serve-production: ## Serve an installed checkout as production does: gunicorn (gunicorn.conf.py) and a worker, production settings
	DJANGO_SETTINGS_MODULE=weltoffen.settings.production DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-false} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(VENV)/bin/python -c 'import secrets; print(secrets.token_urlsafe(60))')} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost} HOST=$(HOST) PORT=$(PORT) \
	bash -c '$(MANAGE) collectstatic --no-input -v 0 && $(MANAGE) createcachetable && { $(MANAGE) run_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT; $(VENV)/bin/gunicorn -c gunicorn.conf.py weltoffen.wsgi:application; }'

test: setup ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set), browser tests included
	$(MANAGE) makemigrations --check --dry-run -v 1
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

test-browser: setup ## Run only the browser tests (Playwright + axe-core)
	$(VENV)/bin/pytest -m browser

bench: setup ## Run the benchmarks and print their figures (in-process, then over HTTP)
	$(VENV)/bin/python -m benchmarks
	$(VENV)/bin/python -m benchmarks.http

bench-http: setup ## Only the HTTP benchmark: every page type under gunicorn as a ratio to a bare Django view
	$(VENV)/bin/python -m benchmarks.http

backup: ## Back up database, media and evidence files into one archive in BACKUP_ROOT (default backups/)
	$(MANAGE) backup

restore: ## Restore an archive of `make backup` into an empty database: make restore ARCHIVE=backups/….tar.gz
	@test -n "$(ARCHIVE)" || { echo "Which archive? make restore ARCHIVE=backups/weltoffen-….tar.gz"; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"

lint: ## Check code style
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: ## Update the translation catalogues after changing UI strings
	$(MANAGE) makemessages -l en -e html,txt,py,svg --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete --add-location=file
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
