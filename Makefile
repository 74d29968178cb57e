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
FEEDS = google-merchant meta-catalog woocommerce
run: build
	@mkdir -p $(OUT)
	@rm -f $(CATALOG) $(CATALOG)-wal $(CATALOG)-shm
	$(OCOP) catalog import $(CONFIG) samples/catalog/*.csv samples/catalog/*.json
	$(OCOP) catalog list $(CONFIG)
	@for marketplace in $(FEEDS); do \
		formats="xml json"; [ $$marketplace = woocommerce ] && formats=json; \
		for format in $$formats; do \
			extension=$$format; [ $$format = json ] && extension=jsonl; \
			$(OCOP) feed export $$marketplace $(CONFIG) --format $$format --output $(OUT)/$$marketplace.$$extension || exit $$?; \
			$(OCOP) feed validate $$marketplace $(OUT)/$$marketplace.$$extension $(CONFIG) || exit $$?; \
		done; \
	done
	@# Publish to the built-in sandbox (loopback, any free port): a first run creates, a second sends nothing;
	@# then the scheduler runs the config's nightly job once (nothing left to send) and shows its status.
	@$(OCOP) sandbox --port 0 --write-google-key $(OUT)/sandbox-google-key.json > $(OUT)/sandbox.log 2>&1 & \
	echo $$! > $(OUT)/sandbox.pid; \
	for i in $$(seq 1 100); do grep -q listening $(OUT)/sandbox.log && break; sleep 0.1; done; \
	port=$$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\) .*/\1/p' $(OUT)/sandbox.log | head -n 1); \
	sed -e "s#https://graph.facebook.com/v21.0#http://127.0.0.1:$$port/graph/v21.0#" \
		-e "s#https://merchantapi.googleapis.com\"#http://127.0.0.1:$$port/google\", token_endpoint: \"http://127.0.0.1:$$port/google/token\"#" \
		-e "s#https://ocop.daklak.example.vn/wp-json/wc/v3#http://127.0.0.1:$$port/woocommerce/wp-json/wc/v3#" \
		samples/ocop.yaml > $(OUT)/sandbox.yaml; \
	export META_ACCESS_TOKEN=sandbox-meta-token GOOGLE_APPLICATION_CREDENTIALS=$(OUT)/sandbox-google-key.json \
		WC_CONSUMER_KEY=ck_sandbox WC_CONSUMER_SECRET=cs_sandbox; \
	for marketplace in $(FEEDS); do \
		$(OCOP) publish $$marketplace --config $(OUT)/sandbox.yaml && \
		$(OCOP) publish $$marketplace --config $(OUT)/sandbox.yaml || { kill $$(cat $(OUT)/sandbox.pid); exit 1; }; \
	done; \
	$(RELEASE)/ocop-scheduler --once --config $(OUT)/sandbox.yaml && \
	$(RELEASE)/ocop-scheduler --status --config $(OUT)/sandbox.yaml && \
	$(OCOP) runs --config $(OUT)/sandbox.yaml && \
	$(OCOP) report --config $(OUT)/sandbox.yaml --output $(OUT)/readiness.html; status=$$?; \
	kill $$(cat $(OUT)/sandbox.pid); exit $$status

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
