"""The ``govpub`` command line (README: 命令): parse the arguments, call one command, report errors.

The commands themselves live in :mod:`generator.commands`; this module only knows their
arguments. Errors are reported in one place, :func:`main`: a
:class:`~generator.errors.GovpubError` prints its message and exits with its own status (1
refused or findings, 2 usage); anything else is a bug in govpub and exits
:data:`~generator.errors.EXIT_INTERNAL` (70) with a request for a bug report. No Python
traceback reaches a user unless ``GOVPUB_DEBUG=1`` asks for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import re
import sys

from .errors import (
    DEBUG_ENV,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    GovpubError,
    Refused,
    UsageError,
    internal_error_message,
)

__all__ = ["EXIT_OK", "EXIT_FINDINGS", "EXIT_USAGE", "EXIT_INTERNAL", "UsageError", "Refused", "build_parser", "main"]


def _date(text: str) -> dt.date:
    from .corpus.source import MAX_DATE, MIN_DATE

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期，请写成 YYYY-MM-DD，如 2025-03-05") from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise argparse.ArgumentTypeError(
            f"“{text}”超出可用的日期范围（{MIN_DATE.isoformat()} 至 {MAX_DATE.isoformat()}）"
        )
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
    parser.add_argument(
        "--root", metavar="DIR", default=default if suppress else ".", help="语料库根目录（默认当前目录）"
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date,
        default=default,
        help="按哪一天判断日期相关的规则和发布范围（默认今天）",
    )


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
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="输出格式：text 文字（默认）、json、github（合并请求的行内标注）",
    )
    p.add_argument("--strict", action="store_true", help="有警告也以 1 退出")
    p.add_argument("--changed-since", metavar="REF", help="只校验自 git 提交 REF 以来改动的文件")

    p = command("rules", "列出校验规则，或显示一条规则的说明")
    p.add_argument("code", nargs="?", metavar="CODE", help="规则代码，如 N003（不写则列出全部规则）")
    p.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="输出格式：text 文字（默认）、markdown（docs/rules.md 的格式）",
    )

    p = command("diff", "列出自某个 git 提交以来语料的改动（制度版本逐条对照），供合并请求评论使用")
    p.add_argument("--since", required=True, metavar="REF", help="比较的基准，如 origin/main")

    p = command("build", "生成公开网站（MkDocs + Material）")
    p.add_argument("--out", metavar="DIR", default="site", help="输出目录（默认 site）")
    p.add_argument("--no-docx", action="store_true", help="不生成公文的 Word 下载文件（更快）")
    p.add_argument("--full", action="store_true", help="完整生成（默认只重建与上次生成相比有变化的页面，结果相同）")

    p = command("serve", "生成网站并在 127.0.0.1 上预览（修改语料后自动重新生成并刷新）")
    p.add_argument("--port", type=int, default=8000, help="预览用的端口（默认 8000）")
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)

    p = command("export", "导出 Word 文件")
    ex = p.add_subparsers(dest="what", metavar="WHAT", title="导出什么")
    ex.required = True
    e = ex.add_parser(
        "document", help="一件公文，GB/T 9704 版式", description="把一件公文导出为 GB/T 9704 版式的 Word 文件"
    )
    _global_options(e, suppress=True)
    e.add_argument("ref", metavar="NUMBER|PATH", help="公文的发文字号（如 区建发〔2025〕1号）或文件路径")
    e.add_argument("--out", required=True, metavar="FILE.docx", help="要写的 Word 文件")
    e.add_argument("--draft", action="store_true", help="导出仍在核对中（带 review）的公文，每页标注“草稿，待核对”")
    e = ex.add_parser("regulation", help="一项制度的一个版本", description="把一项制度的一个版本导出为 Word 文件")
    _global_options(e, suppress=True)
    e.add_argument("slug", metavar="SLUG", help="制度的文件夹名（regulations/ 下），如 kaoqin")
    e.add_argument(
        "--version", dest="version_date", type=_date, metavar="DATE", help="版本的施行日期 YYYY-MM-DD（默认现行版本）"
    )
    e.add_argument("--out", required=True, metavar="FILE.docx", help="要写的 Word 文件")
    e = ex.add_parser("volume", help="某年度的归档文件（DA/T 22）", description="导出某年度的归档文件（DA/T 22-2015）")
    _global_options(e, suppress=True)
    e.add_argument("--year", required=True, type=int, metavar="YYYY", help="归档年度")
    e.add_argument("--out", required=True, metavar="DIR", help="输出文件夹（须不存在、为空或由 govpub 写过）")
    e.add_argument("--no-pdfa", action="store_true", help="不生成 PDF/A-2b 副本（更快）")

    p = command("report", "生成报告")
    rp = p.add_subparsers(dest="what", metavar="WHAT", title="报告")
    rp.required = True
    a = rp.add_parser(
        "annual",
        help="政府信息公开工作年度报告（国家统一格式），Markdown 和 GB/T 9704 Word 文件",
        description="按国办公开办函〔2021〕30号的格式生成某年度的政府信息公开工作年度报告："
        "公文、制度和政务公开事项的件数从语料库统计，其余数字和文字取自 "
        "content/annual-reports/<年份>.yml。",
    )
    _global_options(a, suppress=True)
    a.add_argument("--year", required=True, type=int, metavar="YYYY", help="报告的年度（须已结束）")
    a.add_argument("--out", metavar="DIR", help="输出文件夹（默认 report-<年度>）")
    command("doctor", "检查本机的运行环境：Python、LibreOffice、中文字体及其替换、Chromium")

    p = command("import", "把已有的公文 Word 文件转为语料文件")
    im = p.add_subparsers(dest="what", metavar="WHAT", title="导入什么")
    im.required = True
    i = im.add_parser(
        "docx",
        help="Word 文件（.docx，装有 LibreOffice 时也可以是 .doc/.wps），或含有它们的文件夹",
        description="把公文 Word 文件（或文件夹中的全部 Word 文件）转为语料文件，从不覆盖已有文件",
    )
    _global_options(i, suppress=True)
    i.add_argument("paths", nargs="+", metavar="PATH", help="要导入的 Word 文件或文件夹（在文件夹中逐层查找）")
    i.add_argument(
        "--out",
        metavar="PATH",
        help="只导入一个文件时：要写的语料文件；导入多个文件时：写入的语料库根目录（默认 --root）",
    )
    i.add_argument("--report", metavar="FILE.md", help="导入报告（Markdown，另在旁边写同名 .csv）")
    i.add_argument("--force-type", metavar="文种", help="按这个文种导入标题不以文种结尾的文件")

    p = command("new", "新建语料文件")
    nw = p.add_subparsers(dest="what", metavar="WHAT", title="新建什么")
    nw.required = True
    n = nw.add_parser(
        "document", help="新公文，自动取下一个空闲文号", description="新建一件公文，自动取该代字今年的下一个空闲文号"
    )
    _global_options(n, suppress=True)
    n.add_argument("--code", required=True, metavar="代字", help="发文机关代字（site.yml 中登记的），如 区建发")
    n.add_argument("--type", required=True, dest="doc_type", metavar="文种", help="文种，如 通知、函、请示")
    n.add_argument("--title", required=True, metavar="标题", help="标题，以文种结尾，如 关于……的通知")
    n.add_argument("--slug", help="文件名（网址的一部分）；默认由标题的拼音生成")
    n.add_argument("--department", help="归档机构（site.yml 中登记的机构）")
    return parser


# -- dispatch ------------------------------------------------------------------------------

#: command → "module:function" in generator.commands (imported when used; sub-commands are
#: the function's to tell apart, from ``args.what``)
COMMANDS = {
    "check": "check:check",
    "rules": "check:rules",
    "diff": "check:diff",
    "build": "build:build",
    "serve": "build:serve",
    "export": "export:export",
    "import": "imports:import_docx",
    "report": "report:annual",
    "new": "new:new",
    "doctor": "doctor:doctor",
}


def _command(name: str):
    module, function = COMMANDS[name].split(":")
    return getattr(importlib.import_module(f".commands.{module}", __package__), function)


def _report_internal_error(exc: BaseException, argv: list[str] | None) -> None:
    from . import __version__

    shown = " ".join(["govpub", *(sys.argv[1:] if argv is None else argv)])
    print(f"govpub: {internal_error_message(exc, shown, __version__)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status (README 退出码). The only error handler."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return int(exc.code or 0)
    if getattr(args, "as_of", None) is None:
        args.as_of = dt.date.today()
    try:
        code = _command(args.command)(args)
    except GovpubError as exc:
        print(f"govpub: {exc.message}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("govpub: 已中断", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last line of defence: a bug, reported without a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        _report_internal_error(exc, argv)
        code = EXIT_INTERNAL
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return code


def run() -> None:  # pragma: no cover - console script entry
    sys.exit(main())
