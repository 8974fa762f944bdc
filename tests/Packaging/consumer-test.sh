#!/usr/bin/env bash
# What a NuGet user gets: pack Schedules.FSharp, Schedules.TorchSharp and Schedules.CSharpInterop into a local feed
# under a version of their own (so no cached copy is reused), build a throwaway C# console app (Consumer/) in a fresh
# folder outside the repository against that feed and TorchSharp-cpu from the machine's usual NuGet sources, and run
# its training loop (WarmUp -> ReduceLROnPlateau bound to SGD, saved and resumed). On Debian 12 this also checks that
# the package's libtorch load fix (buildTransitive/Schedules.TorchSharp.targets) reaches the app.
#
#   tests/Packaging/consumer-test.sh [--no-build] [dotnet build arguments for the app]
#
# --no-build packs what `dotnet build -c Release` already built. Other arguments go to the app's build, e.g.
# -p:SchedulesPatchLibTorchSharp=false to see the app fail where libstdc++ lacks GLIBCXX_3.4.32.
# Prints one closing line, "consumer test: PASS ..." or "consumer test: FAIL ...", and exits non-zero on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

pack_args=()
if [ "${1:-}" = --no-build ]; then
    pack_args+=(--no-build)
    shift
fi

version="0.1.0-consumer.$(date +%s)"
work=$(mktemp -d "${TMPDIR:-/tmp}/schedules-consumer.XXXXXX")
# The packages are restored into the machine's NuGet cache (so TorchSharp-cpu comes from there, fast); this run's
# own versions of the Schedules packages are removed from it at the end.
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
cleanup() {
    rm -rf "$work"
    for id in schedules.fsharp schedules.torchsharp schedules.csharpinterop; do
        rm -rf "${cache%/}/$id/$version"
    done
}
trap cleanup EXIT
feed="$work/feed"
app="$work/app"

fail() {
    echo "consumer test: FAIL: $*" >&2
    exit 1
}

for project in Schedules.FSharp Schedules.TorchSharp Schedules.CSharpInterop; do
    dotnet pack "$repo/src/$project" -c Release "${pack_args[@]}" -o "$feed" -p:Version="$version" -nologo \
        >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; fail "dotnet pack src/$project"; }
done

# The app's folder is outside the repository and has its own empty props, so none of the repository's build
# settings or central package versions apply; its nuget.config adds the feed to the machine's sources.
mkdir -p "$app"
cp "$here/Consumer/Program.cs" "$app/"
sed "s/@SCHEDULES_VERSION@/$version/" "$here/Consumer/Consumer.csproj.template" >"$app/Consumer.csproj"
echo '<Project />' >"$app/Directory.Build.props"
echo '<Project />' >"$app/Directory.Packages.props"
cat >"$app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="schedules-local" value="$feed" />
  </packageSources>
</configuration>
CONFIG

dotnet build "$app" -c Release -nologo "$@" >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; fail "the app does not build against Schedules.CSharpInterop $version"; }
grep -E "Schedules: " "$work/build.log" || true

if dotnet run --project "$app" -c Release --no-build; then
    echo "consumer test: PASS: Schedules.CSharpInterop $version from a local feed trains, saves and resumes in a new app"
else
    fail "the app built against Schedules.CSharpInterop $version did not run to a pass (see above)"
fi
