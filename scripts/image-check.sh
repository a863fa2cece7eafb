#!/usr/bin/env bash
# Proves the Docker image's layout where Docker is not available (scripts/test.sh runs this after the tests):
#   1. every path deploy/Dockerfile copies into the build stage exists and is not excluded by .dockerignore, and its
#      restore layer has every project file the host references;
#   2. the host is published with exactly the `dotnet publish` arguments of the Dockerfile (only the output folder
#      differs), and the output carries what the executable reads at run time (hocon, models, samples, esg, wwwroot),
#      and no torch: no project the host references is left out of the build context, no libtorch or TorchSharp file;
#   3. the published runtimeconfig.json asks for no framework beyond those of the final stage's base image
#      (mcr.microsoft.com/dotnet/aspnet: Microsoft.NETCore.App and Microsoft.AspNetCore.App);
#   4. the output starts under a dotnet root that holds only those two frameworks (no SDK), as in that image, and
#      answers /health, the dashboard's bundled library and the ESG data over HTTP.
# After a Release build of the host the publish takes seconds; from a clean tree it builds first (minutes).
# Exit 0: all held; 1: a check failed (one line says which).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dockerfile=deploy/Dockerfile
work=$(mktemp -d /tmp/qf-image.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "image check: $*" >&2; exit 1; }

