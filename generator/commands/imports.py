"""``govpub import docx``: existing Word files into corpus files (never overwriting one)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_OK, Refused, UsageError
from . import load


def import_docx(args) -> int:
    from ..importer import import_paths
    from ..importer.batch import STATUS_CN, write_report

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise UsageError(f"找不到 {p}")
    corpus = load(args.root)
    root = Path(corpus.root)
    single = len(paths) == 1 and paths[0].is_file()
    out = Path(args.out) if args.out and single else None
    if args.out and not single:
        root = Path(args.out)
    report = Path(args.report) if args.report else None
    if report is not None and (report.exists() or report.with_suffix(".csv").exists()):
        raise UsageError(f"{report} 或同名 .csv 已存在：报告不会覆盖已有文件")

    def progress(k: int, total: int, result) -> None:
        where = ""
        if result.path is not None:
            try:
                where = " → " + result.path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                where = f" → {result.path}"
        why = f"：{result.message}" if result.message and result.status != "imported" else ""
        print(
            f"[{k}/{total}] {result.shown} {STATUS_CN.get(result.status, result.status)}{where}{why}",
            file=sys.stderr,
            flush=True,
        )

    batch = import_paths(paths, root, out=out, force_type=args.force_type, progress=progress)
    counts = "，".join(f"{STATUS_CN[s]} {batch.count(s)} 个" for s in STATUS_CN if batch.count(s))
    print(
        f"共 {len(batch.results)} 个文件：{counts}（用时 {batch.seconds:.1f} 秒）。"
        "导入的文件带有 review 标记，核对无误后删去它才会发布；运行 govpub check 查看待核对的文件（I001）"
    )
    if single and batch.results and batch.results[0].status == "imported":
        for note in batch.results[0].review[1:]:
            print(f"  请检查：{note}")
    if report is not None:
        md, csv_path = write_report(batch, root, report)
        print(f"导入报告：{md}（逐项明细另见 {csv_path}）")
    failed = batch.count("error") + (batch.count("not-gongwen") if single else 0)
    if failed:
        bad = [r for r in batch.results if r.status == "error" or (single and r.status == "not-gongwen")]
        raise Refused(
            "；".join(f"{r.shown}：{r.message}" for r in bad[:5])
            + (f" 等 {len(bad)} 个文件没有导入" if len(bad) > 5 else "")
        )
    return EXIT_OK
