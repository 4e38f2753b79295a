#!/usr/bin/env bash
# Characterises the two shared-data cells with the documented recipe (docs/estimation.md) and
# replays every drive log of ../shared/data from SOC 0.7, writing each replay.csv and summary
# under OUTDIR. Two runs (before and after a change) compared with `diff -r` show whether the
# estimates moved: a refactoring that should not change behaviour must leave them byte-identical.
#
#   scripts/replay-shared-logs.sh [--jar JAR] [--data DIR] OUTDIR
#   e.g.  scripts/replay-shared-logs.sh --jar /tmp/before.jar /tmp/before
#         scripts/replay-shared-logs.sh /tmp/after && diff -r /tmp/before /tmp/after && echo unchanged
#
# Without --jar it uses bms/target/qse-bms.jar (build it with
# ./mvnw -o -q -pl bms -am package -DskipTests). Needs a JDK 21+ (scripts/find-jdk.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/bms/target/qse-bms.jar"
data=""
while [ $# -gt 1 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--jar JAR] [--data DIR] OUTDIR" >&2; exit 2; }
out="$1"
if [ -z "$data" ]; then
  d="$here"
  while [ "$d" != "/" ] && [ ! -d "$d/shared/data" ]; do d="$(dirname "$d")"; done
  data="$d/shared/data"
fi
[ -d "$data/panasonic_18650pf_nca" ] || { echo "no shared data at $data" >&2; exit 2; }
[ -f "$jar" ] || { echo "no jar at $jar; build it first" >&2; exit 2; }
java="$("$here/scripts/find-jdk.sh")/bin/java"
bms() { "$java" -jar "$jar" "$@"; }
mkdir -p "$out"
pan="$data/panasonic_18650pf_nca"
a123="$data/a123_lfp_plett"
bms characterize --ocv-test "$pan/pan18650pf_25C_C20_OCV_native.csv" --ocv-test "$pan/pan18650pf_25C_HPPC_native.csv" \
  --ocv-test "$pan/pan18650pf_0C_HPPC_native.csv" --pulse-test "$pan/pan18650pf_25C_HPPC_native.csv" \
  --pulse-test "$pan/pan18650pf_0C_HPPC_native.csv" --capacity-ah 2.9 --base-preset psoa-ncm811 \
  --out "$out/nca.yaml" > "$out/nca-characterize.txt"
bms characterize --ocv-test "$a123/a123_lfp_25C_ocvtest_S1.csv" --ocv-test "$a123/a123_lfp_25C_ocvtest_S2.csv" \
  --ocv-test "$a123/a123_lfp_25C_ocvtest_S3.csv" --ocv-test "$a123/a123_lfp_25C_ocvtest_S4.csv" \
  --pulse-test "$a123/a123_lfp_25C_script1_dyn.csv" --capacity-ah 2.05 --base-preset psoa-lfp \
  --out "$out/lfp.yaml" > "$out/lfp-characterize.txt"
for f in "$pan"/pan18650pf_*C_{US06,HWFTa,LA92,Cycle_1,Cycle_2}.csv; do
  [ -f "$f" ] || continue
  name="$(basename "$f" .csv)"
  bms replay "$f" --preset "$out/nca.yaml" --initial-soc 0.7 --out "$out/$name" > "$out/$name.txt"
  rm -f "$out/$name/replay.png"
done
for t in 5 25 45; do
  f="$a123/a123_lfp_${t}C_script1_dyn.csv"
  name="$(basename "$f" .csv)"
  bms replay "$f" --preset "$out/lfp.yaml" --initial-soc 0.7 --out "$out/$name" > "$out/$name.txt"
  rm -f "$out/$name/replay.png"
done
# the output directory's own path in the printed text would differ between two runs
sed -i "s|$out|OUTDIR|g" "$out"/*.txt "$out"/*.yaml
grep -H 'RMSE' "$out"/*.txt | sed "s|^$out/||"
