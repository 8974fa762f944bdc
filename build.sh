#!/usr/bin/env bash
# One entry point for a fresh machine with the .NET 10 SDK (everything else is restored from the repository's
# own files: NuGet packages from Directory.Packages.props and the lock files, dotnet tools from
# .config/dotnet-tools.json).
#
#   ./build.sh test    build the solution (warnings are errors), check formatting, run every test project
#   ./build.sh train   run the training example (TorchSharp, CPU)
#   ./build.sh bench   run the BenchmarkDotNet benchmarks (results in BenchmarkDotNet.Artifacts/results)
set -euo pipefail
cd "$(dirname "$0")"

configuration=Release
command=${1:-test}
shift || true

dotnet tool restore >/dev/null

# Expecto test programs (F#), then xunit test projects (C#).
test_projects=(
    tests/Schedules.FSharp.Tests
    tests/Schedules.TorchSharp.Tests
)
xunit_projects=(
    tests/Schedules.CSharpInterop.Tests
)

run_tests() {
    dotnet build Schedules.sln -c "$configuration" -nologo -clp:NoSummary
    local sources=()
    for dir in src tests samples bench; do [ -d "$dir" ] && sources+=("$dir"); done
    dotnet fantomas --check "${sources[@]}" ||
        { echo "Formatting differs from Fantomas: run 'dotnet fantomas ${sources[*]}'." >&2; exit 1; }

    local passed=0 failed=0 status=0 log
    log=$(mktemp)
    for project in "${test_projects[@]}"; do
        echo "== $project"
        set +e
        dotnet run --project "$project" -c "$configuration" --no-build -- --colours 0 --no-spinner "$@" | tee "$log"
        local code=${PIPESTATUS[0]}
        set -e
        # Expecto's closing line: "EXPECTO! N tests run in ... – P passed, I ignored, F failed, E errored."
        local line
        line=$(grep -E 'EXPECTO! [0-9]+ tests? run' "$log" | tail -1 || true)
        if [ -z "$line" ]; then
            echo "$project: no Expecto summary (exit code $code)" >&2
            status=1
            continue
        fi
        local p f e
        p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
        f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
        e=$(sed -E 's/.* ([0-9]+) errored.*/\1/' <<<"$line")
        passed=$((passed + p))
        failed=$((failed + f + e))
        [ "$code" -eq 0 ] || status=1
    done
    for project in "${xunit_projects[@]}"; do
        echo "== $project"
        set +e
        dotnet test "$project" -c "$configuration" --no-build --nologo | tee "$log"
        local code=${PIPESTATUS[0]}
        set -e
        # vstest's closing line: "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ..."
        local line
        line=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -1 || true)
        if [ -z "$line" ]; then
            echo "$project: no test summary (exit code $code)" >&2
            status=1
            continue
        fi
        passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")))
        failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")))
        [ "$code" -eq 0 ] || status=1
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
        grep -q "class='schedules'" "$notebook/schedules.out.ipynb"; then
        echo "docs/schedules.ipynb: every cell ran; output in $notebook/schedules.out.ipynb"
        passed=$((passed + 1))
    else
        echo "docs/schedules.ipynb: a cell failed or the formatters did not render (see $notebook)" >&2
        failed=$((failed + 1))
    fi

    rm -f "$log"
    printf '\n%s\n' "tests: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] || status=1
    return $status
}

case "$command" in
    test) run_tests "$@" ;;
    train) dotnet run --project samples/Schedules.Example -c "$configuration" -- "$@" ;;
    bench) dotnet run --project bench/Schedules.Benchmarks -c "$configuration" -- --filter '*' "$@" ;;
    *) echo "usage: ./build.sh test|train|bench [args]" >&2; exit 2 ;;
esac
