#!/usr/bin/env bash
# One entry point for a fresh machine with the .NET 10 SDK (everything else is restored from the repository's
# own files: NuGet packages from Directory.Packages.props and the lock files, dotnet tools from
# .config/dotnet-tools.json).
#
#   ./build.sh test    check its own counting, build the solution (warnings are errors), check formatting, run
#                      every test project and the docs notebook; closes with "tests: N passed, M failed"
#   ./build.sh train   run the training example (TorchSharp, CPU)
#   ./build.sh bench   run the BenchmarkDotNet benchmarks (results in BenchmarkDotNet.Artifacts/results)
#   ./build.sh bench-compare
#                      time PyTorch's own scheduler.step() (Debian's /usr/bin/python3 with python3-torch) and our
#                      transitions for the same configurations, and print one table of ratios
set -euo pipefail

configuration=Release

# Expecto test programs (F#), then xunit test projects (C#).
test_projects=(
    tests/Schedules.FSharp.Tests
    tests/Schedules.TorchSharp.Tests
)
xunit_projects=(
    tests/Schedules.CSharpInterop.Tests
)

# The closing line's counts, added to by tally.
passed=0
failed=0

# Adds one test project's counts to the closing line's: tally NAME EXIT_CODE SUMMARY_LINE PASSED FAILED.
# A project that crashes or prints no summary, or exits non-zero while its summary says 0 failed, counts as one
# failure: the closing line never reads 0 failed after a broken run.
tally() {
    local name=$1 code=$2 summary=$3 p=$4 f=$5
    if [ -z "$summary" ]; then
        echo "$name: no test summary (exit code $code): counted as 1 failed" >&2
        p=0 f=1
    elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "$name: exit code $code although its summary says 0 failed: counted as 1 failed" >&2
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

# Runs the command after NAME and PATTERN, showing its output; sets `code` to its exit code and `line` to the last
# output line matching PATTERN (empty when none).
run_and_find() {
    local pattern=$1 log
    shift
    log=$(mktemp)
    set +e
    "$@" | tee "$log"
    code=${PIPESTATUS[0]}
    set -e
    line=$(grep -E "$pattern" "$log" | tail -1 || true)
    rm -f "$log"
}

# Runs an Expecto program (the command after NAME) and tallies its closing line:
# "EXPECTO! N tests run in ... – P passed, I ignored, F failed, E errored."
tally_expecto() {
    local name=$1 code line p=0 f=0
    shift
    run_and_find 'EXPECTO! [0-9,]+ tests? run' "$@"
    # Expecto groups thousands with commas ("1,174 tests run ... 1,173 passed"): drop them before counting.
    line=${line//,/}
    if [ -n "$line" ]; then
        p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
        f=$(($(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line") + $(sed -E 's/.* ([0-9]+) errored.*/\1/' <<<"$line")))
    fi
    tally "$name" "$code" "$line" "$p" "$f"
}

# Runs a vstest run (the command after NAME) and tallies its closing line:
# "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ..."
tally_vstest() {
    local name=$1 code line p=0 f=0
    shift
    run_and_find '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$@"
    if [ -n "$line" ]; then
        p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
        f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")
    fi
    tally "$name" "$code" "$line" "$p" "$f"
}

# Prints the closing line; fails when anything failed.
closing_line() {
    printf '\n%s\n' "tests: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

run_tests() {
    # The counting above, on fake projects that crash or lie (seconds, no build).
    echo "== tests/build-sh/selfcheck.sh"
    if bash tests/build-sh/selfcheck.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

    dotnet build Schedules.sln -c "$configuration" -nologo -clp:NoSummary
    local sources=()
    for dir in src tests samples bench; do [ -d "$dir" ] && sources+=("$dir"); done
    dotnet fantomas --check "${sources[@]}" ||
        { echo "Formatting differs from Fantomas: run 'dotnet fantomas ${sources[*]}'." >&2; exit 1; }

    for project in "${test_projects[@]}"; do
        echo "== $project"
        tally_expecto "$project" dotnet run --project "$project" -c "$configuration" --no-build -- --colours 0 --no-spinner "$@"
    done
    for project in "${xunit_projects[@]}"; do
        echo "== $project"
        tally_vstest "$project" dotnet test "$project" -c "$configuration" --no-build --nologo
    done
    # The docs notebook: pack the core into a local feed under a version of its own (so no cached package is
    # reused), run every cell with dotnet-repl, and require the library's HTML formatters in the output.
    echo "== docs/schedules.ipynb"
    local version feed notebook
    version="0.1.0-ci.$(date +%s)"
    feed="$PWD/artifacts/feed"
    notebook="$PWD/artifacts/docs"
    rm -rf "$feed" && mkdir -p "$feed" "$notebook"
    if dotnet pack src/Schedules.FSharp -c "$configuration" --no-build -o "$feed" -p:Version="$version" -nologo >/dev/null &&
        sed -e "s|nuget: ../artifacts/feed|nuget: $feed|" -e "s|Schedules.FSharp, \*-\*|Schedules.FSharp, $version|" \
            docs/schedules.ipynb >"$notebook/schedules.ipynb" &&
        dotnet tool run dotnet-repl -- --run "$notebook/schedules.ipynb" --exit-after-run \
            --output-path "$notebook/schedules.out.ipynb" &&
        grep -q "class='schedules'" "$notebook/schedules.out.ipynb" &&
        grep -q "class='schedules state'" "$notebook/schedules.out.ipynb"; then
        echo "docs/schedules.ipynb: every cell ran; output in $notebook/schedules.out.ipynb"
        passed=$((passed + 1))
    else
        echo "docs/schedules.ipynb: a cell failed or the formatters did not render (see $notebook)" >&2
        failed=$((failed + 1))
    fi

    # A NuGet user's app: the packed libraries from a local feed, TorchSharp-cpu from NuGet, a bound training
    # loop saved and resumed on this machine's libstdc++ (the package's own build targets make libtorch load).
    echo "== tests/Packaging/consumer-test.sh"
    if tests/Packaging/consumer-test.sh --no-build; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

    closing_line
}

# PyTorch's scheduler.step() (bench/compare/pytorch_step.py, when Debian's python3 has torch) and our transitions
# (the benchmark program's --compare mode, which prints the table), in one run of a few seconds.
bench_compare() {
    local python=/usr/bin/python3 pytorch=() log
    log=$(mktemp)
    dotnet build bench/Schedules.Benchmarks -c "$configuration" -nologo -v quiet >"$log" 2>&1 ||
        { cat "$log" >&2; rm -f "$log"; exit 1; }
    rm -f "$log"
    if "$python" -c "import torch" 2>/dev/null; then
        local json
        json=$(mktemp)
        # shellcheck disable=SC2064 # the file's name is known now
        trap "rm -f '$json'" EXIT
        echo "Timing PyTorch's scheduler.step() ($python)..." >&2
        "$python" bench/compare/pytorch_step.py >"$json"
        pytorch=("$json")
    else
        echo "PyTorch skipped: $python cannot import torch. Install it with 'sudo apt-get install -y python3-torch'" \
            "(Debian 12: torch 1.13) and run again." >&2
    fi
    echo "Timing Schedules' transitions..." >&2
    dotnet run --project bench/Schedules.Benchmarks -c "$configuration" --no-build -- --compare "${pytorch[@]}"
}

main() {
    cd "$(dirname "${BASH_SOURCE[0]}")"
    local command=${1:-test}
    shift || true

    dotnet tool restore >/dev/null

    case "$command" in
        test) run_tests "$@" ;;
        train)
            echo "Building the training example (the first build takes about a minute)..."
            local log
            log=$(mktemp)
            dotnet build samples/Schedules.Example -c "$configuration" -nologo -v quiet >"$log" 2>&1 ||
                { cat "$log" >&2; rm -f "$log"; exit 1; }
            rm -f "$log"
            dotnet run --project samples/Schedules.Example -c "$configuration" --no-build -- "$@"
            ;;
        bench)
        # Every benchmark unless the command line selects some (BenchmarkDotNet refuses --filter given twice).
        filter=(--filter '*')
        for arg in "$@"; do case "$arg" in -f | --filter | --list) filter=() ;; esac; done
        dotnet run --project bench/Schedules.Benchmarks -c "$configuration" -- "${filter[@]}" "$@" ;;
        bench-compare) bench_compare ;;
        *) echo "usage: ./build.sh test|train|bench|bench-compare [args]" >&2; exit 2 ;;
    esac
}

# Sourced (by tests/build-sh/selfcheck.sh), it only defines the functions above.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
