#!/usr/bin/env python3
"""Benchmark the static full-text search on a synthetic corpus.

    .venv/bin/python bench/search_bench.py [--units 10000] [--browser] [--out DIR]

Builds ``--units`` synthetic documents (testkit.search_corpus: 800–3,000 characters of
administrative Chinese each, one 发文字号 per document, seeded), writes the index and reports:

* build time, index size on disk (raw and gzip -6 total), number of shards and files;
* for each query (fixed examples + random 2–6 character substrings of the corpus): the bytes a
  cold browser cache downloads for the first page of 20 results (sum of the gzip-compressed
  sizes of the files read), the Python query time, and recall / precision of the complete
  result set against brute-force substring search over the normalised text;
* with ``--browser``: time from navigation start to the first rendered result in headless
  Chromium (/usr/bin/chromium via playwright) from a local http.server, one fresh browser
  context (cold cache) per query, and the bytes it fetched.

Medians, 90th percentiles and worst cases are printed at the end.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.search import IndexStats, SearchUnit, build_index  # noqa: E402
from generator.search.build import copy_assets, searchable_text  # noqa: E402
from generator.search.tokens import SPACE_RE, normalise, strip  # noqa: E402
from generator.text.docnumber import normalise_doc_number  # noqa: E402
from testkit.search_corpus import generate_units, iter_substrings  # noqa: E402
from testkit.searcher import Searcher  # noqa: E402

FIXED_QUERIES = [
    "值班",
    "请假",
    "考勤奖",
    "销假",
    "印章管理",
    "营商环境",
    "请假超过三天",
    "值",
    "奖",
    "值班 考勤奖",
    "营商环境 容缺受理",
    "印章管理 专人保管",
    "请假 销假 考勤奖",
]
NUMBER_FORMS = ["{c}[{y}]{s}号", "{c}{y}年{s}号", "{c}〔{y}〕第{s}号", "{c}{y}-{s}", "{c}〔{y}〕{s}号"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


# ------------------------------------------------------------------------------- reference


class Reference:
    """Brute-force substring search over every unit's normalised searchable text."""

    def __init__(self, units: list[SearchUnit]):
        self.units = units
        self.texts = [normalise(searchable_text(u.title, u.meta, u.text)) for u in units]
        self.numbers = [{str(normalise_doc_number(n)) for n in u.numbers} for u in units]

    def match(self, q: str) -> set[str]:
        q = strip(q)
        whole = normalise_doc_number(q)
        parts = [q] if whole is not None else SPACE_RE.split(q)
        tests = []
        for raw in parts:
            number = normalise_doc_number(raw)
            if number is not None:
                needles = {normalise(str(number))}
                if not SPACE_RE.search(raw):
                    needles.add(normalise(raw))
                tests.append((str(number), needles))
            else:
                tests.append((None, {normalise(raw)}))
        out = set()
        for unit, text, numbers in zip(self.units, self.texts, self.numbers):
            if all((num is not None and num in numbers) or any(n in text for n in needles) for num, needles in tests):
                out.add(unit.url)
        return out


# ------------------------------------------------------------------------------- helpers


@functools.cache
def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def corpus_units(root: Path, as_of: str) -> list[SearchUnit]:
    """The units the site build would index for ``root`` as of ``as_of``."""
    import datetime as dt

    from generator.commands.siteparts import search_units
    from generator.corpus import load_corpus
    from generator.publish import public_view
    from generator.site.pages import SiteBuilder

    corpus = load_corpus(root)
    view = public_view(corpus, dt.date.fromisoformat(as_of))
    return search_units(SiteBuilder(view, corpus.known_codes()))


def _unused_gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def query_set(units: list[SearchUnit], n_random: int, seed: int) -> list[tuple[str, str | None]]:
    """(query, expected first URL or None) pairs: fixed examples, loose numbers, random substrings."""
    queries: list[tuple[str, str | None]] = [(q, None) for q in FIXED_QUERIES]
    by_number = {n: u for u in units for n in u.numbers}
    wanted = "区建发〔2025〕1号"
    if wanted not in by_number:
        wanted = sorted(by_number)[0]
    number = normalise_doc_number(wanted)
    for form in NUMBER_FORMS:
        queries.append((form.format(c=number.code, y=number.year, s=number.seq), by_number[wanted].url))
    seen = set()
    for piece in iter_substrings(units, n_random * 4, seed=seed):
        if len(seen) >= n_random:
            break
        if piece not in seen:
            seen.add(piece)
            queries.append((piece, None))
    return queries


