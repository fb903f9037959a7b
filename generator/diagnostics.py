"""Findings of ``govpub check`` and the three ways of printing them (format described in the README)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs. The values are the ``severity`` of ``--format json`` (SPEC §5)."""

    ERROR = "error"
    WARNING = "warning"
    #: a finding the file accepts as adopted (SPEC §7.2): reported, never counted as an error
    ACKNOWLEDGED = "acknowledged"


ERROR = Severity.ERROR
WARNING = Severity.WARNING
ACKNOWLEDGED = Severity.ACKNOWLEDGED


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    code: str
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        # a severity written as a plain string ("error") becomes the member; an unknown one is refused
        if type(self.severity) is not Severity:
            object.__setattr__(self, "severity", Severity(self.severity))

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def sort_key(d: Diagnostic) -> tuple[str, int, str, str]:
    return (d.path, d.line, d.code, d.message)


def summary(diags: list[Diagnostic], files: int) -> dict[str, int]:
    return {
        "files": files,
        "errors": sum(1 for d in diags if d.severity == ERROR),
        "warnings": sum(1 for d in diags if d.severity == WARNING),
        "acknowledged": sum(1 for d in diags if d.severity == ACKNOWLEDGED),
    }


_SEVERITY_CN = {ERROR: "错误", WARNING: "警告", ACKNOWLEDGED: "已确认"}


def format_text(diags: list[Diagnostic], files: int) -> str:
    lines = [f"{d.path}:{d.line}: {d.code} {_SEVERITY_CN.get(d.severity, d.severity)}: {d.message}" for d in diags]
    s = summary(diags, files)
    if diags:
        acked = f"，{s['acknowledged']} 个已确认" if s["acknowledged"] else ""
        lines.append(
            f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告{acked}。"
            " 各规则的说明：govpub rules CODE"
        )
    else:
        lines.append(f"检查了 {s['files']} 个文件：没有发现问题。")
    return "\n".join(lines)


def format_json(diags: list[Diagnostic], files: int) -> str:
    return json.dumps(
        {"diagnostics": [d.as_dict() for d in diags], "summary": summary(diags, files)},
        ensure_ascii=False,
        indent=2,
    )


def _escape_property(value: str) -> str:
    # GitHub workflow-command escaping for property values
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


#: GitHub annotation level per severity: an acknowledged finding is a notice
_GITHUB_LEVEL = {ERROR: "error", WARNING: "warning", ACKNOWLEDGED: "notice"}


def format_github(diags: list[Diagnostic], files: int) -> str:
    lines = [
        f"::{_GITHUB_LEVEL.get(d.severity, 'notice')} file={_escape_property(d.path)},line={d.line}::"
        f"{_escape_data(d.code + (' 已确认 ' if d.severity == ACKNOWLEDGED else ' ') + d.message)}"
        for d in diags
    ]
    s = summary(diags, files)
    lines.append(f"govpub check: {s['files']} files, {s['errors']} errors, {s['warnings']} warnings")
    return "\n".join(lines)


FORMATTERS: dict[str, Callable[[list[Diagnostic], int], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
