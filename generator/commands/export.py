"""``govpub export document|regulation|volume``: find the item, refuse bad input once, write atomically."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..check import refuse_on_errors
from ..errors import EXIT_OK, Refused
from ..model import Corpus, Document, Regulation, Version
from ..outputs import Output
from ..text.docnumber import normalise_doc_number
from . import load


class ExportRefused(Refused):
    """The item cannot be exported as asked (the message says why and what to do)."""


def find_document(corpus: Corpus, ref: str) -> Document:
    """A document by its file path (relative to the root or the cwd) or by its number."""
    root = Path(corpus.root)
    for candidate in (Path(ref), root / ref):
        if candidate.is_file():
            rel = candidate.resolve().relative_to(root).as_posix() if candidate.resolve().is_relative_to(root) else None
            doc = next((d for d in corpus.documents if d.path == rel), None)
            if doc is None:
                raise ExportRefused(f"{ref} 不是语料库中的公文文件（应在 content/documents/<年>/ 下）")
            return doc
    number = normalise_doc_number(ref)
    if number is None:
        raise ExportRefused(f"“{ref}”既不是公文文件，也不是可识别的发文字号（如 区建发〔2025〕12号）")
    matches = [d for d in corpus.documents if d.number == number]
    if not matches:
        raise ExportRefused(f"语料库中没有文号为 {number} 的公文")
    if len(matches) > 1:
        raise ExportRefused(f"文号 {number} 对应多个文件（{'、'.join(d.path for d in matches)}）：请用文件路径指定")
    return matches[0]


def attachment_paths(doc: Document) -> set[str]:
    """The attachment files a document's export reads (their findings stop the export too)."""
    return {a.file for a in doc.attachments if a.file}


def _refuse_on_errors(corpus: Corpus, as_of: dt.date, paths: set[str]) -> None:
    refuse_on_errors(corpus, as_of, subject="要导出的内容", consequence="没有导出", targets=paths, error=ExportRefused)


def export_document(corpus: Corpus, ref: str, out: Path, as_of: dt.date, *, draft: bool = False) -> Document:
    """Write one document as GB/T 9704 DOCX. A document that still carries ``review`` (SPEC
    §7.1) is refused unless ``draft``; the draft then carries the mark 「草稿，待核对」."""
    from ..docx import write_document

    target = Output.file(out, corpus.root)
    doc = find_document(corpus, ref)
    if doc.is_register_entry:
        raise ExportRefused(f"{doc.number} 是{doc.classification}文件的登记条目：仓库中没有其正文，不能导出")
    if doc.review and not draft:
        what = "；".join(doc.review)
        raise ExportRefused(
            f"{doc.path} 还在核对中（review：{what}），不能导出为正式文件：核对无误后删去 review；"
            "确需导出核对稿时加 --draft（每页带“草稿，待核对”标记）"
        )
    _refuse_on_errors(corpus, as_of, {doc.path} | attachment_paths(doc) | {"content/site.yml"})
    target.write(lambda tmp: write_document(doc, corpus.agency, tmp, corpus_root=Path(corpus.root), draft=draft))
    return doc


def pick_version(reg: Regulation, as_of: dt.date, wanted: dt.date | None) -> Version:
    """The version asked for (by its effective date), or the one in force on ``as_of``."""
    dated = [(v.effective_on, v) for v in reg.versions if v.effective_on is not None]
    if not dated:
        raise ExportRefused(f"制度 {reg.slug} 没有可用的版本")
    if wanted is not None:
        match = next((v for day, v in dated if day == wanted), None)
        if match is None:
            have = "、".join(day.isoformat() for day, _ in dated)
            raise ExportRefused(f"制度 {reg.slug} 没有 {wanted.isoformat()} 施行的版本，现有：{have}")
        return match
    in_force = [(day, v) for day, v in dated if day <= as_of]
    return max(in_force or dated, key=lambda pair: pair[0])[1]


def export_regulation(
    corpus: Corpus, slug: str, out: Path, as_of: dt.date, version: dt.date | None = None
) -> tuple[Regulation, Version]:
    """Write one version of a regulation as DOCX."""
    from ..docx import write_regulation

    target = Output.file(out, corpus.root)
    reg = corpus.regulations.get(slug)
    if reg is None:
        known = "、".join(sorted(corpus.regulations)) or "（尚无制度）"
        raise ExportRefused(f"没有制度 {slug}，可选：{known}")
    ver = pick_version(reg, as_of, version)
    paths = {ver.path, "content/site.yml"} | ({reg.source.path} if reg.source else set())
    _refuse_on_errors(corpus, as_of, paths)
    target.write(lambda tmp: write_regulation(reg, ver, corpus.agency, tmp))
    return reg, ver


def export(args) -> int:
    """``govpub export document|regulation|volume``."""
    corpus = load(args.root)
    if args.what == "document":
        doc = export_document(corpus, args.ref, Path(args.out), args.as_of, draft=args.draft)
        print(
            f"已导出 {doc.number} {doc.title} → {args.out}"
            + ("（核对稿，每页标注“草稿，待核对”）" if args.draft else "")
        )
    elif args.what == "regulation":
        reg, ver = export_regulation(corpus, args.slug, Path(args.out), args.as_of, args.version_date)
        print(f"已导出《{reg.title}》（{ver.effective_on} 施行版本）→ {args.out}")
    else:
        return volume(args, corpus)
    return EXIT_OK


def volume(args, corpus: Corpus) -> int:
    """The year's archive volume (DA/T 22). The check is passed in, not run here: the volume
    first repairs an interrupted export and vets its folder, then calls it and refuses on the
    errors that concern its year."""
    from ..check import check_corpus
    from ..docx.volume import export_volume

    result = export_volume(
        corpus,
        args.year,
        Path(args.out),
        lambda: check_corpus(corpus, args.as_of).diagnostics,
        pdfa=False if args.no_pdfa else None,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    for w in result.warnings:
        print(f"注意：{w}", file=sys.stderr)
    pdf = "，每件另有 PDF/A-2b 副本" if result.pdfa else ""
    print(
        f"{args.year} 年度归档文件已导出到 {result.out_dir}：{len(result.items)} 件{pdf}，"
        f"目录.docx、manifest.csv、manifest.json（用时 {result.timings.get('total', 0):.1f} 秒）"
    )
    return EXIT_OK
