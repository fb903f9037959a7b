"""Every sample document and regulation version, rendered under each font setup, checked and
measured: the table of document × setup → pass, with the key measurements.

    .venv/bin/python bench/render_matrix.py [--root DIR] [--setups noto,noto-latin,...] [--md FILE]

Font setups: testkit/fontsetups.py (FONTCONFIG_FILE pointing at a generated fonts.conf that
lists only those fonts; govpub's font map laid over it, as for every LibreOffice call). For each
document the checks are those of tests/docx/test_render_documents.py, per document:

* ``版记``  the last 版记 rule's distance from the bottom of the text block (mm; GB/T 9704
  cl. 7.4.1: 0, pass within 1.5 mm); for a 函, the 抄送 line's bottom within 15 mm of it;
* ``页码``  the page number's 一字线 (its ink) below the text block (mm; cl. 7.5: 7, pass within 0.5);
* ``署名``  the 署名 never opens a page (it stays with the last lines of the body, cl. 7.3.5);
* ``版记页`` a 版记 alone on its page is on an even page, unnumbered, after a blank page when the
  text ends on an even page (cl. 7.5);
* ``左边``  3号 text starts 28 mm from the left edge on full pages (cl. 5.2.2);
* pages: LibreOffice's page count, which must equal the PDF's.

Prints a Markdown table (and writes it to --md) and a summary; exit 1 when any check fails.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # generator and testkit

from generator.corpus.loader import load_corpus  # noqa: E402
from generator.docx import write_document, write_regulation  # noqa: E402
from generator.docx.render_check import MM, ink_rows, measure_pdf  # noqa: E402
from generator.office.libreoffice import Job, Office, soffice_path  # noqa: E402
from testkit.fontsetups import BY_NAME, SETUPS, make_config  # noqa: E402

LEFT, TOP, BOTTOM = 28 * MM, 37 * MM, (37 + 225) * MM
NUMBER_RE = re.compile(r"—(\d+)—")


def text_lines(page):
    return [ln for ln in page.lines if not NUMBER_RE.fullmatch(ln.visible) and TOP - 3 <= ln.top <= BOTTOM + 3]


def page_number(page):
    found = [ln for ln in page.lines if NUMBER_RE.fullmatch(ln.visible)]
    return found[0] if found else None


def kind(page) -> str:
    lines = text_lines(page)
    if not lines:
        return "blank"
    return "colophon" if all(ln.size < 15 for ln in lines) else "text"


def check(item: dict, pdf: Path, pages: int) -> dict:
    """Measurements and failures of one rendered file."""
    report = measure_pdf(pdf)
    doc, agency = item.get("doc"), item["agency"]
    out: dict = {"pages": report.page_count, "fail": []}
    fail = out["fail"]
    if pages != report.page_count:
        fail.append(f"页数 {pages}≠PDF {report.page_count}")
    for page in report.pages:
        if abs(page.width - 595.3) > 1 or abs(page.height - 841.9) > 1:
            fail.append(f"第{page.number}页不是A4")
        body = [ln for ln in text_lines(page) if abs(ln.size - 16) < 0.5]
        if len(body) >= 8 and abs(min(ln.x0 for ln in body) - LEFT) > 1 * MM:
            fail.append(f"第{page.number}页左边 {min(ln.x0 for ln in body) / MM:.1f}mm")
    numbered = [p for p in report.pages if page_number(p)]
    if numbered:
        p = numbered[0]
        dash = page_number(p).chars[0]
        ink = ink_rows(pdf, p.number, (dash.x0, dash.top - 6, dash.x1, dash.bottom + 6))
        if ink is None:
            fail.append("页码没有墨迹")
        else:
            out["dash_mm"] = (ink[0] - BOTTOM) / MM
            if abs(out["dash_mm"] - 7) > 0.5:
                fail.append(f"一字线 {out['dash_mm']:.2f}mm")
    if doc is None:  # a regulation version
        return out
    last = report.pages[-1]
    if doc.doc_type == "函":
        cc = last.find("抄送：")
        if doc.cc:
            if cc is None:
                fail.append("没有抄送")
            else:
                out["colophon_mm"] = (BOTTOM - cc.bottom) / MM
                if cc.bottom < BOTTOM - 15 * MM:
                    fail.append("抄送不在页面底部")
    elif not doc.is_register_entry or doc.cc or doc.printed_by or agency.printed_by:
        rules = [r for r in last.rules if not r.is_red and r.width > 150 * MM and r.thickness > 0.6]
        if len(rules) < 2:
            fail.append("末页没有版记分隔线")
        else:
            out["colophon_mm"] = (rules[-1].bottom - BOTTOM) / MM
            if abs(out["colophon_mm"]) > 1.5:
                fail.append(f"版记末线 {out['colophon_mm']:+.1f}mm")
    kinds = [kind(p) for p in report.pages]
    if len(kinds) > 1 and kinds[-1] == "colophon" and kinds[-2] != "colophon":
        out["alone"] = True
        last_text = max((i for i, k in enumerate(kinds) if k == "text"), default=0) + 1
        want = last_text + 1 if last_text % 2 else last_text + 2
        if report.page_count != want or any(page_number(p) for p in report.pages[last_text:]):
            fail.append(f"单独的版记页 {kinds}")
    if doc.doc_type != "纪要" and not doc.is_register_entry:
        issuer = doc.issuer or agency.agency
        for page in report.pages:
            lines = text_lines(page)
            idx = [i for i, ln in enumerate(lines) if ln.visible == issuer]
            if idx:
                if not [ln for ln in lines[: idx[-1]] if abs(ln.size - 16) < 0.5]:
                    fail.append(f"署名独占第{page.number}页")
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=str(ROOT))
    ap.add_argument("--setups", default=",".join(s.name for s in SETUPS))
    ap.add_argument("--md", default=None, help="also write the table to this file")
    args = ap.parse_args(argv)
    if soffice_path() is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    corpus = load_corpus(args.root)
    work = Path(tempfile.mkdtemp(prefix="govpub-matrix-"))
    items: dict[str, dict] = {}
    for doc in corpus.documents:
        path = work / f"doc-{doc.slug}.docx"
        write_document(doc, corpus.agency, path, corpus_root=corpus.root)
        items[doc.slug] = {
            "path": path,
            "doc": doc,
            "agency": corpus.agency,
            "label": f"{doc.doc_type} {doc.slug}" + ("（附件）" if doc.attachments else ""),
        }
    for slug, reg in corpus.regulations.items():
        for v in reg.versions:
            path = work / f"reg-{slug}-{v.file_date}.docx"
            write_regulation(reg, v, corpus.agency, path)
            items[f"reg:{slug}:{v.file_date}"] = {
                "path": path,
                "agency": corpus.agency,
                "label": f"制度 {slug} {v.file_date}",
            }
    setups = [BY_NAME[n] for n in args.setups.split(",")]
    results: dict[str, dict[str, dict]] = {}
    timing: dict[str, float] = {}

    def run(setup):
        try:
            conf = make_config(setup, work / "fonts")
        except LookupError as exc:
            return setup.name, str(exc), 0.0
        t = time.perf_counter()
        keys = list(items)
        jobs = [Job(k, items[k]["path"].resolve(), work / setup.name / f"{i:03d}.pdf") for i, k in enumerate(keys)]
        (work / setup.name).mkdir(exist_ok=True)
        with Office(fonts=str(conf), lanes=1) as office:
            res = office.run(jobs)
        render = time.perf_counter() - t
        return setup.name, {j.key: check(items[j.key], j.pdf, res[j.key].pages) for j in jobs}, render

    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, got, seconds in pool.map(run, setups):
            results[name] = got
            timing[name] = seconds

    names = [s.name for s in setups]
    head = "| 文件 | " + " | ".join(names) + " |"
    lines = [head, "|" + "---|" * (len(names) + 1)]
    failures = 0
    for key, item in items.items():
        cells = []
        for n in names:
            got = results[n]
            if isinstance(got, str):
                cells.append("跳过")
                continue
            r = got[key]
            parts = [f"{r['pages']}页"]
            if "colophon_mm" in r:
                parts.append(f"版记{r['colophon_mm']:+.1f}")
            if "dash_mm" in r:
                parts.append(f"页码{r['dash_mm']:.1f}")
            if r.get("alone"):
                parts.append("版记另页")
            mark = "✓" if not r["fail"] else "✗ " + "；".join(r["fail"])
            failures += bool(r["fail"])
            cells.append(f"{mark} " + " ".join(parts))
        lines.append(f"| {item['label']} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    checked = sum(len(r) for r in results.values() if not isinstance(r, str))
    summary = f"\n{len(items)} files × {len(names)} setups: {checked - failures} of {checked} pass; " + "; ".join(
        f"{n}: {timing[n]:.0f} s render" if not isinstance(results[n], str) else f"{n}: {results[n]}" for n in names
    )
    print(summary)
    if args.md:
        Path(args.md).write_text(
            "# Rendered layout checks under four font setups\n\n"
            "`bench/render_matrix.py` (mm: 版记 = last 版记 rule − bottom of the text block, or for a 函 the 抄送 "
            "line's distance above it; 页码 = the 一字线's ink below the text block).\n\n"
            + table
            + "\n"
            + summary
            + "\n",
            encoding="utf-8",
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
