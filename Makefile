# A thin face over scripts/. See README.md.
.PHONY: run test bench setup build screenshots
run:    ; @bash scripts/run.sh
test:   ; @bash scripts/test.sh
bench:  ; @bash scripts/bench.sh
setup:  ; @bash scripts/setup.sh
build:  ; @bash scripts/setup.sh run && bash scripts/build.sh
screenshots: ; @bash scripts/screenshots.sh
