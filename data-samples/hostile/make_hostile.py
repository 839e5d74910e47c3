#!/usr/bin/env python3
"""Writes the small hostile inputs in this folder (run from here: python3 make_hostile.py). The large cases (gzip and
zip bombs, a 100 MB line, 100,000-deep nesting) are generated at test time by HostileFiles.java instead."""
import bz2
import gzip
import io
import json
import os
import tarfile
import zipfile


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def cut(data):
    return data[: len(data) // 2]


# --- jsonl ---------------------------------------------------------------------------------------------------------
lines = "".join(json.dumps({"id": f"t{i}", "text": f"line {i} of a file that is cut short in transit; " * 4}) + "\n"
                for i in range(3000)).encode()
write("jsonl/truncated.jsonl.gz", cut(gzip.compress(lines, mtime=0)))
write("jsonl/truncated.jsonl.bz2", cut(bz2.compress(lines)))
write("jsonl/bad-bytes.jsonl",
      b'{"id":"ok-1","text":"a clean line"}\n'
      b'{"id":"bad-utf8","text":"broken \xc3\x28 sequence"}\n'
      b'{"id":"overlong","text":"overlong slash \xc0\xaf"}\n'
      b'{"id":"surrogate","text":"encoded surrogate \xed\xa0\x80"}\n'
      b'{"id":"raw-nul","text":"raw \x00 byte inside a string"}\n'
      b'\x00\x00\x00\n'
      b'{"id":"escaped-nul","text":"escaped \\u0000 is valid JSON"}\n'
      b'{"id":"ok-2","text":"a clean line after the bad ones"}\n')
write("jsonl/empty.jsonl", b"")
write("jsonl/zero-bytes.jsonl.gz", b"")
write("jsonl/empty-member.jsonl.gz", gzip.compress(b"", mtime=0))
write("jsonl/blank-lines.jsonl", b"\n\n  \n\r\n")


# --- web (WARC) ----------------------------------------------------------------------------------------------------
def http(body):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)
    return head + body


def warc(uri, block, claimed=None):
    length = len(block) if claimed is None else claimed
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            b"WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (uri.encode().hex()[:32].ljust(32, "0").encode(), uri.encode(), length))
    return head + block + b"\r\n\r\n"


def page(title, words):
    return ("<html><head><title>%s</title></head><body><p>%s</p></body></html>" % (title, " ".join(words))).encode()


good1 = warc("http://one.hostile.test/", http(page("one", ["a page that parses"] * 30)))
good2 = warc("http://three.hostile.test/", http(page("three", ["the page after the liar"] * 30)))
liar_short = warc("http://two.hostile.test/", http(page("two", ["this block is longer than claimed"] * 30)), claimed=60)
write("web/lying-content-length.warc", good1 + liar_short + good2)
write("web/content-length-past-eof.warc", good1 + warc("http://eof.hostile.test/", http(page("eof", ["x"] * 20)),
                                                       claimed=1_000_000)[:-4])
write("web/truncated.warc.gz", gzip.compress(good1, mtime=0) + cut(gzip.compress(good2, mtime=0)))
write("web/bad-bytes.warc", warc("http://bytes.hostile.test/", http(
    b"<html><body><p>invalid \xc3\x28 utf-8, \xff\xfe stray bytes and \x00 NUL \x00 bytes in a page that says "
    b"it is utf-8</p></body></html>")))
write("web/empty.warc", b"")
write("web/zero-bytes.warc.gz", b"")

# --- wikipedia (MediaWiki XML dump) --------------------------------------------------------------------------------
HEAD = (b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">\n'
        b"<siteinfo><sitename>Hostile</sitename><dbname>hostilewiki</dbname></siteinfo>\n")


def wpage(pid, title, text):
    return (b"<page><title>%s</title><ns>0</ns><id>%d</id><revision><id>%d</id><text xml:space=\"preserve\">%s"
            b"</text></revision></page>\n" % (title, pid, pid * 10, text))


good_page = wpage(1, b"Good", b"A page that is well formed. '''Bold''' and [[links]]. " * 10)
write("wikipedia/malformed.xml", HEAD + good_page +
      b"<page><title>Broken</title><ns>0</ns><id>2</id><revision><text>unclosed text <b>and</i> mismatched"
      b" tags\n</revision></page>\n" + wpage(3, b"After", b"never reached"))
