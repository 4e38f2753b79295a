#!/usr/bin/env bash
# Compares the two SOC filters (ekf, spkf) side by side on every shared drive log with a SOC
# reference: characterises the two shared-data cells with the documented recipe (docs/estimation.md,
# as scripts/replay-shared-logs.sh does), replays each log from SOC 0.7 (30 % wrong start) with
# each filter, and prints one Markdown table: SOC RMSE, max error and 3-sigma coverage after the
# first 600 s, the median 3-sigma bound, and the filter's CPU time per update (the filter alone over
# the log, bms replay --time-filter).
# With --jmh it then runs EstimatorUpdateBenchmark.update at 192 cells for each filter in JMH's sample
# mode (the speed figure: microseconds per cell = ns per tick / 192 / 1000, fastest and median tick;
# the benchmark includes the online RLS R0).
# With --extrapolated it adds the issue's outside-the-characterised-temperatures class: the NCA
# cell characterised from its 25 degC files only, replayed on the 0 and 10 degC logs.
#
#   scripts/compare-soc-filters.sh [--jar JAR] [--data DIR] [--jmh] [--extrapolated] OUTDIR
#
# Without --jar it uses bms/target/qse-bms.jar; --jmh uses benchmarks/target/benchmarks.jar (build
# both with ./mvnw -o -q -pl bms,benchmarks -am package -DskipTests). Needs a JDK 21+.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/bms/target/qse-bms.jar"
data=""
jmh=0
extrapolated=0
while [ $# -gt 1 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --jmh) jmh=1; shift ;;
    --extrapolated) extrapolated=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--jar JAR] [--data DIR] [--jmh] [--extrapolated] OUTDIR" >&2; exit 2; }
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

# one row: log, filter, RMSE, max, coverage, median bound, us per update (from bms replay's printed lines)
row() {
  local label="$1" filter="$2" txt="$3"
  awk -v label="$label" -v filter="$filter" '
    /^SOC after the first/ { for (i = 1; i <= NF; i++) { if ($i == "RMSE") rmse = $(i+1); if ($i == "error") mx = $(i+1);
                              if ($i == "bound") cov = $(i+1) } }
    /^median 3-sigma bound/ { med = $4 }
    / us CPU time per update/ { for (i = 1; i <= NF; i++) if ($i == "us") us = $(i-1) }
    END { printf "| %s | %s | %s %% | %s %% | %s %% | %s %% | %s |\n", label, filter, rmse, mx, cov, med, us }' "$txt"
}

replay_both() {
  local f="$1" preset="$2" label="$3"
  local name
  name="$(basename "$f" .csv)"
  for filter in ekf spkf; do
    bms replay "$f" --preset "$preset" --initial-soc 0.7 --filter "$filter" --time-filter > "$out/$name.$filter.txt"
    row "$label" "$filter" "$out/$name.$filter.txt"
  done
}

echo "| log | filter | SOC RMSE | max error | true SOC in 3-sigma bound | median 3-sigma bound | filter CPU us/update |"
echo "|---|---|---|---|---|---|---|"
for f in "$pan"/pan18650pf_*C_{US06,HWFTa,LA92,Cycle_1,Cycle_2}.csv; do
  [ -f "$f" ] || continue
  n="$(basename "$f" .csv)"
  replay_both "$f" "$out/nca.yaml" "NCA ${n#pan18650pf_}"
done
for t in 5 25 45; do
  replay_both "$a123/a123_lfp_${t}C_script1_dyn.csv" "$out/lfp.yaml" "LFP ${t}C script1"
done

if [ "$extrapolated" = 1 ]; then
  bms characterize --ocv-test "$pan/pan18650pf_25C_C20_OCV_native.csv" --ocv-test "$pan/pan18650pf_25C_HPPC_native.csv" \
    --pulse-test "$pan/pan18650pf_25C_HPPC_native.csv" --capacity-ah 2.9 --base-preset psoa-ncm811 \
    --out "$out/nca-25C-only.yaml" > "$out/nca-25C-only-characterize.txt"
  echo
  echo "NCA characterised at 25 degC only, replayed outside that temperature:"
  echo
  echo "| log | filter | SOC RMSE | max error | true SOC in 3-sigma bound | median 3-sigma bound | filter CPU us/update |"
  echo "|---|---|---|---|---|---|---|"
  for f in "$pan"/pan18650pf_{0C,10C}_*.csv; do
    case "$f" in *HPPC*) continue ;; esac
    n="$(basename "$f" .csv)"
    replay_both "$f" "$out/nca-25C-only.yaml" "NCA 25C-only, ${n#pan18650pf_}"
  done
fi

if [ "$jmh" = 1 ]; then
  bench="$here/benchmarks/target/benchmarks.jar"
  [ -f "$bench" ] || { echo "no benchmarks jar at $bench; build it first" >&2; exit 2; }
  echo
  echo "JMH EstimatorUpdateBenchmark.update, 192 cells (SOC filter + online RLS R0 per cell), sample mode:"
  echo "the fastest tick (p0.00) and the median tick (p0.50); on a machine shared with other work the median"
  echo "carries the time the benchmark thread was preempted, the fastest tick does not."
  echo
  echo "| filter | extrapolated | tick | ns per tick | us per cell |"
  echo "|---|---|---|---|---|"
  # other JMH runs on a shared machine hold /tmp/jmh.lock; run beside them rather than fail
  "$java" -Djmh.ignoreLock=true -jar "$bench" 'EstimatorUpdateBenchmark.update$' -p cells=192 -bm sample -wi 3 -i 5 -w 1 -r 1 -f 1 \
    -rf csv -rff "$out/jmh.csv" > "$out/jmh.txt"
  # columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: cells","Param: extrapolated","Param: filter"
  tail -n +2 "$out/jmh.csv" | tr -d '"' | awk -F, '
    $1 ~ /:p0.00$/ { printf "| %s | %s | fastest | %.0f | %.3f |\n", $10, $9, $5, $5 / 192 / 1000 }
    $1 ~ /:p0.50$/ { printf "| %s | %s | median | %.0f | %.3f |\n", $10, $9, $5, $5 / 192 / 1000 }'
fi
