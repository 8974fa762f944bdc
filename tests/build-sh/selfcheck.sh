#!/usr/bin/env bash
# build.sh's closing line must count a test project that crashes, prints no summary, or exits non-zero while its
# summary says 0 failed, as failed. Runs build.sh's counting functions on fake projects: no build, seconds.
set -euo pipefail
# shellcheck source=../../build.sh
source "$(dirname "$0")/../../build.sh"

problems=0

# expect TALLY_FUNCTION LABEL WANT_PASSED WANT_FAILED COMMAND...: one fake project, counted from zero.
expect() {
    local tally_function=$1 label=$2 want_passed=$3 want_failed=$4
    shift 4
    passed=0 failed=0
    "$tally_function" "$label" "$@" >/dev/null 2>&1
    if [ "$passed" -ne "$want_passed" ] || [ "$failed" -ne "$want_failed" ]; then
        echo "selfcheck: $label: counted $passed passed, $failed failed; expected $want_passed, $want_failed" >&2
        problems=$((problems + 1))
    fi
}

expecto_line='[03:48:57 INF] EXPECTO! 7 tests run in 00:00:00.68 for all – 5 passed, 0 ignored, 0 failed, 0 errored.'
vstest_line='Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 3 s'

expect tally_expecto "an Expecto program that crashes at startup" 0 1 \
    bash -c 'echo "Unhandled exception. System.Exception: No conformance folder" >&2; exit 134'
expect tally_expecto "an Expecto program that exits 0 without a summary" 0 1 bash -c 'echo "starting"'
expect tally_expecto "an Expecto summary of 0 failed with exit code 1" 5 1 bash -c "echo '$expecto_line'; exit 1"
expect tally_expecto "a passing Expecto program" 5 0 bash -c "echo '$expecto_line'"
expect tally_expecto "failed and errored Expecto tests" 2 3 \
    bash -c "echo 'EXPECTO! 6 tests run in 00:00:01 for all – 2 passed, 1 ignored, 1 failed, 2 errored.'; exit 1"
expect tally_expecto "Expecto's thousands, written with commas" 1173 1 \
    bash -c "echo 'EXPECTO! 1,174 tests run in 00:00:08 for all – 1,173 passed, 0 ignored, 1 failed, 0 errored.'; exit 1"
expect tally_vstest "a test host that aborts" 0 1 bash -c 'echo "Test Run Aborted."; exit 1'
expect tally_vstest "a vstest summary of 0 failed with exit code 1" 12 1 bash -c "echo '$vstest_line'; exit 1"
expect tally_vstest "a passing vstest run" 12 0 bash -c "echo '$vstest_line'"
expect tally_vstest "failing vstest tests" 4 2 \
    bash -c "echo 'Failed!  - Failed:     2, Passed:     4, Skipped:     0, Total:     6, Duration: 1 s'; exit 1"

# The closing line after a passing project and a crashed one.
passed=0 failed=0
tally_expecto "a passing Expecto program" bash -c "echo '$expecto_line'" >/dev/null 2>&1
tally_expecto "an Expecto program that crashes" bash -c 'exit 134' >/dev/null 2>&1
if line=$(closing_line); then
    echo "selfcheck: the closing line succeeded after a crash: $line" >&2
    problems=$((problems + 1))
elif ! grep -qx 'tests: 5 passed, 1 failed' <<<"$line"; then
    echo "selfcheck: unexpected closing line after a crash: $line" >&2
    problems=$((problems + 1))
fi

if [ "$problems" -eq 0 ]; then
    echo "build.sh counts crashed, silent and inconsistent test projects as failed (11 checks)."
fi
[ "$problems" -eq 0 ]
