#!/usr/bin/env bash
# Checks that a run's HTML report renders: writes it with `bin/corpusforge report`, screenshots it in headless
# Chromium (Debian's `chromium`), and fails if the screenshot is missing or nearly one colour (a blank page).
#   scripts/check-report.sh DIR [SCREENSHOT.png]     (default DIR: runs/sample; screenshot: DIR/stats/report.png)
# Needs: apt-get install -y chromium python3. Offline: the report has no external resources, and Chromium's own
# network features are switched off.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${1:-$root/runs/sample}"
run="$(cd "$run" && pwd)"
png="${2:-$run/stats/report.png}"
html="$run/stats/report.html"

"$root/bin/corpusforge" report "$run" --output "$html"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$png" --window-size=1200,3000 "file://$html" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "check-report: chromium wrote no screenshot of $html" >&2; exit 1; }

# A rendered report has text, axes and coloured bars: many distinct colours, and a good share of non-white pixels.
python3 - "$png" <<'PY'
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), "unexpected PNG format %d/%d" % (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw, stride, prev, out = zlib.decompress(idat), width * bpp, bytearray(width * bpp), []
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.extend(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return out

px = pixels(sys.argv[1])
colours = len(set(px))
inked = sum(1 for p in px if p != b"\xff\xff\xff") / len(px)
print("check-report: %s: %d colours, %.1f%% non-white" % (sys.argv[1], colours, 100 * inked))
if colours < 16 or inked < 0.02:
    sys.exit("check-report: the report looks blank")
PY
echo "check-report: $html renders"
