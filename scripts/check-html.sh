#!/usr/bin/env bash
# Renders the HTML reports of profscore in headless Chromium, offline, and checks
# what a machine can check of them:
#   - the HTML: has <svg> charts (well-formed XML, with bars), no http(s):// URL but
#     the SVG namespace, no <script>, no event handler, no external <link>, <img>,
#     @import or url(); charset utf-8 and the right lang; warns about Markdown left in
#     the text and about charts whose labels are identical after truncation;
#   - Chromium (in a network namespace without network, and with DNS switched off)
#     asked for nothing over the network (its net log is read);
#   - the screenshot (1240 px wide) exists, is not blank, shows every fill colour of
#     the SVG charts, and holds the whole page (taller screenshots are taken until it
#     does);
#   - the PDF printed by Chromium has A4 pages only, embedded fonts, the report's title
#     as text (Cyrillic survives), no blank page, no chart split over two pages, no
#     heading left alone at the bottom of a page, every chart label whole (not cut at
#     the edge of its <svg>) and no text running into the page margin (tables split
#     over pages and individual pages longer than one sheet are warnings).
# Installs chromium and poppler-utils from Debian's packages when they are missing.
#
# Usage: scripts/check-html.sh [OUTPUT_DIR]     (from any folder; default: a new temp folder)
#   - the school example (five classes and a roster) prints on at most 6 A4 pages,
#     the first of them the overview («Коротко»: the programme's indicators and
#     the charts).
# It rewrites only its own subfolders of OUTPUT_DIR (klimov-ddo-ru, klimov-ddo-en,
# onet-60-ru, school-ru, .chromium) and prints where the screenshots and PDF pages are.
# Exit status: 0 all checks passed (warnings may be printed), 1 a check failed,
# 2 a tool could not be installed or profscore could not be built or run.
set -euo pipefail

started=$(date +%s)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "check-html: ERROR: $*" >&2; exit 2; }
say() { echo "check-html: $*"; }

