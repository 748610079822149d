# Developer and CI commands. Every target that needs Python first makes .venv on its own
# (python3 -m venv + pip install -e '.[dev]') and reuses it while pyproject.toml is unchanged.
#
#   make run      the app (ARGS="--offline" etc. are passed on)
#   make test     lint, import contracts, types, then the whole pytest suite
#   make help     everything else

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARGS ?=
PYTEST_ARGS ?=

# The stamp's name carries a checksum of pyproject.toml's content, not its mtime (which a fresh
# clone resets): editing the dependencies reinstalls, an unchanged checkout reuses .venv as is.
DEPS_HASH := $(shell cksum pyproject.toml | cut -d " " -f 1)
STAMP := $(VENV)/.installed-$(DEPS_HASH)

# In CI a device test that finds no devices fails instead of skipping; the device tests read this.
ifeq ($(CI),true)
export LIVE_DESKTOP_REQUIRE_DEVICES ?= 1
endif

# The interface translations: Qt Linguist sources (committed) and their compiled catalogs.
TS_FILES := $(wildcard live_desktop/ui/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

# Packaging (packaging/, docs/packaging.md): the one-folder bundle and the Linux archive.
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' live_desktop/__init__.py)
BUNDLE := dist/live-desktop
ARCHIVE := dist/live-desktop-$(VERSION)-linux-$(shell uname -m).tar.xz
PACKAGE_STAMP := $(VENV)/.package-$(DEPS_HASH)

.PHONY: help venv run test pytest lint typecheck format emulator devices clean distclean \
	translations update-translations icons bundle dist dist-test

help: ## show the targets
	@awk -F ':.*## ' '/^[a-z-]+:.*## / { printf "  make %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

$(STAMP):
	@if ! $(BIN)/python -c '' 2>/dev/null; then \
		echo "creating $(VENV) with $$($(PYTHON) --version)"; \
		rm -rf $(VENV); \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --progress-bar off --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP) ## create or update .venv (done by every target that needs it)

run: $(STAMP) translations ## run the app: make run ARGS="--offline"
	$(BIN)/live-desktop $(ARGS)

test: lint typecheck pytest ## ruff, import-linter, mypy on core, then pytest

# pytest exits 5 when it collects nothing; say so, and let make fail on it like any other error.
pytest: $(STAMP) translations ## only the pytest suite: make pytest PYTEST_ARGS="-k session"
	@status=0; \
	QT_QPA_PLATFORM="$${QT_QPA_PLATFORM:-offscreen}" \
		$(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS) || status=$$?; \
	if [ "$$status" -eq 5 ]; then echo "make: pytest collected no tests" >&2; fi; \
	exit "$$status"

lint: $(STAMP) ## ruff and the import-linter layer contracts
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: $(STAMP) ## mypy, strict on live_desktop/core
	$(BIN)/mypy live_desktop/core

format: $(STAMP) ## ruff format, then ruff's safe fixes (reports what is left, never fails on it)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix --exit-zero .

translations: $(QM_FILES) ## compile the .ts translations to .qm (run and pytest do it first)

live_desktop/ui/i18n/%.qm: live_desktop/ui/i18n/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

update-translations: $(STAMP) ## after changing UI texts: put new ones into the .ts files
	QT_QPA_PLATFORM="$${QT_QPA_PLATFORM:-offscreen}" $(BIN)/python scripts/update_translations.py

emulator: $(STAMP) ## the local Live API emulator: make emulator ARGS="--port 8765"
	$(BIN)/python -m live_desktop.emulator $(ARGS)

# PyInstaller and Pillow (the `package` extra) only for the packaging targets.
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --progress-bar off --disable-pip-version-check -e '.[dev,package]'
	@rm -f $(VENV)/.package-*
	@touch $@

icons: $(PACKAGE_STAMP) ## render resources/live-desktop.svg to build/icons (PNG sizes, ICO, ICNS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/render_icons.py --out build/icons

bundle: $(PACKAGE_STAMP) translations icons ## the one-folder app (PyInstaller): dist/live-desktop/
	@start=$$SECONDS; \
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/live_desktop.spec; \
	echo "bundle: $(BUNDLE) ($$(du -sh $(BUNDLE) | cut -f1)) built in $$((SECONDS - start)) s"

dist: bundle ## the Linux archive: dist/live-desktop-<version>-linux-<arch>.tar.xz
	packaging/linux/make-archive.sh $(VERSION) $(BUNDLE) build/icons dist

dist-test: ## unpack and install the archive in a temporary home, run its --self-test
	@test -f $(ARCHIVE) || { echo "make: no $(ARCHIVE); run make dist first" >&2; exit 1; }
	packaging/linux/smoke-test.sh $(ARCHIVE)

devices: ## Linux: PulseAudio virtual speaker + microphone as defaults
	scripts/pulse-virtual-devices.sh

clean: ## remove caches and build output (keeps .venv)
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name '*.egg-info' \) \
		-type d -print0 | xargs -0 rm -rf
	rm -f $(QM_FILES)

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)
