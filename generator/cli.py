"""The ``govpub`` command line (README: 命令): parse arguments, call one function, map errors to exit codes.

Exit status: 0 success (warnings allowed); 1 the corpus has errors (or, with
``--strict``, warnings), or an export/build refused bad input; 2 usage error or
unreadable root. No Python traceback reaches a user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments or an unreadable root: exit 2."""


class Refused(Exception):
    """A build or export refused bad input: exit 1."""


def _date(text: str) -> dt.date:
    from .corpus.source import MAX_DATE, MIN_DATE

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期，请写成 YYYY-MM-DD，如 2025-03-05") from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise argparse.ArgumentTypeError(
            f"“{text}”超出可用的日期范围（{MIN_DATE.isoformat()} 至 {MAX_DATE.isoformat()}）")
    return day


# -- argparse in Chinese -------------------------------------------------------------------

#: argparse's own messages (Python 3.11) and how govpub says them
_ARGPARSE_MESSAGES = [
    (re.compile(r"^the following arguments are required: (.+)$"), r"缺少必需的参数：\1"),
    (re.compile(r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$"), r"参数 \1 的值 \2 不可用，可选：\3"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: (.+)$"), r"参数 \1 的值 \3 不是有效的 \2"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"参数 \1 后面要写一个值"),
    (re.compile(r"^argument (\S+): (.+)$"), r"参数 \1：\2"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"无法识别的参数：\1"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), r"选项 \1 不明确，可能是：\2"),
]


