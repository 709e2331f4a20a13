# Two commands for a newcomer: `make serve` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline check test test-fast setup setup-test system-deps bench clean bytecode generate finish

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-test: requirements-test.txt requirements.txt $(BIN)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

setup: $(BIN)/.installed

# The Nu HTML Checker (tests/quality/test_nu_html.py), pinned in package.json and package-lock.json. Its install script,
# which would download a Java runtime, is not run: Java comes from .ci/system-deps.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json package-lock.json | system-deps
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Zensical in a virtual environment of its own (requirements-zensical.txt says why), for tests/site/test_zensical.py.
ZENSICAL_VENV := .venv-zensical
$(ZENSICAL_VENV)/bin/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --upgrade pip
	$(ZENSICAL_VENV)/bin/pip install --quiet -r requirements-zensical.txt
	touch $@

# Chromium, Java, npm and a font from Debian's packages, when missing (.ci/system-deps says which and why).
system-deps:
	bash .ci/system-deps

# The parts are independent but for npm, which system-deps may install: `make test` sets them up side by side.
setup-test: $(BIN)/.installed-test $(ZENSICAL_VENV)/bin/.installed system-deps $(VNU_JAR)

# The hook's modules compiled to bytecode once, as pip does for installed packages: written even where
# PYTHONDONTWRITEBYTECODE is set, so that a build does not compile them again (docs/performance.md).
bytecode: setup
	$(BIN)/python -m compileall -q hooks

serve: bytecode
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: bytecode
	$(BIN)/mkdocs build --strict --site-dir site

# The offline edition, to open from disk (site-offline/index.html) or hand out as a folder: every address names its
# file and search works without a server (mkdocs.yml, the offline plugin).
offline: bytecode
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

# The complete site sources for any engine that reads mkdocs.yml, with no hooks (docs/architecture.md, "Generated
# sources"): then `cd build/generated && mkdocs build`, and `make finish` on the result. For Zensical:
# `make generate ENGINE=zensical`, then `zensical build` there (it reads raw HTML's addresses as Markdown links).
ENGINE ?= mkdocs
generate: setup
	cd hooks && ../$(BIN)/python -m guide.generate .. ../build/generated --engine $(ENGINE)

# The theme fixes and the Content-Security-Policy on a site another engine built from build/generated, the Markdown
# exports copied in and each page's edit link pointed at the file behind it. SITE names the built site.
SITE ?= build/generated/site
finish: setup
	cd hooks && ../$(BIN)/python -m guide.finish ../build/generated ../$(SITE)

check: setup
	cd hooks && ../$(BIN)/python -m guide.check ../data

# The tests run in WORKERS processes (pytest-xdist; a process that runs out of tests takes some of another's);
# each builds the site once for its share. Layers are folders
# of tests/ with a marker each (docs/quality.md#the-test-suite): `make test-fast` leaves out Chromium and the
# checkers, for a check before each commit; `make test` runs everything. PYTEST_ARGS passes more, e.g. "-x".
WORKERS ?= 2
test:
	$(MAKE) --no-print-directory --jobs=4 --output-sync=target setup-test
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

test-fast: $(BIN)/.installed-test $(ZENSICAL_VENV)/bin/.installed
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal -m "not browser and not checker" $(PYTEST_ARGS)

clean:
	rm -rf site site-offline build .pytest_cache

# Performance figures (docs/performance.md); not part of `make test` or CI. Takes 15-30 minutes, and runs `make test`
# itself for the test-suite figure. BENCH_ARGS passes options, e.g. BENCH_ARGS="--only overhead,weight" or "--quick".
bench: setup-test
	$(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)

# docs/data-model.md is generated from data/schemas/; run this after editing a schema (a test checks it).
.PHONY: data-model
data-model: setup
	cd hooks && ../$(BIN)/python -m guide.data_model_doc ../data/schemas ../docs/data-model.md
