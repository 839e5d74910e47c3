#!/usr/bin/env bash
# Rebuilds the binary samples from the text sources in data-samples/sources/, byte for byte: fixed mtimes, owners and
# entry order, and gzip without a name or timestamp. Run from anywhere: data-samples/make-samples.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/sources"
export TZ=UTC LC_ALL=C
tarball() { # tarball DIR OUT: a reproducible .tar.gz of DIR's contents
  tar --sort=name --mtime='2024-01-01 00:00:00' --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' --format=gnu \
    -C "$1" -cf - . | gzip -n -9 > "$2"
}

mkdir -p "$here/wikipedia" "$here/arxiv" "$here/code"
bzip2 -9 -c "$src/wikipedia/sample-wiki.xml" > "$here/wikipedia/samplewiki-pages-articles.xml.bz2"
tarball "$src/arxiv/2401.00001" "$here/arxiv/2401.00001.tar.gz"
gzip -n -9 -c "$src/arxiv/2401.00002/2401.00002.tex" > "$here/arxiv/2401.00002.gz"
tarball "$src/code/sample-repo" "$here/code/sample-repo.tar.gz"
ls -l "$here/wikipedia" "$here/arxiv" "$here/code"