def _chinese(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its headings, help option and error messages in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：错误：{_chinese(message)}（{self.prog} --help 查看用法）\n")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--root", metavar="DIR", default=default if suppress else ".",
                        help="语料库根目录（默认当前目录）")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", type=_date, default=default,
                        help="按哪一天判断日期相关的规则和发布范围（默认今天）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govpub",
        description="govpub：校验机关的规章制度、公文和政务公开事项，生成网站并导出 Word 文件。",
        epilog="每个命令的选项：govpub 命令 --help，如 govpub check --help。",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"govpub {__version__}", help="显示版本并退出")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")
    sub.required = True

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, suppress=True)
        return p

    p = command("check", "校验语料库（或只校验给定的文件，仍与整个语料库比对）")
    p.add_argument("paths", nargs="*", metavar="PATH", help="只校验这些文件或文件夹（默认校验全部）")
    p.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="输出格式：text 文字（默认）、json、github（合并请求的行内标注）")
    p.add_argument("--strict", action="store_true", help="有警告也以 1 退出")
    p.add_argument("--changed-since", metavar="REF", help="只校验自 git 提交 REF 以来改动的文件")

    p = command("rules", "列出校验规则，或显示一条规则的说明")
    p.add_argument("code", nargs="?", metavar="CODE", help="规则代码，如 N003（不写则列出全部规则）")
    p.add_argument("--format", choices=("text", "markdown"), default="text",
                   help="输出格式：text 文字（默认）、markdown（docs/rules.md 的格式）")

    p = command("diff", "列出自某个 git 提交以来语料的改动（制度版本逐条对照），供合并请求评论使用")
    p.add_argument("--since", required=True, metavar="REF", help="比较的基准，如 origin/main")

    p = command("build", "生成公开网站（MkDocs + Material）")
    p.add_argument("--out", metavar="DIR", default="site", help="输出目录（默认 site）")
    p.add_argument("--no-docx", action="store_true", help="不生成公文的 Word 下载文件（更快）")
    p.add_argument("--full", action="store_true",
                   help="完整生成（默认只重建与上次生成相比有变化的页面，结果相同）")

    p = command("serve", "生成网站并在 127.0.0.1 上预览（修改语料后自动重新生成并刷新）")
    p.add_argument("--port", type=int, default=8000, help="预览用的端口（默认 8000）")
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)

    p = command("export", "导出 Word 文件")
    ex = p.add_subparsers(dest="what", metavar="WHAT", title="导出什么")
    ex.required = True
    e = ex.add_parser("document", help="一件公文，GB/T 9704 版式", description="把一件公文导出为 GB/T 9704 版式的 Word 文件")
    _global_options(e, suppress=True)
    e.add_argument("ref", metavar="NUMBER|PATH", help="公文的发文字号（如 区建发〔2025〕1号）或文件路径")
    e.add_argument("--out", required=True, metavar="FILE.docx", help="要写的 Word 文件")
    e.add_argument("--draft", action="store_true",
                   help="导出仍在核对中（带 review）的公文，每页标注“草稿，待核对”")
    e = ex.add_parser("regulation", help="一项制度的一个版本", description="把一项制度的一个版本导出为 Word 文件")
    _global_options(e, suppress=True)
    e.add_argument("slug", metavar="SLUG", help="制度的文件夹名（regulations/ 下），如 kaoqin")
    e.add_argument("--version", dest="version_date", type=_date, metavar="DATE",
                   help="版本的施行日期 YYYY-MM-DD（默认现行版本）")
    e.add_argument("--out", required=True, metavar="FILE.docx", help="要写的 Word 文件")
    e = ex.add_parser("volume", help="某年度的归档文件（DA/T 22）", description="导出某年度的归档文件（DA/T 22-2015）")
    _global_options(e, suppress=True)
    e.add_argument("--year", required=True, type=int, metavar="YYYY", help="归档年度")
    e.add_argument("--out", required=True, metavar="DIR", help="输出文件夹（须不存在、为空或由 govpub 写过）")
    e.add_argument("--no-pdfa", action="store_true", help="不生成 PDF/A-2b 副本（更快）")

    p = command("report", "生成报告")
    rp = p.add_subparsers(dest="what", metavar="WHAT", title="报告")
    rp.required = True
    a = rp.add_parser("annual", help="政府信息公开工作年度报告（国家统一格式），Markdown 和 GB/T 9704 Word 文件",
                      description="按国办公开办函〔2021〕30号的格式生成某年度的政府信息公开工作年度报告："
                                  "公文、制度和政务公开事项的件数从语料库统计，其余数字和文字取自 "
                                  "content/annual-reports/<年份>.yml。")
    _global_options(a, suppress=True)
    a.add_argument("--year", required=True, type=int, metavar="YYYY", help="报告的年度（须已结束）")
    a.add_argument("--out", metavar="DIR", help="输出文件夹（默认 report-<年度>）")
    command("doctor", "检查本机的运行环境：Python、LibreOffice、中文字体及其替换、Chromium")

    p = command("import", "把已有的公文 Word 文件转为语料文件")
    im = p.add_subparsers(dest="what", metavar="WHAT", title="导入什么")
    im.required = True
    i = im.add_parser("docx", help="Word 文件（.docx，装有 LibreOffice 时也可以是 .doc/.wps），或含有它们的文件夹",
                      description="把公文 Word 文件（或文件夹中的全部 Word 文件）转为语料文件，从不覆盖已有文件")
    _global_options(i, suppress=True)
    i.add_argument("paths", nargs="+", metavar="PATH", help="要导入的 Word 文件或文件夹（在文件夹中逐层查找）")
    i.add_argument("--out", metavar="PATH",
                   help="只导入一个文件时：要写的语料文件；导入多个文件时：写入的语料库根目录（默认 --root）")
    i.add_argument("--report", metavar="FILE.md", help="导入报告（Markdown，另在旁边写同名 .csv）")
    i.add_argument("--force-type", metavar="文种", help="按这个文种导入标题不以文种结尾的文件")

    p = command("new", "新建语料文件")
    nw = p.add_subparsers(dest="what", metavar="WHAT", title="新建什么")
    nw.required = True
    n = nw.add_parser("document", help="新公文，自动取下一个空闲文号", description="新建一件公文，自动取该代字今年的下一个空闲文号")
    _global_options(n, suppress=True)
    n.add_argument("--code", required=True, metavar="代字", help="发文机关代字（site.yml 中登记的），如 区建发")
    n.add_argument("--type", required=True, dest="doc_type", metavar="文种", help="文种，如 通知、函、请示")
    n.add_argument("--title", required=True, metavar="标题", help="标题，以文种结尾，如 关于……的通知")
    n.add_argument("--slug", help="文件名（网址的一部分）；默认由标题的拼音生成")
    n.add_argument("--department", help="归档机构（site.yml 中登记的机构）")
    return parser


# -- commands ---------------------------------------------------------------


def cmd_check(args) -> int:
    from .check import check_root
    from .corpus import CorpusRootError
    from .diagnostics import FORMATTERS

    paths = list(args.paths)
    if args.changed_since:
        from .gitutil import changed_files

        paths += changed_files(args.root, args.changed_since)
        if not paths:
            print("自该提交以来没有改动语料文件。" if args.format == "text" else
                  FORMATTERS[args.format]([], 0))
            return EXIT_OK
    for p in args.paths:
        if not Path(p).exists() and not (Path(args.root) / p).exists():
            raise UsageError(f"找不到要检查的文件：{p}")
    try:
        result = check_root(args.root, args.as_of, paths or None)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(FORMATTERS[args.format](result.diagnostics, result.files))
    if result.errors or (args.strict and result.warnings):
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_rules(args) -> int:
    from .rules import RULES
    from .rules.docs import render_markdown, render_text

    if args.code:
        code = args.code.upper()
        if code not in RULES:
            raise UsageError(f"没有规则 {args.code}：govpub rules 列出全部规则")
        print(render_markdown([RULES[code]]) if args.format == "markdown" else render_text(RULES[code]))
        return EXIT_OK
    if args.format == "markdown":
        print(render_markdown(list(RULES.values())), end="")
    else:
        for r in sorted(RULES.values(), key=lambda r: r.code):
            sev = "错误" if r.severity == "error" else "警告"
            print(f"{r.code}  {sev}  {r.name:<28} {r.summary}")
    return EXIT_OK


