// Mozilla Readability.js on every page of a WARC, as its users run it: the page's HTML in JSDOM (no scripts run,
// no resources loaded), then new Readability(document).parse(). Writes one {"url", "text"} line per response
// record, text = title + "\n" + textContent (empty when parse() returns null), for web-annotated/score.py.
// Usage: node extract.mjs PAGES.warc.gz OUT.jsonl
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [warcPath, outPath] = process.argv.slice(2);
if (!warcPath || !outPath) {
  console.error("usage: node extract.mjs PAGES.warc.gz OUT.jsonl");
  process.exit(2);
}

/** Header block (up to the blank line) of `buf` from `start`: its fields, lower-cased names, and where it ends. */
function headers(buf, start) {
  const end = buf.indexOf("\r\n\r\n", start);
  if (end < 0) throw new Error(`no header end at ${start}`);
  const lines = buf.toString("latin1", start, end).split("\r\n");
  const fields = new Map();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { first: lines[0], fields, bodyStart: end + 4 };
}

/** The charset the HTTP header names, as TextDecoder knows it; UTF-8 when none or unknown. */
function decoder(contentType) {
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType || "");
  try {
    return new TextDecoder(m ? m[1] : "utf-8");
  } catch {
    return new TextDecoder("utf-8");
  }
}

// gunzip reads every member of a multi-member .warc.gz.
const warc = gunzipSync(readFileSync(warcPath));
const silent = new VirtualConsole();
const lines = [];
let pos = 0;
let parsed = 0;
let empty = 0;
const started = process.hrtime.bigint();
while (pos < warc.length) {
  const record = headers(warc, pos);
  const length = Number(record.fields.get("content-length"));
  const blockEnd = record.bodyStart + length;
  if (record.fields.get("warc-type") === "response") {
    const url = record.fields.get("warc-target-uri");
    const http = headers(warc, record.bodyStart);
    const html = decoder(http.fields.get("content-type")).decode(warc.subarray(http.bodyStart, blockEnd));
    const dom = new JSDOM(html, { url, virtualConsole: silent });
    const article = new Readability(dom.window.document).parse();
    dom.window.close();
    if (article === null) empty++;
    const text = article === null ? "" : `${article.title ?? ""}\n${article.textContent ?? ""}`;
    lines.push(JSON.stringify({ url, text }));
    parsed++;
  }
  pos = blockEnd;
  while (pos < warc.length && (warc[pos] === 0x0d || warc[pos] === 0x0a)) pos++;
}
writeFileSync(outPath, lines.join("\n") + "\n");
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`Readability.js: ${parsed} pages (${empty} with no article) in ${seconds.toFixed(1)} s, wrote ${outPath}`);
