# smmlab: every target bootstraps .venv itself (Python 3.11+ on PATH as python3).
# The two set-up commands of the README: `make lab` and `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab hub test test-lesson system-deps check doctor lint book bench release release-tag status lock clean help

help:
	@echo "make lab      start the workshop in JupyterLab at the first lesson"
	@echo "make test     run every test (installs what is missing first)"
	@echo "make check    the fast tests and ruff (no browser, no notebook runs, no builds)"
	@echo "make test-lesson LESSON=NN   every test of one lesson (claims, explorer, exercise grading)"
	@echo "make doctor   check that this machine is ready for the workshop"
	@echo "make hub      start the workshop on JupyterHub for a room (as root; see deploy/hub)"
	@echo "make book     build the web book into book/_build/html"
	@echo "make bench    print speed figures (explorers, notebooks, grading, book)"
	@echo "make release  regenerate exercises/ from solutions/ with nbgrader"
	@echo "make release-tag VERSION=x.y.z   bump, tag and build the book of a release"
	@echo "make status   show which parts of each lesson exist"
	@echo "make lint     ruff"
	@echo "make lock     re-pin requirements.lock, requirements-dev.lock and binder/requirements.txt"

# The workshop's run time (make lab, Binder, `pip install smmlab`): requirements.lock only.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("smmlab needs Python 3.11 or newer; found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The developer's extras (test, book, lint) on top: what make test, check, book, bench, lint add.
$(DEV): $(STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	@touch $(DEV)

lab: $(STAMP)
	$(BIN)/smmlab lab

# Debian's chromium and PostgreSQL first: installed if missing, or a stop with the command to run.
system-deps:
	@tools/system-deps

# One test worker more than there are cores: while one waits (a browser, a hub's servers, the
# book's build), the others keep every core busy. Groups run longest first (tests/conftest.py).
WORKERS := $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1)')

test: system-deps $(DEV)
	env -u MPLBACKEND $(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup --no-loadscope-reorder

# The slow half that `make check` leaves out: the book, the browser, nbgrader grading, claims on
# many seeds, the installed wheel (which runs every notebook).
SLOW_TESTS := tests/book tests/browser tests/grading tests/test_exercises.py tests/test_claims.py \
              tests/test_wheel.py

check: $(DEV)
	$(BIN)/ruff check src tests bench tools book/conf.py book/_ext setup.py
	env -u MPLBACKEND $(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder -q -m "not slow and not browser" \
	  $(addprefix --ignore=,$(SLOW_TESTS))

# Every test of one lesson, slow ones included (tests/conftest.py: --lesson): the loop while
# editing it. The book, the browser and the course-wide tests are left to make test.
test-lesson: $(DEV)
	@test -n "$(LESSON)" || { echo "usage: make test-lesson LESSON=NN (a lesson number, e.g. 10)"; exit 2; }
	$(BIN)/ruff check src tests bench tools book/conf.py book/_ext setup.py
	env -u MPLBACKEND $(BIN)/python -m pytest -n 2 --dist loadgroup -q --lesson $(LESSON)

doctor: $(STAMP)
	$(BIN)/smmlab doctor

hub: $(STAMP)
	$(BIN)/smmlab hub

lint: $(DEV)
	$(BIN)/ruff check src tests bench tools book/conf.py book/_ext setup.py

book: $(DEV)
	env -u MPLBACKEND $(BIN)/sphinx-build -nW --keep-going -b html book book/_build/html

bench: $(DEV)
	env -u MPLBACKEND $(BIN)/python -m bench

release: $(STAMP)
	$(BIN)/smmlab release

# A release of the kit (not of the exercises): clean tree, version bump, launch links at the tag,
# commit, book built, tag. tools/release.py says how to publish it.
release-tag: $(DEV)
	@test -n "$(VERSION)" || { echo "usage: make release-tag VERSION=x.y.z"; exit 2; }
	$(BIN)/python tools/release.py $(VERSION)

status: $(STAMP)
	$(BIN)/smmlab status

lock: $(DEV)
	$(BIN)/python -m pip install --quiet -e '.[test,book,lint]'
	$(BIN)/python tools/lock.py --freeze

clean:
	rm -rf book/_build book/jupyter_execute .pytest_cache