def _print_check_failure(exc) -> None:
    from .diagnostics import format_text

    if exc.check is not None:
        print(format_text(exc.check.diagnostics, exc.check.files), file=sys.stderr)


def cmd_build(args) -> int:
    from .corpus import CorpusRootError
    from .site.build import BuildRefused, build_site

    try:
        result = build_site(args.root, args.as_of, args.out, downloads=not args.no_docx,
                            incremental_ok=not args.full)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
    except BuildRefused as exc:
        _print_check_failure(exc)
        raise Refused(str(exc)) from None
    for w in result.warnings:
        print(f"MkDocs 警告：{w}", file=sys.stderr)
    view = result.view
    items = sum(len(p.items) for p in view.postings)
    how = "完整生成" if result.rebuilt is None else f"增量生成，重建 {len(result.rebuilt)} 个页面"
    print(f"网站已生成：{result.out_dir}（{result.pages} 个页面：公文 {len(view.documents)} 件，"
          f"制度 {len(view.regulations)} 项，政务公开 {len(view.postings)} 期 {items} 项；"
          f"按 {args.as_of.isoformat()} 判断发布范围；{how}，用时 {result.timings['total']:.1f} 秒）")
    return EXIT_OK


def cmd_serve(args) -> int:
    from .corpus import CorpusRootError
    from .site.serve import serve

    try:
        return serve(args.root, args.as_of, host=args.host, port=args.port)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None


def cmd_new(args) -> int:
    from .corpus import CorpusRootError, load_corpus
    from .newdoc import NewDocumentError, create_document

    try:
        corpus = load_corpus(args.root)
        made = create_document(corpus, args.code, args.doc_type, args.title, args.as_of,
                               slug=args.slug, department=args.department)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
    except NewDocumentError as exc:
        raise UsageError(str(exc)) from None
    rel = made.path.relative_to(Path(corpus.root)).as_posix()
    print(f"已新建 {rel}，文号 {made.number}。请补全主送机关等信息、写好正文，然后运行 govpub check {rel}")
    return EXIT_OK


def cmd_diff(args) -> int:
    from .corpus import CorpusRootError, load_corpus
    from .gitutil import GitError, _git
    from .prdiff import pull_request_diff, render_markdown

    try:
        corpus = load_corpus(args.root)
        _git(Path(corpus.root), "rev-parse", "--verify", "--quiet", f"{args.since}^{{commit}}")
        diff = pull_request_diff(corpus, args.since)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
    except (GitError, RuntimeError) as exc:
        raise UsageError(f"--since {args.since}：{exc or '不是有效的 git 提交'}") from None
    print(render_markdown(diff))
    return EXIT_OK


def cmd_export(args) -> int:
    from .corpus import CorpusRootError, load_corpus
    from .export import ExportRefused, export_document, export_regulation

    try:
        corpus = load_corpus(args.root)
        if args.what == "document":
            doc = export_document(corpus, args.ref, Path(args.out), args.as_of, draft=args.draft)
            print(f"已导出 {doc.number} {doc.title} → {args.out}"
                  + ("（核对稿，每页标注“草稿，待核对”）" if args.draft else ""))
        elif args.what == "regulation":
            reg, ver = export_regulation(corpus, args.slug, Path(args.out), args.as_of, args.version_date)
            print(f"已导出《{reg.title}》（{ver.effective_on.isoformat()} 施行版本）→ {args.out}")
        else:
            return cmd_volume(args, corpus)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
    except ExportRefused as exc:
        raise Refused(str(exc)) from None
    return EXIT_OK


