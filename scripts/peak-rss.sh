#!/usr/bin/env bash
# Runs a command and reports the peak resident memory (RSS) of its process tree, sampled with ps every second:
#   scripts/peak-rss.sh bin/corpusforge train --run-dir /tmp/tm/run --max-steps 300 ...
# Prints "peak RSS <MB> MB" on stderr at the end and exits with the command's status.
set -uo pipefail
"$@" &
pid=$!
peak=0
tree_rss() { # sum of RSS (kB) over the command and its descendants
  local pids="$1" frontier="$1" next
  while [ -n "$frontier" ]; do
    next="$(ps -o pid= --ppid "$(echo $frontier | tr ' ' ,)" 2>/dev/null | tr -s ' \n' ' ')"
    pids="$pids $next"; frontier="$(echo $next)"
  done
  ps -o rss= -p "$(echo $pids | tr ' ' ,)" 2>/dev/null | awk '{s += $1} END {print s + 0}'
}
while kill -0 "$pid" 2>/dev/null; do
  rss="$(tree_rss "$pid")"
  [ "$rss" -gt "$peak" ] && peak="$rss"
  sleep 1
done
wait "$pid"; status=$?
echo "peak RSS $((peak / 1024)) MB" >&2
exit "$status"
