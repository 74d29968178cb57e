# OCOP Connect. `make run` sets up and runs the main job on the samples; `make test` runs the suite.
SWIFT ?= swift
# Rule 8 of STYLE.md: warnings are errors, Sendable is explicit, target imports are checked.
STRICT = -Xswiftc -warnings-as-errors -Xswiftc -require-explicit-sendable \
	--explicit-target-dependency-import-check error
RELEASE = .build/release
OUT = out
CATALOG = $(OUT)/ocop.sqlite

.PHONY: all build run test lint format bench system-packages clean

all: build

system-packages:
	@bash .ci/install-system-packages

build: system-packages
	$(SWIFT) build -c release --product ocop
	$(SWIFT) build -c release --product ocop-scheduler

# The main job on the bundled samples: a fresh catalogue, the samples imported and listed, then each
# marketplace's feed exported in each format and validated again from the file.
OCOP = $(RELEASE)/ocop
CONFIG = --config samples/ocop.yaml
FEEDS = google-merchant meta-catalog
run: build
	@mkdir -p $(OUT)
	@rm -f $(CATALOG) $(CATALOG)-wal $(CATALOG)-shm
	$(OCOP) catalog import $(CONFIG) samples/catalog/*.csv samples/catalog/*.json
	$(OCOP) catalog list $(CONFIG)
	@for marketplace in $(FEEDS); do \
		for format in xml json; do \
			extension=$$format; [ $$format = json ] && extension=jsonl; \
			$(OCOP) feed export $$marketplace $(CONFIG) --format $$format --output $(OUT)/$$marketplace.$$extension || exit $$?; \
			$(OCOP) feed validate $$marketplace $(OUT)/$$marketplace.$$extension $(CONFIG) || exit $$?; \
		done; \
	done

test: system-packages
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --parallel $$(git ls-files '*.swift')

format:
	$(SWIFT) format --in-place --parallel $$(git ls-files '*.swift')

# Benchmarks: release build, generated input, numbers printed. Not part of `make test`.
BENCH_COUNTS ?= 100000
bench: system-packages
	$(SWIFT) build -c release --product ocop
	$(SWIFT) build -c release --product ocop-bench
	$(RELEASE)/ocop-bench $(foreach count,$(BENCH_COUNTS),--count $(count))

clean:
	rm -rf .build $(OUT)
