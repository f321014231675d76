# The two commands of the README, and a few more for working on the code.
.PHONY: run test soak build bench fuzz clean

run:            ## install what is missing, build, migrate, load demo data, serve on http://127.0.0.1:8080
	@scripts/run

test:           ## the same set-up, then every test (release, then ASan + UBSan)
	@scripts/test

soak:           ## the reliability suite's long forms (docs/reliability.md): floods, 500 kills, 10 min of fuzzing per target
	@scripts/soak

build:          ## release build only
	@scripts/install-deps
	@scripts/build release

bench:          ## benchmarks, one table (docs/benchmarks.md); one with SCENARIO=name
	@scripts/bench $(SCENARIO)

fuzz:           ## the libFuzzer targets under ASan + UBSan, 60 s each (FUZZ_SECONDS=n); findings in build/asan/fuzz-findings
	@scripts/install-deps
	@scripts/fuzz

clean:          ## remove build output (keeps ./var)
	rm -rf build
