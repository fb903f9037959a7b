"""``--help`` of every command and subcommand is in Chinese, argparse's own headings and
messages included, and every option and argument says what it is for."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

from generator.cli import build_parser

ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help",
    "show program's version",
    "error:",
)


def all_parsers(parser: argparse.ArgumentParser, path=("govpub",)):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from all_parsers(sub, (*path, name))


def test_every_help_text_is_chinese_and_every_option_is_described():
    parsers = list(all_parsers(build_parser()))
    assert len(parsers) >= 15
    for path, parser in parsers:
        text = parser.format_help()
        assert text.startswith("用法："), path
        assert not [w for w in ENGLISH if w in text], (path, text)
        assert re.search(r"[\u4e00-\u9fff]", parser.description or ""), f"{' '.join(path)} has no description"
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
                continue
            assert action.help and re.search(r"[\u4e00-\u9fff]", action.help), (
                f"{' '.join(path)} {action.option_strings or action.dest}: no description"
            )


def test_usage_errors_are_explained_in_chinese():
    proc = subprocess.run([sys.executable, "-m", "generator", "report", "annual"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "缺少必需的参数：--year" in proc.stderr and "required" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "xml"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "不可用，可选" in proc.stderr and "invalid choice" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("用法：govpub")
