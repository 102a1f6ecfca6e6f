# gatekit: the two commands a fresh Debian 12 machine needs are `make demo`
# and `make test`; both install what is missing first. Everything else is
# a convenience over the CMake presets in CMakePresets.json.

PRESET ?= default
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)

.PHONY: all deps deps-test build demo test test-ci dogfood asan fuzz fuzz-build bench bench-deps bench-junit bench-coverage bench-manifest bench-health format format-check clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET) -j $(JOBS)

# Runs junit-gate on the example reports (a pytest suite split in shards) as
# the staging gate (>= 95%: passes) and the production gate (>= 98%: fails),
# coverage-gate on the same suite's coverage.py report, flag-validate on the
# design documents' flag file, health-check against a local stand-in service,
# and manifest-gen over all four verdicts.
demo: build
	@echo
	@mkdir -p build/demo
	@echo '$$ build/bin/junit-gate --min-pass-rate 95 --critical critical --report-json build/demo/junit.json examples/junit/'
	@build/bin/junit-gate --min-pass-rate 95 --critical critical --report-json build/demo/junit.json examples/junit/; \
	  echo "(exit code $$?: 0 = gate passed)"
	@echo
	@echo '$$ build/bin/junit-gate --min-pass-rate 98 --critical critical examples/junit/'
	@build/bin/junit-gate --min-pass-rate 98 --critical critical examples/junit/; echo "(exit code $$?: 1 = gate failed)"
	@echo
	@echo '$$ build/bin/coverage-gate --min-combined 85 --report-json build/demo/coverage.json examples/coverage/coverage.xml'
	@build/bin/coverage-gate --min-combined 85 --report-json build/demo/coverage.json examples/coverage/coverage.xml; \
	  echo "(exit code $$?: 1 = gate failed)"
	@echo
	@echo '$$ build/bin/flag-validate --at 2025-10-21T12:00:00Z --policy examples/flags/policy.yml --environment production --env-from-workflow examples/flags/production-deploy.yml --report-json build/demo/flags.json examples/flags/feature_flags.json'
	@build/bin/flag-validate --at 2025-10-21T12:00:00Z --policy examples/flags/policy.yml --environment production \
	  --env-from-workflow examples/flags/production-deploy.yml --report-json build/demo/flags.json examples/flags/feature_flags.json; \
	  echo "(exit code $$?: 0 = valid, with warnings)"
	@echo
	@echo '$$ build/bin/flag-validate eval examples/flags/feature_flags.json --at 2025-10-21T12:00:00Z --user alice'
	@build/bin/flag-validate eval examples/flags/feature_flags.json --at 2025-10-21T12:00:00Z --user alice
	@echo
	@scripts/demo_health.sh build/bin/health-check build/demo/health.json; \
	  echo "(exit code $$?: 0 = healthy; the warning-severity check is reported, not gating)"
	@echo
	@echo '$$ build/bin/manifest-gen --environment staging --junit-report build/demo/junit.json --coverage-report build/demo/coverage.json --health-report build/demo/health.json --flags-report build/demo/flags.json --artifact "examples/junit/*.xml" --out build/demo/deployment-manifest.json'
	@build/bin/manifest-gen --environment staging --junit-report build/demo/junit.json --coverage-report build/demo/coverage.json \
	  --health-report build/demo/health.json --flags-report build/demo/flags.json --artifact "examples/junit/*.xml" \
	  --out build/demo/deployment-manifest.json; \
	  echo "(exit code $$?: 0 = written; gates_passed is false because the coverage gate failed)"
	@echo
	@echo '$$ build/bin/manifest-gen verify build/demo/deployment-manifest.json'
	@build/bin/manifest-gen verify build/demo/deployment-manifest.json; echo "(exit code $$?: 0 = every artifact matches)"

test: deps-test
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET) -j $(JOBS)
	ctest --preset $(PRESET) -j $(JOBS)

# As CI runs it: warnings are errors.
test-ci:
	$(MAKE) test PRESET=ci

# The dogfood gate CI runs: a coverage build (build-dogfood/), ctest's JUnit
# report and gcovr's Cobertura report, gated by junit-gate and coverage-gate.
dogfood:
	JOBS=$(JOBS) scripts/dogfood.sh

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan: deps-test
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

fuzz-build:
	@scripts/install-deps.sh fuzz
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)

# Runs every fuzz target for FUZZ_SECONDS over a scratch copy of its corpus;
# new interesting inputs land in fuzz/corpus-work/ (copy keepers into fuzz/corpus/).
fuzz: fuzz-build
	@for target in junit_parser coverage_parser lcov_diff flags_parser health_inputs; do \
	  mkdir -p fuzz/corpus-work/$$target; \
	  build-fuzz/bin/$${target}_fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 fuzz/corpus-work/$$target fuzz/corpus/$${target%_parser} || exit 1; \
	done

bench: bench-junit bench-coverage bench-manifest bench-health

bench-deps: build
	@scripts/install-deps.sh bench

bench-junit: bench-deps
	bench/run_junit_bench.sh --gate build/bin/junit-gate

bench-coverage: bench-deps
	bench/coverage/run_coverage_bench.sh --gate build/bin/coverage-gate

bench-manifest: bench-deps
	bench/manifest/run_hash_bench.sh --gen build/bin/manifest-gen

bench-health: bench-deps
	scripts/install-deps.sh test
	bench/health/run_health_bench.py --bin build/bin/health-check

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build build-asan build-fuzz build-release
