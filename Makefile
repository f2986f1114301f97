# Marsad: `make demo` installs and runs the main job on SQLite; `make test` runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
# speed targets are per core: the benchmarks keep numpy's BLAS to one thread
ONE_CORE := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

.PHONY: install dev demo test lint eval roles-dev train-roles train-retell train-places eval-ner train-ner install-ner bench clean persons-dev

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

demo: install
	$(BIN)/marsad demo --db sqlite:///marsad.db

test: dev
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/ruff check marsad tests bench scripts

eval: install
	$(BIN)/python scripts/evaluate.py --shared $(SHARED)

# actor/recipient accuracy on the role dev set (eval/roles-dev, hand checks 6-8); OUT=report.md writes the error listing
roles-dev: install
	$(BIN)/python scripts/roles_dev.py --shared $(SHARED) $(if $(OUT),--out $(OUT))

# the share of found person mentions correctly delimited on the person dev set (eval/persons-dev); ERRORS=1 lists
# the rest; GOLD=eval/persons-check8 scores hand check 8's sample instead
persons-dev: install
	$(BIN)/python scripts/persons_dev.py --shared $(SHARED) $(if $(ERRORS),--errors) $(if $(GOLD),--gold $(GOLD))

# the role model (marsad/models/role-model) from every set of gold roles in eval/roles-dev, cross-validated by article
train-roles: install
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_roles.py --shared $(SHARED) $(if $(ROLES_OUT),--out $(ROLES_OUT))

# the retelling model (marsad/models/retell-model) from the same gold sets; train it after the role model, whose
# roles it reads
train-retell: install
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_retell.py --shared $(SHARED) $(if $(RETELL_OUT),--out $(RETELL_OUT))

# the place model (marsad/models/place-model) from the hand-written places of eval/roles-dev/places-*.jsonl; train it
# after the role and retelling models, whose outputs it reads
train-places: install
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_places.py --shared $(SHARED) $(if $(PLACES_OUT),--out $(PLACES_OUT))

eval-ner: install
	$(BIN)/python -m marsad.ner.evaluate $(SHARED)/data/ner/anercorp/test.conll

# trains into a new directory (NER_OUT, default build/models/ner-<time>) with its meta.json; the shipped
# model is replaced only by install-ner MODEL=<that directory>
train-ner: install
	$(BIN)/pip install -q -e ".[train]"
	$(BIN)/python -m marsad.ner.train --shared $(SHARED) --rebuild-clusters $(if $(NER_OUT),--out $(NER_OUT))

install-ner: install
	@test -n "$(MODEL)" || (echo "usage: make install-ner MODEL=build/models/ner-..." >&2; exit 2)
	$(BIN)/python -m marsad.ner.install $(MODEL)

bench: install
	$(ONE_CORE) $(BIN)/python bench/bench.py --shared $(SHARED) --stages text
	$(ONE_CORE) $(BIN)/python bench/bench.py --shared $(SHARED) --stages entities
	$(ONE_CORE) $(BIN)/python bench/bench.py --shared $(SHARED) --stages full
	$(BIN)/python bench/bench_resolve.py --shared $(SHARED) --db build/bench-resolve.db
	$(BIN)/python bench/bench_api.py --shared $(SHARED) --db build/bench-resolve.db
	$(BIN)/python bench/bench_million.py --source build/bench-resolve.db --db build/bench-million.db
	$(ONE_CORE) $(BIN)/python bench/bench_dask.py --shared $(SHARED)
	$(BIN)/pip install -q -e '.[postgresql]'
	@# the PostgreSQL rate on MARSAD_TEST_PG, else on a throwaway server started (and stopped) here
	pg=$$(mktemp -d /tmp/marsad-bench-pg.XXXXXX); \
	url=$${MARSAD_TEST_PG:-$$(bash .ci/postgres.sh start $$pg || true)}; \
	$(ONE_CORE) $(BIN)/python bench/bench_ingest.py rate --shared $(SHARED) --limit 1000 --pg "$$url"; \
	status=$$?; bash .ci/postgres.sh stop $$pg; rm -rf $$pg; exit $$status
	$(ONE_CORE) $(BIN)/python bench/bench_ingest.py memory --shared $(SHARED) --limit 3000

clean:
	rm -rf build .pytest_cache marsad.db
