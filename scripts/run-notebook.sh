#!/usr/bin/env bash
# Executes notebooks/corpus_stats.ipynb headless on a run's stats and fails if any cell raises (a chart whose stage
# ran but has no data raises). The executed copy, with its charts, is written to DIR/stats/corpus_stats.ipynb.
#   scripts/run-notebook.sh [DIR]       (default: $CORPUSFORGE_RUN, else runs/sample)
# Needs Debian's packages: apt-get install -y python3-pandas python3-matplotlib python3-ipykernel jupyter-nbconvert
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${1:-${CORPUSFORGE_RUN:-$root/runs/sample}}"
run="$(cd "$run" && pwd)"
[ -f "$run/stats/summary.json" ] || { echo "run-notebook: no $run/stats/summary.json; run \`bin/corpusforge stats --run-dir $run\` first" >&2; exit 1; }
export CORPUSFORGE_RUN="$run" PYDEVD_DISABLE_FILE_VALIDATION=1
# Debian's jupyter and its python3 kernel, whatever python3 comes first on PATH.
/usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
  --ExecutePreprocessor.kernel_name=python3 --output-dir "$run/stats" --output corpus_stats.ipynb \
  "$root/notebooks/corpus_stats.ipynb"
echo "run-notebook: executed; see $run/stats/corpus_stats.ipynb"