if [ $# -gt 1 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  [ $# -gt 1 ] && exit 2 || exit 0
fi

if [ $# -eq 1 ]; then
  mkdir -p "$1" || die "cannot create $1"
  out=$(cd "$1" && pwd)
else
  out=$(mktemp -d "${TMPDIR:-/tmp}/profscore-html.XXXXXX")
fi

# --- Tools -------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: install chromium and poppler-utils by hand"
  SUDO=sudo
fi

find_chromium() {
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null; then command -v "$c"; return 0; fi
  done
  return 1
}

missing=()
find_chromium >/dev/null || missing+=(chromium)
for tool in pdfinfo pdftoppm pdftotext pdffonts; do
  command -v "$tool" >/dev/null || { missing+=(poppler-utils); break; }
done
command -v python3 >/dev/null || missing+=(python3)
command -v timeout >/dev/null || missing+=(coreutils)
command -v unshare >/dev/null || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
  say "installing ${missing[*]} (and fonts-dejavu-core) from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >"$out/apt.log" 2>&1 || { tail -20 "$out/apt.log" >&2; die "apt-get update failed (log: $out/apt.log)"; }
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >>"$out/apt.log" 2>&1 \
    || { tail -20 "$out/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $out/apt.log)"; }
fi
CHROMIUM=$(find_chromium) || die "chromium is still missing after apt-get install"
say "using $("$CHROMIUM" --version 2>/dev/null | head -1)"

# No network for Chromium: a new network namespace has no interface but a downed
# loopback. As root 'unshare -n' does it; otherwise try a user namespace.
if unshare -n true 2>/dev/null; then NET=(unshare -n)
elif unshare -rn true 2>/dev/null; then NET=(unshare -rn)
else
  NET=()
  say "WARNING: cannot make a network namespace here; relying on Chromium's flags (DNS off, dead proxy) alone"
fi

# --- Build and write the reports ---------------------------------------------
say "building profscore…"
(cd "$repo" && swift build >"$out/build.log" 2>&1) || { tail -30 "$out/build.log" >&2; die "swift build failed (log: $out/build.log)"; }
bin="$repo/.build/debug/profscore"
[ -x "$bin" ] || die "no $bin after swift build"

cases=(klimov-ddo-ru klimov-ddo-en onet-60-ru)
for c in "${cases[@]}" school-ru .chromium; do rm -rf "${out:?}/$c"; done

write_report() {  # case-name instrument sheet-file extra-args...
  local name=$1 instrument=$2 sheets=$3; shift 3
  mkdir -p "$out/$name"
  if ! (cd "$repo" && "$bin" report --instrument "$instrument" "$sheets" --format html \
          --output "$out/$name/report.html" --year 2025/26 --individual "$out/$name/pages" "$@") \
          >"$out/$name/profscore.log" 2>&1; then
    cat "$out/$name/profscore.log" >&2
    die "profscore report failed for $name (log: $out/$name/profscore.log)"
  fi
  [ -s "$out/$name/report.html" ] || die "profscore wrote no $out/$name/report.html"
  ls "$out/$name/pages/"*.html >/dev/null 2>&1 || die "profscore wrote no individual page into $out/$name/pages"
}
write_report klimov-ddo-ru klimov-ddo Examples/klimov-ddo-7a.csv
write_report klimov-ddo-en klimov-ddo Examples/klimov-ddo-7a.csv --lang en
write_report onet-60-ru onet-interest-profiler-60 Examples/onet-interest-profiler-60-10a.csv
# A school: five classes of grades 7–9 and the roster (no individual pages).
mkdir -p "$out/school-ru"
(cd "$repo" && "$bin" report --instrument klimov-ddo Examples/klimov-ddo-7a.csv Examples/school1/klimov-ddo-*.csv \
    --roster Examples/school1/roster.csv --year 2025/26 --format html --output "$out/school-ru/report.html") \
    >"$out/school-ru/profscore.log" 2>&1 || { cat "$out/school-ru/profscore.log" >&2; die "profscore report failed for the school"; }
say "reports written into $out"

# --- The checker (Python standard library only) ------------------------------
py="$out/.check-html.py"
export CHECK_OUT="$out"
cat >"$py" <<'PYTHON'
import bisect, html.parser, json, os, re, struct, subprocess, sys, zlib
import xml.etree.ElementTree as ET

FAILS, WARNS = [], []
def fail(msg): FAILS.append(msg)
def short(path): return os.path.relpath(path, os.environ.get("CHECK_OUT", "."))
def warn(msg): WARNS.append(msg)
def finish():
    for w in WARNS: print("  WARN  " + w)
    for f in FAILS: print("  FAIL  " + f)
    sys.exit(1 if FAILS else 0)

SVG_NS = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Blocks(html.parser.HTMLParser):
    """Text items in document order, and the blocks (figure, table, h1-h3) holding them."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.items, self.blocks, self.rect_fills = [], [], [], set()
        self.svg_labels, self.in_svg_text = [], False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        block = None
        if tag in ("figure", "table", "h1", "h2", "h3", "svg"):
            block = len(self.blocks)
            self.blocks.append({"tag": tag, "first": len(self.items), "last": len(self.items), "label": ""})
        if tag == "rect" and a.get("fill", "").startswith("#"):
            self.rect_fills.add(a["fill"].lower())
        if tag == "svg": self.svg_labels.append([])
        if tag == "text" and any(t == "svg" for t, _ in self.stack): self.in_svg_text = True
        if tag not in VOID: self.stack.append((tag, block))
    def handle_startendtag(self, tag, attrs):
        a = dict(attrs)
        if tag == "rect" and a.get("fill", "").startswith("#"):
            self.rect_fills.add(a["fill"].lower())
    def handle_endtag(self, tag):
        if tag == "text": self.in_svg_text = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for t, b in self.stack[i:]:
                    if b is not None: self.blocks[b]["last"] = len(self.items)
                del self.stack[i:]
                return
    def handle_data(self, data):
        text = " ".join(data.split())
        if not text: return
        tags = [t for t, _ in self.stack]
        if any(t in ("head", "style", "title", "script") for t in tags): return
        if "figcaption" in tags or "caption" in tags:
            for t, b in reversed(self.stack):
                if b is not None and self.blocks[b]["tag"] in ("figure", "table"):
                    self.blocks[b]["label"] = self.blocks[b]["label"] or text
                    break
        for t, b in self.stack:
            if b is not None and self.blocks[b]["tag"] in ("h1", "h2", "h3"):
                self.blocks[b]["label"] += text
        if self.in_svg_text and self.svg_labels: self.svg_labels[-1].append(text)
        self.items.append(text)

def parse(path):
    p = Blocks()
    p.feed(open(path, encoding="utf-8").read())
    return p

# ---------------------------------------------------------------- static HTML
def static(path, lang, kind):
    try:
        src = open(path, encoding="utf-8").read()
    except UnicodeDecodeError as e:
        fail(f"{path}: not UTF-8 ({e})"); return
    name = short(path)
    low = src.lower()
    if not low.lstrip().startswith("<!doctype html>"): fail(f"{name}: no <!DOCTYPE html> at the start")
    if '<meta charset="utf-8">' not in low: fail(f'{name}: no <meta charset="utf-8">')
    m = re.search(r'<html[^>]*\blang="([^"]*)"', src)
    if not m or m.group(1) != lang: fail(f"{name}: <html lang> is {m.group(1) if m else 'missing'}, expected {lang}")
    for url in sorted(set(re.findall(r'https?://[^\s"\'<>()]*', src)) - SVG_NS):
        fail(f"{name}: URL {url} (only the SVG namespace may appear)")
    if "<script" in low: fail(f"{name}: contains <script>")
    for m in re.finditer(r'<[a-z][^>]*\son[a-z]+\s*=', low): fail(f"{name}: event handler attribute in {m.group(0)[:60]}…")
    if "javascript:" in low: fail(f"{name}: contains javascript:")
    for m in re.finditer(r'<(link|img|iframe|object|embed|audio|video|source|base)\b[^>]*>', low):
        ref = re.search(r'\b(?:href|src|data)\s*=\s*"([^"]*)"', m.group(0))
        if m.group(1) in ("iframe", "object", "embed", "base") or (ref and not ref.group(1).startswith(("data:", "#"))) or m.group(1) == "link":
            fail(f"{name}: external resource {m.group(0)[:80]}")
    if "@import" in low: fail(f"{name}: CSS @import")
    for m in re.finditer(r'url\(\s*["\']?([^"\')]*)', low):
        if not m.group(1).startswith(("data:", "#")): fail(f"{name}: CSS url({m.group(1)})")
    svgs = re.findall(r"<svg\b.*?</svg>", src, re.S)
    if not svgs: fail(f"{name}: no <svg> chart")
    for i, s in enumerate(svgs, 1):
        try:
            root = ET.fromstring(s)
        except ET.ParseError as e:
            fail(f"{name}: SVG #{i} is not well-formed XML: {e}"); continue
        if root.tag != "{http://www.w3.org/2000/svg}svg": fail(f"{name}: SVG #{i} lacks the SVG namespace")
        for a in ("width", "height", "viewBox"):
            if a not in root.attrib: fail(f"{name}: SVG #{i} has no {a}")
        if not root.findall(".//{http://www.w3.org/2000/svg}rect"): fail(f"{name}: SVG #{i} has no <rect> bar")
        if kind == "group" and not root.findall(".//{http://www.w3.org/2000/svg}text"): fail(f"{name}: SVG #{i} has no <text> label")
    p = parse(path)
    if lang == "ru" and not any("\u0400" <= ch <= "\u04ff" for t in p.items for ch in t):
        fail(f"{name}: lang ru but no Cyrillic text")
    for t in p.items:
        if "`" in t or "**" in t: warn(f"{name}: Markdown left in the text: «{t[:90]}»"); break
    for labels in p.svg_labels:
        seen = {}
        for l in labels:
            if l.endswith("…"): seen[l] = seen.get(l, 0) + 1
        for l, n in seen.items():
            if n > 1: warn(f"{name}: {n} bars of one chart share the truncated label «{l}»")

# ---------------------------------------------------------------- PNG
def decode_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n": raise ValueError("not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, t = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if t == b"IHDR": hdr = struct.unpack(">IIBBBBB", body)
        elif t == b"IDAT": idat.append(body)
        elif t == b"IEND": break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or interlace or ctype not in (0, 2, 4, 6): raise ValueError(f"unsupported PNG (depth {depth}, type {ctype}, interlace {interlace})")
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw, stride = zlib.decompress(b"".join(idat)), w * bpp
    rows, prev, i = [], bytes(stride), 0
    for _ in range(h):
        f = raw[i]; row = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        if f == 1:
            for x in range(bpp, stride): row[x] = (row[x] + row[x - bpp]) & 255
        elif f == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, prev))
        elif f == 3:
            for x in range(stride): row[x] = (row[x] + ((row[x - bpp] if x >= bpp else 0) + prev[x]) // 2) & 255
        elif f == 4:
            for x in range(stride):
                a = row[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(row)); prev = row
    if bpp != 3:  # to RGB
        conv = []
        for r in rows:
            if bpp == 4: conv.append(b"".join(r[j:j + 3] for j in range(0, len(r), 4)))
            elif bpp == 1: conv.append(bytes(v for g in r for v in (g, g, g)))
            else: conv.append(bytes(v for j in range(0, len(r), 2) for v in (r[j], r[j], r[j])))
        rows = conv
    return w, h, rows

def png_stats(path):
    w, h, rows = decode_png(path)
    bg = rows[0][:3]; blank_row = bg * w
    inked = [y for y, r in enumerate(rows) if r != blank_row]
    colours = set()
    for y in inked[::2]:
        r = rows[y]; colours.update(r[j:j + 3] for j in range(0, len(r), 3))
    return w, h, rows, bg, inked, colours

def has_colour(rows, rgb):
    for r in rows:
        i = r.find(rgb)
        while i >= 0:
            if i % 3 == 0: return True
            i = r.find(rgb, i + 1)
    return False

def screenshot(png, html_path):
    """Exit 3 when the page goes on below the screenshot (take a taller one)."""
    name = short(png)
    if not os.path.exists(png) or os.path.getsize(png) == 0: fail(f"no screenshot {png}"); return
    try:
        w, h, rows, bg, inked, colours = png_stats(png)
    except Exception as e:
        fail(f"{name}: cannot decode: {e}"); return
    print(f"  {name}: {w}x{h}, {len(colours)} colours, {len(inked)} rows with ink, content ends at y={inked[-1] if inked else '-'}")
    if len(colours) < 16 or len(inked) < 50: fail(f"{name}: looks blank ({len(colours)} colours, {len(inked)} rows with ink)"); return
    if inked[-1] >= h - 8: sys.exit(3)
    fills = parse(html_path).rect_fills
    missing = [c for c in sorted(fills) if not has_colour(rows, bytes.fromhex(c[1:]))]
    if missing: fail(f"{name}: chart fill colours not on the screenshot: {', '.join(missing)} (charts not drawn?)")

# ---------------------------------------------------------------- PDF
def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout

def norm(s): return re.sub(r"\s+", "", s)

def pdf(pdf_path, html_path, kind, png_prefix):
    name = short(pdf_path)
    if not os.path.exists(pdf_path) or os.path.getsize(pdf_path) == 0: fail(f"no PDF {pdf_path}"); return
    info = run("pdfinfo", "-f", "1", "-l", "9999", pdf_path)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    for n, pw, ph in re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", info, re.M):
        if abs(float(pw) - 595.28) > 1.5 or abs(float(ph) - 841.89) > 1.5:
            fail(f"{name}: page {n} is {pw} x {ph} pts, not A4 (595 x 842)")
    fonts = run("pdffonts", pdf_path).splitlines()[2:]
    names = sorted({l.split()[0].split("+")[-1] for l in fonts if l.strip()})
    for l in fonts:
        cols = l.split()
        if len(cols) >= 5 and "no" in cols[-5:-3]: fail(f"{name}: font not embedded: {l.strip()}")
    text = run("pdftotext", "-raw", "-enc", "UTF-8", pdf_path, "-")
    page_texts = text.split("\f")[:pages]
    print(f"  {name}: {pages} page(s), fonts {', '.join(names) or 'none'}")
    p = parse(html_path)
    h1 = next((b["label"] for b in p.blocks if b["tag"] == "h1"), "")
    if not h1 or norm(h1) not in norm(text): fail(f"{name}: the title «{h1}» is not in the PDF's text")
    # Page images, for people, and blank pages.
    run("pdftoppm", "-r", "70", "-png", pdf_path, png_prefix)
    for n in range(1, pages + 1):
        cand = [f"{png_prefix}-{n:0{k}d}.png" for k in (1, 2, 3)]
        img = next((c for c in cand if os.path.exists(c)), None)
        if not img: fail(f"{name}: pdftoppm wrote no image of page {n}"); continue
        _, _, _, _, inked, colours = png_stats(img)
        if len(inked) < 5: fail(f"{name}: page {n} is blank ({img})")
    # Where each text item landed: match the HTML's text, in order, in the PDF's text.
    starts, joined = [], ""
    for t in page_texts:
        starts.append(len(joined)); joined += norm(t)
    where, cursor, tried, found = [], 0, 0, 0
    for item in p.items:
        key = norm(item)
        if len(key) < 4: where.append(None); continue
        tried += 1
        pos = joined.find(key, cursor)
        if pos < 0: where.append(None); continue
        found += 1
        where.append(bisect.bisect_right(starts, pos)); cursor = pos + len(key)
    print(f"  {name}: {found} of {tried} text items located on the PDF's pages")
    if tried and found < 0.7 * tried:
        warn(f"{name}: only {found} of {tried} text items found in the PDF; page-break checks are unreliable")
    for i, b in enumerate(p.blocks):
        got = [pg for pg in where[b["first"]:b["last"]] if pg]
        label = b["label"] or b["tag"]
        if b["tag"] == "figure" and got and min(got) != max(got):
            fail(f"{name}: chart «{label}» is split over pages {min(got)}–{max(got)}")
        if b["tag"] == "svg" and got and min(got) != max(got) and not any(
                o["tag"] == "figure" and o["first"] <= b["first"] and b["last"] <= o["last"] for o in p.blocks):
            fail(f"{name}: chart #{i} is split over pages {min(got)}–{max(got)}")
        if b["tag"] == "table" and got and min(got) != max(got):
            warn(f"{name}: table «{label}» is split over pages {min(got)}–{max(got)}")
        if b["tag"] in ("h1", "h2", "h3") and got:
            after = next((pg for pg in where[b["last"]:] if pg), None)
            if after and after > max(got):
                fail(f"{name}: heading «{label}» is alone at the bottom of page {max(got)}; what it heads starts on page {after}")
    # Chart labels cut by the edge of their <svg>: Chromium leaves out the glyphs
    # outside it, so the label occurs fewer times in the PDF's text than in the HTML,
    # and the glyphs cut in half stick out of the page's content box (into the margin).
    in_html = norm("".join(p.items))
    for l in sorted({l for labels in p.svg_labels for l in labels}):
        k = norm(l)
        if len(k) >= 4 and joined.count(k) < in_html.count(k):
            fail(f"{name}: chart label «{l}» is not whole in the PDF (cut off at the chart's edge?)")
    bbox = run("pdftotext", "-bbox", pdf_path, "-")
    left = None
    for n, page in enumerate(re.split(r"<page ", bbox)[1:], 1):
        pw = float(re.search(r'width="([\d.]+)"', page).group(1))
        words = [(float(a), float(b), w) for a, b, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)]
        if left is None and words and h1:
            first = norm(h1)[:6]
            left = next((a for a, b, w in words if w.startswith(first[:len(w)]) and w), words[0][0])
        if left is None: continue
        for a, b, w in words:
            if a < left - 1 or b > pw - left + 1:
                fail(f"{name}: «{w}» on page {n} runs into the page margin (x {a:.1f}–{b:.1f} pt, "
                     f"content box {left:.1f}–{pw - left:.1f} pt): a label cut by its chart's edge, or an element too wide")
    if kind == "individual" and pages > 1:
        warn(f"{name}: an individual page prints on {pages} A4 sheets")

# ---------------------------------------------------------------- net log
def netlog(path, html_name):
    try:
        d = json.load(open(path))
    except Exception as e:
        # Chromium may leave the log unterminated when it is killed; finish it.
        try:
            d = json.loads(open(path).read().rstrip().rstrip(",") + "]}")
        except Exception:
            warn(f"{html_name}: cannot read Chromium's net log {path}: {e}"); return
    types = {v: k for k, v in d["constants"]["logEventTypes"].items()}
    asked = set()
    for e in d.get("events", []):
        if types.get(e.get("type")) != "URL_REQUEST_START_JOB": continue
        p = e.get("params", {})
        if p.get("initiator") not in (None, "not an origin") or str(p.get("network_isolation_key", "")).startswith("file://"):
            asked.add(p.get("url", "?"))
    for u in sorted(asked): fail(f"{html_name}: the page asked for {u}")

cmd = sys.argv[1]
if cmd == "static":
    for f in sys.argv[4:]: static(f, sys.argv[2], sys.argv[3])
elif cmd == "screenshot": screenshot(*sys.argv[2:4])
elif cmd == "pdf": pdf(*sys.argv[2:6])
elif cmd == "netlog": netlog(*sys.argv[2:4])
finish()
PYTHON

# --- Render and check ----------------------------------------------------------
profile="$out/.chromium"
chrome() {  # log-file chromium-args...
  local log=$1; shift
  timeout 120 "${NET[@]}" "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --no-default-browser-check --disable-extensions --disable-sync \
    --disable-background-networking --disable-component-update --disable-default-apps \
    --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="socks5://127.0.0.1:9" \
    --user-data-dir="$profile" "$@" >>"$log" 2>&1
}

failed=0
screens=()
pdfpages=()
check() {  # python-subcommand args... ; records a failure instead of stopping
  local rc=0
  python3 "$py" "$@" || rc=$?
  [ $rc -eq 0 ] || failed=1
  return 0
}

render() {  # html-file lang kind
  local html=$1 lang=$2 kind=$3
  local stem=${html%.html} rc height
  local log="$stem.chromium.log"
  : >"$log"
  say "$html"
  check static "$lang" "$kind" "$html"
  # Screenshot, taller until the whole page fits (up to 24000 px).
  height=3000
  while :; do
    rm -f "$stem.png" "$stem.netlog.json"
    chrome "$log" --log-net-log="$stem.netlog.json" --window-size=1240,$height \
      --screenshot="$stem.png" "file://$html" || { echo "  FAIL  Chromium failed on $html (log: $log)"; failed=1; return 0; }
    rc=0; python3 "$py" screenshot "$stem.png" "$html" || rc=$?
    if [ $rc -eq 3 ] && [ $height -lt 24000 ]; then height=$((height * 2)); continue; fi
    [ $rc -eq 3 ] && { echo "  FAIL  $html is taller than 24000 px"; failed=1; }
    [ $rc -eq 1 ] && failed=1
    break
  done
  screens+=("$stem.png")
  check netlog "$stem.netlog.json" "${html#"$out"/}"
  # A4 print.
  rm -f "$stem.pdf" "$stem"-page-*.png
  chrome "$log" --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="$stem.pdf" "file://$html" \
    || { echo "  FAIL  Chromium could not print $html (log: $log)"; failed=1; return 0; }
  check pdf "$stem.pdf" "$html" "$kind" "$stem-page"
  pdfpages+=("$stem-page-*.png")
}

for c in "${cases[@]}"; do
  lang=ru; [ "$c" = klimov-ddo-en ] && lang=en
  say "$out/$c/pages/*.html: static checks of every individual page"
  check static "$lang" individual "$out/$c/pages/"*.html
  render "$out/$c/report.html" "$lang" group
  # Two individual pages: the first, and the shortest other one (often a sheet with problems).
  first=$(ls "$out/$c/pages/"*.html | sed -n 1p)
  other=$(ls -S "$out/$c/pages/"*.html | grep -vxF "$first" | sed -n '$p')
  render "$first" "$lang" individual
  [ -n "$other" ] && render "$other" "$lang" individual
done

# The school: at most 6 A4 pages, the overview first.
render "$out/school-ru/report.html" ru group
pages=$(pdfinfo "$out/school-ru/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ -z "$pages" ] || [ "$pages" -gt 6 ]; then
  echo "  FAIL  the school's report prints on ${pages:-?} A4 pages (at most 6)"; failed=1
else
  say "the school's report prints on $pages A4 pages"
fi
first_page=$(pdftotext -f 1 -l 1 "$out/school-ru/report.pdf" - 2>/dev/null || true)
for text in "Коротко" "Показатели программы" "Ведущий тип, все бланки" "Профиль склонностей, все бланки"; do
  grep -qF "$text" <<<"$first_page" || { echo "  FAIL  the school's first page lacks «$text»"; failed=1; }
done

rm -rf "$profile"
echo
say "screenshots:"
printf '  %s\n' "${screens[@]}"
say "PDF pages as PNG:"
for p in "${pdfpages[@]}"; do printf '  %s\n' $p; done
say "took $(( $(date +%s) - started )) s; output in $out"
if [ $failed -ne 0 ]; then
  echo "check-html: FAILED: see the FAIL lines above" >&2
  exit 1
fi
say "all checks passed"