def cmd_volume(args, corpus) -> int:
    from .check import check_corpus
    from .docx.volume import VolumeError, export_volume

    try:
        result = export_volume(corpus, args.year, Path(args.out),
                               lambda: check_corpus(corpus, args.as_of).diagnostics,
                               pdfa=False if args.no_pdfa else None,
                               progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    except VolumeError as exc:
        raise Refused(str(exc)) from None
    for w in result.warnings:
        print(f"注意：{w}", file=sys.stderr)
    pdf = "，每件另有 PDF/A-2b 副本" if result.pdfa else ""
    print(f"{args.year} 年度归档文件已导出到 {result.out_dir}：{len(result.items)} 件{pdf}，"
          f"目录.docx、manifest.csv、manifest.json（用时 {result.timings.get('total', 0):.1f} 秒）")
    return EXIT_OK


def cmd_import(args) -> int:
    from .corpus import CorpusRootError, load_corpus
    from .importer import ImportRefused, import_paths
    from .importer.batch import STATUS_CN, write_report

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise UsageError(f"找不到 {p}")
    try:
        corpus = load_corpus(args.root)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
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
        print(f"[{k}/{total}] {result.shown} {STATUS_CN.get(result.status, result.status)}{where}{why}",
              file=sys.stderr, flush=True)

    try:
        batch = import_paths(paths, root, out=out, force_type=args.force_type, progress=progress)
    except ImportRefused as exc:
        raise Refused(str(exc)) from None
    counts = "，".join(f"{STATUS_CN[s]} {batch.count(s)} 个" for s in STATUS_CN if batch.count(s))
    print(f"共 {len(batch.results)} 个文件：{counts}（用时 {batch.seconds:.1f} 秒）。"
          "导入的文件带有 review 标记，核对无误后删去它才会发布；运行 govpub check 查看待核对的文件（I001）")
    if single and batch.results and batch.results[0].status == "imported":
        for note in batch.results[0].review[1:]:
            print(f"  请检查：{note}")
    if report is not None:
        try:
            md, csv_path = write_report(batch, root, report)
        except ImportRefused as exc:
            raise Refused(str(exc)) from None
        print(f"导入报告：{md}（逐项明细另见 {csv_path}）")
    failed = batch.count("error") + (batch.count("not-gongwen") if single else 0)
    if failed:
        bad = [r for r in batch.results if r.status == "error" or (single and r.status == "not-gongwen")]
        raise Refused("；".join(f"{r.shown}：{r.message}" for r in bad[:5])
                      + (f" 等 {len(bad)} 个文件没有导入" if len(bad) > 5 else ""))
    return EXIT_OK


def cmd_report(args) -> int:
    from .corpus import CorpusRootError, load_corpus
    from .report import ReportError, export_annual

    out = Path(args.out or f"report-{args.year}")
    try:
        corpus = load_corpus(args.root)
        report, written = export_annual(corpus, args.year, out, args.as_of)
    except CorpusRootError as exc:
        raise UsageError(str(exc)) from None
    except ReportError as exc:
        raise Refused(str(exc)) from None
    print(f"已生成《{report.title}》：" + "、".join(str(p) for p in written))
    print(f"  统计自语料库：公文 {report.documents_total} 件，政务公开事项 {report.items_total} 项，"
          f"规章制度新制定或修订 {report.regulations.made} 件、废止 {report.regulations.repealed} 件、"
          f"年末现行有效 {report.regulations.in_force} 件")
    return EXIT_OK
def cmd_doctor(args) -> int:
    from .doctor import run

    return run()


def cmd_not_yet(args) -> int:
    raise UsageError(f"govpub {args.command} 在此版本中尚不可用")


COMMANDS = {"check": cmd_check, "rules": cmd_rules, "build": cmd_build, "serve": cmd_serve,
            "new": cmd_new, "diff": cmd_diff, "export": cmd_export,
            "import": cmd_import, "report": cmd_report, "doctor": cmd_doctor}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return int(exc.code or 0)
    if getattr(args, "as_of", None) is None:
        args.as_of = dt.date.today()
    handler = COMMANDS.get(args.command, cmd_not_yet)
    from .outputs import OutputRefused

    try:
        code = handler(args)
    except OutputRefused as exc:  # a place no command may write: a usage error
        print(f"govpub: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    except UsageError as exc:
        print(f"govpub: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    except Refused as exc:
        print(f"govpub: {exc}", file=sys.stderr)
        code = EXIT_FINDINGS
    except KeyboardInterrupt:
        print("govpub: 已中断", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last line of defence: no tracebacks for users
        print(f"govpub: 内部错误（{type(exc).__name__}: {exc}）。请把命令和这条信息报告给维护者；"
              "设置环境变量 GOVPUB_DEBUG=1 可看到详细信息。", file=sys.stderr)
        if os.environ.get("GOVPUB_DEBUG"):
            raise
        code = EXIT_USAGE
    sys.stdout.flush()
    return code


def run() -> None:  # pragma: no cover - console script entry
    sys.exit(main())