# 1. The build stage's sources. A .dockerignore pattern excludes a source when it names it, a folder above it, or
#    (**/NAME) any of its path components.
ignored() {
  local path=${1%/} pattern part
  while IFS= read -r pattern; do
    pattern=${pattern%/}
    case "$pattern" in ''|'#'*) continue ;; esac
    if [[ $pattern == '**/'* ]]; then
      IFS=/ read -ra parts <<<"$path"
      for part in "${parts[@]}"; do [[ $part == ${pattern#'**/'} ]] && return 0; done
    elif [[ $path == $pattern || $path == $pattern/* ]]; then
      return 0
    fi
  done <.dockerignore
  return 1
}
copies=0
while read -r instruction rest; do
  [ "$instruction" = COPY ] || continue
  [[ $rest == --from=* ]] && continue
  read -ra args <<<"$rest"
  for source in "${args[@]:0:${#args[@]}-1}"; do
    [ -e "$source" ] || fail "$dockerfile copies $source, which does not exist"
    if ignored "$source"; then fail "$dockerfile copies $source, which .dockerignore excludes"; fi
    copies=$((copies + 1))
  done
done <"$dockerfile"
[ "$copies" -gt 0 ] || fail "found no COPY in $dockerfile"
# The publish below runs in this tree, which has every file; the image's build stage has only what it copied. So each
# folder outside src/ that a project ships with the executable (None Include="../../FOLDER/...") must be copied too.
sources=" $(grep -E '^COPY ' "$dockerfile" | grep -v -- '--from=' | awk '{for (i = 2; i < NF; i++) printf "%s ", $i}') "
for shipped in $(grep -ho 'Include="\.\./\.\./[^"*]*' src/*/*.csproj | sed 's|Include="\.\./\.\./||; s|/$||' | sort -u); do
  covered=
  for source in $sources; do
    source=${source%/}
    if [[ $shipped == "$source" || $shipped == "$source"/* ]]; then covered=1; fi
  done
  [ -n "$covered" ] || fail "a project ships $shipped with the executable, but $dockerfile never copies it into the build stage"
done

# Every project the host references, to the end of the chain, must be in the build context: the publish below sees
# the whole tree, the image's build stage only what .dockerignore lets through (training and torch are kept out).
refs() { sed -n 's|.*<ProjectReference Include="\([^"]*\)".*|\1|p' "$1" | while read -r ref; do realpath --relative-to="$root" "$(dirname "$1")/$ref"; done; }
pending=(src/QuantumFlow.Host/QuantumFlow.Host.csproj)
seen=" "
while [ ${#pending[@]} -gt 0 ]; do
  project=${pending[0]}; pending=("${pending[@]:1}")
  [[ $seen == *" $project "* ]] && continue
  seen+="$project "
  if ignored "$(dirname "$project")"; then fail "the host references $project, which .dockerignore keeps out of the image's build"; fi
  # The restore layer runs on the project files alone, so each must be copied before it.
  [[ $sources == *" $project "* ]] || fail "$dockerfile does not copy $project before its restore"
  while read -r ref; do [ -n "$ref" ] && pending+=("$ref"); done < <(refs "$project")
done

# 2. The Dockerfile's own publish command, with its output folder moved here.
publish=$(grep -E '^RUN dotnet publish ' "$dockerfile") || fail "$dockerfile has no 'RUN dotnet publish' line"
read -ra args <<<"${publish#RUN dotnet publish }"
out=$work/app
for i in "${!args[@]}"; do
  if [ "${args[$i]}" = -o ]; then args[i+1]=$out; fi
done
[[ " ${args[*]} " == *" -o $out "* ]] || fail "the publish line names no -o folder: $publish"
dotnet publish "${args[@]}" -v q --nologo >"$work/publish.log" 2>&1 || { tail -20 "$work/publish.log" >&2; fail "dotnet publish ${args[*]} failed"; }
for needed in quantumflow.dll quantumflow.runtimeconfig.json hocon/akka.conf hocon/cluster.conf models/logistic.json \
              samples/btcusdt_20240718.gz esg/companies.csv wwwroot/index.html wwwroot/lib/signalr.min.js wwwroot/lib/chart.umd.min.js; do
  [ -e "$out/$needed" ] || fail "the published output lacks $needed"
done
torch=$(find "$out" -iname '*torch*' | head -3)
[ -z "$torch" ] || fail "the published output carries torch: $(echo "$torch" | tr '\n' ' ')"
size=$(du -sh "$out" | cut -f1)

# 3. Frameworks asked for, against those of the final stage's base image.
base=$(grep -E '^FROM ' "$dockerfile" | tail -1 | awk '{print $2}')
[[ $base == mcr.microsoft.com/dotnet/aspnet:* ]] || fail "the final stage runs on $base, not mcr.microsoft.com/dotnet/aspnet (the web host needs ASP.NET Core)"
frameworks=$(grep -o '"name": *"[^"]*"' "$out/quantumflow.runtimeconfig.json" | sed 's/.*"\([^"]*\)"$/\1/' | sort | tr '\n' ' ' | sed 's/ $//')
for framework in $frameworks; do
  case "$framework" in
    Microsoft.NETCore.App|Microsoft.AspNetCore.App) ;;
    *) fail "quantumflow.runtimeconfig.json asks for $framework, which $base does not have" ;;
  esac
done

# 4. A dotnet root like the image's: the muxer (copied: it finds its root from its own path), hostfxr, two frameworks.
dotnet_home=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$work/runtime
mkdir -p "$runtime/shared"
cp "$dotnet_home/dotnet" "$runtime/dotnet"
ln -s "$dotnet_home/host" "$runtime/host"
ln -s "$dotnet_home/shared/Microsoft.NETCore.App" "$runtime/shared/Microsoft.NETCore.App"
ln -s "$dotnet_home/shared/Microsoft.AspNetCore.App" "$runtime/shared/Microsoft.AspNetCore.App"
mkdir -p "$work/data"
(cd "$work/data" && DOTNET_ROOT=$runtime exec "$runtime/dotnet" "$out/quantumflow.dll" run --journal "sqlite:$work/data/qf.db" \
  --http-urls http://127.0.0.1:0 --inspect-port 0 --status-every 60) >"$work/node.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 240); do
  port=$(sed -n 's|^dashboard: http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/node.log")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { tail -20 "$work/node.log" >&2; fail "the published output exited before serving (log above)"; }
  sleep 0.5
done
[ -n "$port" ] || { tail -20 "$work/node.log" >&2; fail "the published output printed no dashboard address within 120 s"; }
grep -q "^predictions: .*+ online learners" "$work/node.log" || fail "the published node loaded no trained checkpoint: $(grep '^predictions:' "$work/node.log")"

# HTTP/1.0 over bash's /dev/tcp: the aspnet image has no curl either, and the compose healthcheck uses the same.
status_of() {
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  head -1 <&3 | tr -d '\r'
  exec 3<&-
}
for path in /health /lib/signalr.min.js /api/esg/companies; do
  got=$(status_of "$path")
  [[ $got == "HTTP/1.1 200 OK" ]] || fail "GET $path on the published node answered '$got'"
done
echo "image check: $copies Dockerfile sources present; published with the Dockerfile's arguments ($size, no torch); frameworks: $frameworks; started on those alone and answered /health, the dashboard library and /api/esg"
