#!/usr/bin/env bash
# Runs the peer: bench/readability-peer/run.sh PAGES.warc.gz OUT.jsonl. Installs the pinned packages
# (package-lock.json) with `npm ci` on first use; node_modules is not committed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d "$here/node_modules" ]; then (cd "$here" && npm ci --no-audit --no-fund >&2); fi
exec node "$here/extract.mjs" "$@"