write("wikipedia/truncated.xml.bz2", cut(bz2.compress(HEAD + good_page * 200 + b"</mediawiki>\n")))
write("wikipedia/entity-bomb.xml",
      b'<?xml version="1.0"?>\n<!DOCTYPE mediawiki [\n<!ENTITY a "aaaaaaaaaa">\n'
      + b"".join(b'<!ENTITY %s "%s">\n' % (bytes([c]), (b"&%s;" % bytes([c - 1])) * 10) for c in range(ord("b"), ord("k")))
      + b"]>\n" + HEAD + wpage(4, b"Laughs", b"&j;")
      + b"</mediawiki>\n")
write("wikipedia/empty.xml", b"")
write("wikipedia/bad-bytes.xml", HEAD + good_page
      + wpage(2, b"Bad bytes", b"invalid \xc3\x28 UTF-8 and a stray \xff byte in a page that is otherwise fine. " * 10)
      + wpage(3, b"After", b"The page after the bad bytes is read as usual. " * 10) + b"</mediawiki>\n")
write("wikipedia/nul.xml", HEAD + good_page + wpage(2, b"Nul", b"a raw \x00 byte, which XML does not allow. " * 10)
      + wpage(3, b"After", b"never reached") + b"</mediawiki>\n")


# --- arxiv (LaTeX source tarballs) and code (repository archives) --------------------------------------------------
def tar_gz(entries):
    """entries: (name, bytes) for files, (name, None, target) for symlinks."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.GNU_FORMAT) as t:
        for e in entries:
            info = tarfile.TarInfo(e[0])
            info.mtime = 0
            if e[1] is None:
                info.type = tarfile.SYMTYPE
                info.linkname = e[2]
                t.addfile(info)
            else:
                info.size = len(e[1])
                t.addfile(info, io.BytesIO(e[1]))
    return buf.getvalue()


def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for e in entries:
            info = zipfile.ZipInfo(e[0], date_time=(2024, 1, 1, 0, 0, 0))
            if e[1] is None:
                info.create_system = 3
                info.external_attr = (0o120777 << 16)
                z.writestr(info, e[2])
            else:
                z.writestr(info, e[1])
    return buf.getvalue()


ESCAPES = ["../escape", "../../../../../../../../../../tmp/corpusforge-hostile-escape", "/tmp/corpusforge-hostile-escape"]
tex_body = b"\\section{Intro}\nA paper body with enough words to be a document in its own right. " * 5
write("arxiv/input-loop.tar.gz", tar_gz([
    ("main.tex", b"\\documentclass{article}\\begin{document}\n\\input{a}\n" + tex_body + b"\\end{document}\n"),
    ("a.tex", b"\\input{b}\nText of a.\n"),
    ("b.tex", b"\\input{a}\n\\include{main}\nText of b.\n")]))
write("arxiv/self-input.tar.gz", tar_gz([
    ("main.tex", b"\\documentclass{article}\\begin{document}\n\\input{main}\n" + tex_body + b"\\end{document}\n")]))
write("arxiv/traversal.tar.gz", tar_gz(
    [(p + ".tex", b"written outside\n") for p in ESCAPES]
    + [("link.tex", None, "/etc/passwd"), ("dir-link", None, "../../..")]
    + [("main.tex", b"\\documentclass{article}\\begin{document}\n\\input{link}\n\\input{../escape}\n"
        b"\\input{/etc/passwd}\n" + tex_body + b"\\end{document}\n")]))
write("arxiv/truncated.tar.gz", cut(tar_gz([("main.tex", b"\\documentclass{article}\\begin{document}\n" + tex_body * 50
                                                       + b"\\end{document}\n")])))
write("arxiv/zero-bytes.tar.gz", b"")

code = b"def hello():\n    return 'a small function in a small repository'\n\n" * 5
write("code/traversal.zip", zip_bytes(
    [(p + ".py", b"print('written outside')\n") for p in ESCAPES]
    + [("repo/link.py", None, "/etc/passwd"), ("repo/main.py", code)]))
write("code/traversal.tar.gz", tar_gz(
    [(p + ".py", b"print('written outside')\n") for p in ESCAPES]
    + [("repo/link.py", None, "/etc/passwd"), ("repo/main.py", code)]))
write("code/truncated.zip", cut(zip_bytes([("repo/main.py", code * 100), ("repo/util.py", code * 100)])))
write("code/zero-bytes.zip", b"")