# ------------------------------------------------------------------------------- browser

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>检索</title>
<link rel="stylesheet" href="../assets/stylesheets/govpub-search.css">
</head><body>
<div id="govpub-search" data-index="../search-index/"></div>
<script src="../assets/javascripts/govpub-search.js"></script>
</body></html>
"""

FIRST_RESULT_PROBE = """
(() => {
  const seen = () => {
    if (!window.__firstResult && document.querySelector('.govpub-search__result, [data-state=done]')) {
      window.__firstResult = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any production web server

    def log_message(self, *args):  # noqa: D102
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def browser_run(out: Path, queries: list[str]) -> list[dict]:
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    (out / "search").mkdir(exist_ok=True)
    (out / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    server, base = serve(out)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for q in queries:
                context = browser.new_context()
                page = context.new_page()
                page.add_init_script(FIRST_RESULT_PROBE)
                fetched: list[str] = []
                page.on("response", lambda r, fetched=fetched: fetched.append(r.url))
                page.goto(base + "search/?q=" + quote(q))
                page.wait_for_function(
                    "document.getElementById('govpub-search').dataset.state === 'done'", timeout=60000
                )
                first = page.evaluate("window.__firstResult || null")
                count = page.locator(".govpub-search__result").count()
                index_files = [u[len(base) :] for u in fetched if "/search-index/" in u]
                results.append(
                    {
                        "q": q,
                        "first_ms": first,
                        "results": count,
                        "files": len(index_files),
                        "gz_bytes": sum(gz_size(out / f) for f in index_files),
                    }
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return results


# ------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=10000, help="number of synthetic documents (default 10000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--corpus",
        type=Path,
        help="measure on a real corpus root (its public documents, items "
        "and articles as of --as-of) instead of synthetic units",
    )
    ap.add_argument("--as-of", default="2026-11-23", help="with --corpus: the publication date (default 2026-11-23)")
    ap.add_argument("--random-queries", type=int, default=30)
    ap.add_argument("--limit", type=int, default=20, help="results on the first page (default 20)")
    ap.add_argument("--browser", action="store_true", help="also time the first result in headless Chromium")
    ap.add_argument("--out", type=Path, help="build the index here (default: a temporary directory)")
    ap.add_argument("--json", type=Path, help="write all figures to this file")
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="keep an index already built in --out for the same --units and --seed (no build time)",
    )
    args = ap.parse_args(argv)

    out = args.out or Path(tempfile.mkdtemp(prefix="govpub-search-bench-"))
    t0 = time.perf_counter()
    units = corpus_units(args.corpus, args.as_of) if args.corpus else generate_units(args.units, args.seed)
    t_gen = time.perf_counter() - t0
    chars = sum(len(u.text) for u in units)
    index_dir = out / "search-index"
    stamp = out / "bench-corpus.json"
    corpus_id = json.dumps({"units": args.units, "seed": args.seed})
    if args.reuse and stamp.exists() and stamp.read_text(encoding="utf-8") == corpus_id:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        stats = IndexStats(len(units), 0, 0, manifest["shards"], 0, 0)
        t_build = float("nan")
        copy_assets(out)  # the client may have changed since the index was built
    else:
        t0 = time.perf_counter()
        stats = build_index(units, out)
        t_build = time.perf_counter() - t0
        stamp.write_text(corpus_id, encoding="utf-8")
    files = [p for p in index_dir.rglob("*") if p.is_file()]
    raw_total = sum(p.stat().st_size for p in files)
    gz_total = sum(gz_size(p) for p in files)
    shard_files = list((index_dir / "s").iterdir())
    shard_gz = sorted(gz_size(p) for p in shard_files)
    unit_gz = sorted(gz_size(p) for p in index_dir.glob("u/*/*.json"))

    print(f"corpus: {len(units)} units, {chars / len(units):.0f} characters on average, generated in {t_gen:.1f} s")
    if t_build == t_build:
        print(
            f"build: {t_build:.1f} s; {stats.tokens} tokens, {stats.postings} postings, {stats.shards} shards, "
            f"{len(files)} files"
        )
    else:
        print(f"build: skipped (--reuse); {stats.shards} shards, {len(files)} files")
    print(
        f"index size: {raw_total / 1e6:.1f} MB raw, {gz_total / 1e6:.1f} MB gzip "
        f"(shards {sum(p.stat().st_size for p in shard_files) / 1e6:.1f} MB raw / {sum(shard_gz) / 1e6:.1f} MB gzip)"
    )
    print(
        f"shard gzip size: median {statistics.median(shard_gz) / 1e3:.1f} kB, max {shard_gz[-1] / 1e3:.1f} kB; "
        f"unit file gzip: median {statistics.median(unit_gz) / 1e3:.1f} kB, max {unit_gz[-1] / 1e3:.1f} kB"
    )

    queries = query_set(units, args.random_queries, args.seed + 6)
    ref = Reference(units)
    rows = []
    print()
    print(f"{'query':<22} {'kB':>7} {'files':>5} {'ms':>7} {'hits':>6} {'recall':>7} {'prec':>6}  first")
    for q, expect_first in queries:
        searcher = Searcher(index_dir)
        t0 = time.perf_counter()
        page = searcher.search(q, args.limit)
        ms = (time.perf_counter() - t0) * 1000
        kb = sum(gz_size(index_dir / f) for f in searcher.fetched) / 1e3
        full = Searcher(index_dir).search(q, None)
        got = {h.url for h in full.hits}
        want = ref.match(q)
        recall = len(got & want) / len(want) if want else 1.0
        precision = len(got & want) / len(got) if got else 1.0
        first_ok = None if expect_first is None else bool(page.hits) and page.hits[0].url == expect_first
        rows.append(
            {
                "q": q,
                "kB": kb,
                "files": len(searcher.fetched),
                "ms": ms,
                "hits": len(want),
                "recall": recall,
                "precision": precision,
                "first_ok": first_ok,
                "total": page.total,
                "exact": page.exact,
            }
        )
        mark = "" if first_ok is None else ("ok" if first_ok else "WRONG")
        print(
            f"{q:<22} {kb:7.1f} {len(searcher.fetched):5d} {ms:7.1f} {len(want):6d} {recall:7.3f} {precision:6.3f}  {mark}"
        )

    def summary(name: str, values: list[float], fmt: str) -> None:
        worst = max(values) if name not in ("recall", "precision") else min(values)
        print(
            f"  {name:<22} median {format(statistics.median(values), fmt)}  p90 "
            f"{format(pct(values, 0.9) if name not in ('recall', 'precision') else pct(values, 0.1), fmt)}  "
            f"worst {format(worst, fmt)}"
        )

    print()
    print(f"summary over {len(rows)} queries")
    summary("kB per query (gzip)", [r["kB"] for r in rows], ".1f")
    summary("files per query", [r["files"] for r in rows], ".0f")
    summary("python ms per query", [r["ms"] for r in rows], ".1f")
    summary("recall", [r["recall"] for r in rows], ".3f")
    summary("precision", [r["precision"] for r in rows], ".3f")
    numbers = [r for r in rows if r["first_ok"] is not None]
    print(f"  number queries with the document first: {sum(r['first_ok'] for r in numbers)}/{len(numbers)}")

    report = {
        "units": len(units),
        "build_s": t_build,
        "raw_bytes": raw_total,
        "gz_bytes": gz_total,
        "shards": stats.shards,
        "files": len(files),
        "queries": rows,
    }
    if args.browser:
        if not Path(CHROMIUM).exists():
            print(f"--browser: {CHROMIUM} not found", file=sys.stderr)
            return 1
        print()
        print(f"{'query':<22} {'first ms':>9} {'kB':>7} {'files':>5} {'results':>7}")
        brows = browser_run(out, [q for q, _ in queries])
        for r in brows:
            print(
                f"{r['q']:<22} {r['first_ms'] or float('nan'):9.0f} {r['gz_bytes'] / 1e3:7.1f} {r['files']:5d} {r['results']:7d}"
            )
        firsts = [r["first_ms"] for r in brows if r["first_ms"]]
        print()
        summary("browser first result ms", firsts, ".0f")
        summary("browser kB per query", [r["gz_bytes"] / 1e3 for r in brows], ".1f")
        report["browser"] = brows
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
