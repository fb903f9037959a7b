#!/usr/bin/env python3
"""The documents index (/documents/) at scale: page weight and time to the first filtered result.

    .venv/bin/python bench/catalog_bench.py [--documents 10000] [--corpus ROOT | --site DIR]
        [--runs 5] [--keep DIR] [--json FILE]

Writes a synthetic corpus (testkit.synth, seed 0, as bench/run does) unless --corpus or an
already built --site is given, builds its site without Word downloads, serves it on 127.0.0.1
and opens /documents/ in headless Chromium (fresh context per run, cold cache):

* page weight: every file the browser fetched to show the page and its unfiltered list
  (HTML, style sheets, scripts, the catalog's index and the newest year), raw and gzip-compressed
  (what a server that compresses would send; the bench's own server does not compress);
* the catalog files: index size, per-year file sizes (median / largest), raw and gzip;
* time to first filter: from navigation to the first rendered result for an address with a
  filter (``?type=<文种>``, the most frequent and the rarest 文种, and a 主题), median / slowest
  over --runs, and the time until that filter's list is complete; and from choosing a 文种 in the
  select (page already loaded) to its first result.

Prints one line per figure and, with --json, writes them all.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def kb(n: float) -> str:
    return f"{n / 1024:.1f} kB"


def build(args, work: Path) -> Path:
    from generator.commands.sitebuild import build_checked
    from testkit.synth import AS_OF, synth_corpus

    if args.site:
        return Path(args.site)
    root = Path(args.corpus) if args.corpus else work / "corpus"
    if not args.corpus:
        t = time.perf_counter()
        synth_corpus(
            root,
            documents=args.documents,
            regulations=round(0.03 * args.documents),
            disclosure_items=round(0.2 * args.documents),
            seed=0,
        )
        print(f"corpus: {args.documents} documents written in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    result = build_checked(root, AS_OF, work / "site", downloads=False, incremental_ok=False)
    print(f"site: {result.pages} pages built in {time.perf_counter() - t:.1f} s", flush=True)
    return result.out_dir


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    index = json.loads((site / "documents/catalog/index.json").read_text(encoding="utf-8"))
    years = [p for p in (site / "documents/catalog").glob("*.json") if p.name != "index.json"]
    sizes = sorted(p.stat().st_size for p in years)
    gz_sizes = sorted(gz(p.read_bytes()) for p in years)
    out = {
        "documents": sum(y["count"] for y in index["years"]),
        "years": len(years),
        "html_bytes": (site / "documents/index.html").stat().st_size,
        "html_gzip": gz((site / "documents/index.html").read_bytes()),
        "index_bytes": (site / "documents/catalog/index.json").stat().st_size,
        "index_gzip": gz((site / "documents/catalog/index.json").read_bytes()),
        "year_bytes_median": statistics.median(sizes),
        "year_bytes_max": sizes[-1],
        "year_gzip_median": statistics.median(gz_sizes),
        "year_gzip_max": gz_sizes[-1],
        "catalog_bytes_total": sum(sizes),
        "catalog_gzip_total": sum(gz_sizes),
    }
    counts: dict[str, int] = {}
    for path in years:
        for row in json.loads(path.read_text(encoding="utf-8"))["docs"]:
            counts[index["types"][row[3]]] = counts.get(index["types"][row[3]], 0) + 1
    common = max(counts, key=counts.get) if counts else ""
    rare = min(counts, key=counts.get) if counts else ""
    topic = index["topics"][len(index["topics"]) // 2] if index["topics"] else ""

    handler = partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    done = "() => document.getElementById('gp-catalog').dataset.state === 'done'"
    first = "() => document.querySelector('.gp-catalog__item') !== null"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            # page weight: everything fetched for the unfiltered page
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            fetched: list[tuple[str, bytes]] = []
            page.on("response", lambda r: fetched.append((r.url, r.body())) if r.ok else None)
            page.goto(base + "documents/")
            page.wait_for_function(done)
            page.wait_for_load_state("networkidle")
            context.close()
            out["page_files"] = len(fetched)
            out["page_bytes"] = sum(len(b) for _, b in fetched)
            out["page_gzip"] = sum(gz(b) for _, b in fetched)
            out["page_catalog_bytes"] = sum(len(b) for u, b in fetched if "/catalog/" in u)

            def timed(query: str) -> tuple[float, float, int]:
                context = browser.new_context(locale="zh-CN")
                page = context.new_page()
                t0 = time.perf_counter()
                page.goto(base + "documents/" + query, wait_until="commit")
                page.wait_for_function(first, polling=10)
                t_first = time.perf_counter() - t0
                page.wait_for_function(done, polling=10)
                t_done = time.perf_counter() - t0
                n = page.locator(".gp-catalog__item").count()
                context.close()
                return t_first * 1000, t_done * 1000, n

            for name, query in (
                ("common_type", f"?type={common}"),
                ("rare_type", f"?type={rare}"),
                ("topic", f"?topic={topic}"),
            ):
                samples = [timed(query) for _ in range(runs)]
                out[f"{name}_query"] = query
                out[f"{name}_first_ms_median"] = statistics.median(s[0] for s in samples)
                out[f"{name}_first_ms_max"] = max(s[0] for s in samples)
                out[f"{name}_done_ms_median"] = statistics.median(s[1] for s in samples)
                out[f"{name}_shown"] = samples[0][2]

            # choosing a 文种 on the loaded page
            samples = []
            for _ in range(runs):
                context = browser.new_context(locale="zh-CN")
                page = context.new_page()
                page.goto(base + "documents/")
                page.wait_for_function(done)
                t0 = time.perf_counter()
                page.select_option("select[name=type]", rare)
                page.wait_for_function(
                    "t => { const m = document.querySelector('.gp-catalog__meta'); return m && m.textContent.includes(t); }",
                    arg=rare,
                    polling=10,
                )
                samples.append((time.perf_counter() - t0) * 1000)
                context.close()
            out["select_first_ms_median"] = statistics.median(samples)
            out["select_first_ms_max"] = max(samples)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=10000)
    ap.add_argument("--corpus", help="an existing corpus root to build instead of a synthetic one")
    ap.add_argument("--site", help="an already built site to measure (skips the build)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", help="keep the corpus and site in this folder")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"needs Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govpub-catalog-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        load = os.getloadavg()[0]
        site = build(args, work)
        fig = measure(site, args.runs)
        fig["load_before"] = load
        fig["load_after"] = os.getloadavg()[0]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"documents {fig['documents']} in {fig['years']} years")
    print(
        f"/documents/ page weight: {fig['page_files']} files, {kb(fig['page_bytes'])} raw, "
        f"{kb(fig['page_gzip'])} gzip (HTML {kb(fig['html_bytes'])} raw / {kb(fig['html_gzip'])} gzip; "
        f"catalog files fetched {kb(fig['page_catalog_bytes'])} raw)"
    )
    print(
        f"catalog: index {kb(fig['index_bytes'])} raw / {kb(fig['index_gzip'])} gzip; one year median "
        f"{kb(fig['year_gzip_median'])} gzip, largest {kb(fig['year_gzip_max'])} gzip; all years "
        f"{kb(fig['catalog_gzip_total'])} gzip"
    )
    for name in ("common_type", "rare_type", "topic"):
        print(
            f"time to first filtered result, {fig[name + '_query']}: median {fig[name + '_first_ms_median']:.0f} ms, "
            f"slowest {fig[name + '_first_ms_max']:.0f} ms (first page of 50 complete {fig[name + '_done_ms_median']:.0f} ms)"
        )
    print(
        f"choosing a 文种 on the loaded page: first result median {fig['select_first_ms_median']:.0f} ms, "
        f"slowest {fig['select_first_ms_max']:.0f} ms"
    )
    print(f"load average {fig['load_before']:.2f} before, {fig['load_after']:.2f} after ({os.cpu_count()} CPUs)")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
