#!/usr/bin/env bash
# Proves a refactoring changed no behaviour: builds the jar of a git ref and of the work tree,
# then, with each jar, characterises the shared NCA and LFP cells, replays every drive log in
# shared/data and runs every shipped scenario, and compares the outputs byte for byte.
#
#   scripts/compare-behaviour.sh [REF]        # REF defaults to HEAD
#
# Exits 0 when every replay.csv, preset and scenario event log is identical (a scenario's wall time
# and speed-up masked), 1 otherwise (the
# differing files are listed, with the first differing lines). Needs ../shared/data above the
# checkout for the replays; without it only the scenarios are compared.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
ref=${1:-HEAD}

export JAVA_HOME=${JAVA_HOME:-$(scripts/find-jdk.sh)}
java="$JAVA_HOME/bin/java"
work=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$work/ref-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

data=""
d=$top
while [ "$d" != "/" ]; do
  if [ -d "$d/shared/data" ]; then data="$d/shared/data"; break; fi
  d=$(dirname "$d")
done

build() { # $1 source tree, $2 jar destination
  (cd "$1" && ./mvnw -B -ntp -q -pl bms -am package -DskipTests -Dspotless.check.skip=true >/dev/null)
  cp "$1/bms/target/qse-bms.jar" "$2"
}

echo "compare: building $ref"
git worktree add --detach -q "$work/ref-tree" "$ref"
build "$work/ref-tree" "$work/ref.jar"
echo "compare: building the work tree"
build "$top" "$work/new.jar"

outputs() { # $1 jar, $2 output folder
  local jar=$1 out=$2
  mkdir -p "$out/scenarios" "$out/replay"
  for s in "$top"/bms/src/test/resources/scenarios/*.yaml; do
    name=$(basename "$s" .yaml)
    "$java" -jar "$jar" simulate --scenario "$s" --out "$out/scenarios/$name.jsonl" >/dev/null 2>&1 \
      || echo "exit $?" > "$out/scenarios/$name.exit"
  done
  [ -n "$data" ] || return 0
  local pan=$data/panasonic_18650pf_nca a123=$data/a123_lfp_plett
  "$java" -jar "$jar" characterize --ocv-test "$pan/pan18650pf_25C_C20_OCV_native.csv" \
    --ocv-test "$pan/pan18650pf_25C_HPPC_native.csv" --ocv-test "$pan/pan18650pf_0C_HPPC_native.csv" \
    --pulse-test "$pan/pan18650pf_25C_HPPC_native.csv" --pulse-test "$pan/pan18650pf_0C_HPPC_native.csv" \
    --capacity-ah 2.9 --base-preset psoa-ncm811 --out "$out/replay/nca.yaml" >/dev/null 2>&1
  "$java" -jar "$jar" characterize --ocv-test "$a123/a123_lfp_25C_ocvtest_S1.csv" \
    --ocv-test "$a123/a123_lfp_25C_ocvtest_S2.csv" --ocv-test "$a123/a123_lfp_25C_ocvtest_S3.csv" \
    --ocv-test "$a123/a123_lfp_25C_ocvtest_S4.csv" --pulse-test "$a123/a123_lfp_25C_script1_dyn.csv" \
    --capacity-ah 2.05 --base-preset psoa-lfp --out "$out/replay/lfp.yaml" >/dev/null 2>&1
  for log in "$pan"/pan18650pf_*C_{US06,HWFTa,LA92,Cycle_1,Cycle_2}.csv; do
    [ -f "$log" ] || continue
    name=$(basename "$log" .csv)
    "$java" -jar "$jar" replay "$log" --preset "$out/replay/nca.yaml" --initial-soc 0.7 \
      --out "$out/replay/$name" >/dev/null 2>&1 || echo "exit $?" > "$out/replay/$name.exit"
    rm -f "$out/replay/$name/replay.png"
  done
  for log in "$a123"/a123_lfp_*_script1_dyn.csv; do
    name=$(basename "$log" .csv)
    "$java" -jar "$jar" replay "$log" --preset "$out/replay/lfp.yaml" --initial-soc 0.7 \
      --out "$out/replay/$name" >/dev/null 2>&1 || echo "exit $?" > "$out/replay/$name.exit"
    rm -f "$out/replay/$name/replay.png"
  done
}

echo "compare: running $ref"
outputs "$work/ref.jar" "$work/ref"
echo "compare: running the work tree"
outputs "$work/new.jar" "$work/new"

# The preset records where its input files were; that path differs between the two runs.
for f in "$work"/ref/replay/*.yaml "$work"/new/replay/*.yaml; do
  [ -f "$f" ] && sed -i "s|$work/[a-z]*/|OUT/|g" "$f"
done

# A scenario's end line says how fast this machine ran it (wall time and speed-up): not behaviour.
for f in "$work"/ref/scenarios/*.jsonl "$work"/new/scenarios/*.jsonl; do
  [ -f "$f" ] && sed -i -E 's/"wallMillis":[^,}]*/"wallMillis":0/; s/"speedup":[^,}]*/"speedup":0/' "$f"
done

files=$(cd "$work/ref" && find . -type f | sort)
count=$(echo "$files" | grep -c . || true)
if diff -r -q "$work/ref" "$work/new" >"$work/diff.txt"; then
  echo "compare: identical: $count files (scenario logs, presets, replay CSVs) of $ref and the work tree"
  exit 0
fi
echo "compare: DIFFERENT between $ref and the work tree:"
cat "$work/diff.txt"
grep '^Files' "$work/diff.txt" | head -5 | while read -r _ a _ b _; do
  echo "--- first differing lines of ${a#"$work"/ref/}"
  diff "$a" "$b" | head -6
done
exit 1
