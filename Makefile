# OCOP Connect. `make run` sets up and runs the main job on the samples; `make test` runs the suite.
SWIFT ?= swift
SHELL := /bin/bash
# Rule 8 of STYLE.md: warnings are errors, Sendable is explicit, target imports are checked.
STRICT = -Xswiftc -warnings-as-errors -Xswiftc -require-explicit-sendable \
	--explicit-target-dependency-import-check error
RELEASE = .build/release
OUT = out
CATALOG = $(OUT)/ocop.sqlite

.PHONY: all build run test lint format bench fuzz fuzz-build system-packages clean

all: build

system-packages:
	@bash .ci/install-system-packages

# The Swift runtime is linked in (--static-swift-stdlib), so the binaries run on a server without the toolchain:
# only system libraries (libcurl, libxml2, sqlite…) are loaded, as `ldd` shows.
build: system-packages
	$(SWIFT) build -c release --static-swift-stdlib --product ocop
	$(SWIFT) build -c release --static-swift-stdlib --product ocop-scheduler
	@! ldd $(RELEASE)/ocop $(RELEASE)/ocop-scheduler | grep -F lib/swift/ || \
		{ echo "the release binaries still load the Swift runtime from the toolchain"; exit 1; }

# `ocop feed export` and `ocop publish` exit 3 when they held items back (each listed with its reason): some
# sample products lack what Lazada and TikTok Shop require (a package size, a stock count, a 25-character
# title). Here that is expected; a publish that exits 3 with items that *failed* still stops `make run`.
HELD_BACK = 3

# The main job on the bundled samples: a fresh catalogue, the samples imported and listed, then each
# marketplace's feed exported in each format and validated again from the file.
OCOP = $(RELEASE)/ocop
CONFIG = --config samples/ocop.yaml --catalog $(CATALOG)
FEEDS = google-merchant meta-catalog woocommerce shopee lazada tiktok-shop tiki
run: build
	@mkdir -p $(OUT)
	@rm -f $(CATALOG) $(CATALOG)-wal $(CATALOG)-shm
	$(OCOP) catalog import $(CONFIG) samples/catalog/*.csv samples/catalog/*.json
	$(OCOP) catalog list $(CONFIG)
	@# The mappings name Shopee's, Lazada's, TikTok Shop's and Tiki's categories by path: their trees first,
	@# from the built-in sandbox (the same trees it serves when publishing below).
	@. scripts/sandbox.sh; sandbox_start $(OCOP) $(OUT) || exit 1; \
	$(OCOP) categories sync --all --config $(OUT)/sandbox.yaml --catalog $(CATALOG); status=$$?; \
	sandbox_stop; exit $$status
	@for marketplace in $(FEEDS); do \
		formats=json; case $$marketplace in google-merchant|meta-catalog|lazada) formats="xml json";; esac; \
		for format in $$formats; do \
			extension=$$format; [ $$format = json ] && extension=jsonl; \
			$(OCOP) feed export $$marketplace $(CONFIG) --format $$format --output $(OUT)/$$marketplace.$$extension; \
			status=$$?; [ $$status -eq 0 ] || [ $$status -eq $(HELD_BACK) ] || exit $$status; \
			$(OCOP) feed validate $$marketplace $(OUT)/$$marketplace.$$extension $(CONFIG) || exit $$?; \
		done; \
	done
	@# Publish to the built-in sandbox (loopback, any free port): a first run creates, a second sends nothing;
	@# then the scheduler runs the config's nightly job once (nothing left to send) and shows its status.
	@. scripts/sandbox.sh; sandbox_start $(OCOP) $(OUT) || exit 1; \
	publish() { out=$$($(OCOP) publish $$1 --config $(OUT)/sandbox.yaml); status=$$?; echo "$$out"; \
		[ $$status -eq 0 ] || { [ $$status -eq $(HELD_BACK) ] && echo "$$out" | grep -qE ' 0 failed|thất bại 0'; }; }; \
	for marketplace in $(FEEDS); do \
		publish $$marketplace && publish $$marketplace || { sandbox_stop; exit 1; }; \
	done; \
	$(RELEASE)/ocop-scheduler --once --config $(OUT)/sandbox.yaml && \
	$(RELEASE)/ocop-scheduler --status --config $(OUT)/sandbox.yaml && \
	$(OCOP) runs --config $(OUT)/sandbox.yaml && \
	$(OCOP) report --config $(OUT)/sandbox.yaml --output $(OUT)/readiness.html; status=$$?; \
	sandbox_stop; exit $$status

# The suite, then the conformance step: the marketplaces' own client libraries (from PyPI, in a throwaway venv)
# judge what the freshly built `ocop` sends (Tests/Conformance/run); then each fuzz target briefly.
test: system-packages
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build
	bash Tests/Conformance/run .build/debug/ocop
	$(MAKE) fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)

# Each fuzz target's time within `make test` (`make fuzz` alone runs them for FUZZ_SECONDS).
TEST_FUZZ_SECONDS ?= 30

lint:
	$(SWIFT) format lint --strict --parallel $$(git ls-files '*.swift')

format:
	$(SWIFT) format --in-place --parallel $$(git ls-files '*.swift')

# Benchmarks: release build, generated input, numbers printed. Not part of `make test`. Each step's CPU time is
# set beside its peer's (sqlite3 .import, scripts/bench/google_feed_lxml.py, xmllint --stream --schema); the
# export's peer needs a python3 with lxml (`pip install lxml` or apt's python3-lxml), else it is "unavailable".
BENCH_COUNTS ?= 100000
bench: system-packages
	$(SWIFT) build -c release --static-swift-stdlib --product ocop
	$(SWIFT) build -c release --static-swift-stdlib --product ocop-bench
	$(RELEASE)/ocop-bench $(foreach count,$(BENCH_COUNTS),--count $(count))

# Fuzzing: the readers (FuzzTargets) under libFuzzer and AddressSanitizer, each for FUZZ_SECONDS, from the seeds
# in Tests/Fuzz/TARGET (new inputs are kept in .build-fuzz/corpus). A crash leaves .build-fuzz/crash-TARGET-*:
# copy it into Tests/Fuzz/TARGET/, where the suite replays it, and fix the reader. `make test` runs each briefly.
FUZZ_SECONDS ?= 600
FUZZ_BUILD = .build-fuzz
FUZZ_TARGETS = csv json-catalog json jsonl-feed xml-feed
fuzz-build: system-packages
	$(SWIFT) build --build-path $(FUZZ_BUILD) --sanitize=fuzzer --sanitize=address -Xswiftc -DOCOP_LIBFUZZER \
		--product ocop-fuzz

fuzz: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$target; \
		echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=0 OCOP_FUZZ_TARGET=$$target $(FUZZ_BUILD)/debug/ocop-fuzz $(FUZZ_BUILD)/corpus/$$target Tests/Fuzz/$$target \
			-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/crash-$$target- 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)"; \
		status=$${PIPESTATUS[0]}; [ $$status -eq 0 ] || { echo "ocop-fuzz $$target failed ($$status)"; exit 1; }; \
	done

clean:
	rm -rf .build $(FUZZ_BUILD) $(OUT)
