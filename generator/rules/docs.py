"""Rendering the rule catalogue for ``govpub rules`` and ``docs/rules.md``."""

from __future__ import annotations

from ..diagnostics import Severity
from .registry import Rule

SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def render_text(r: Rule) -> str:
    return "\n".join(
        [
            f"{r.code} {r.name}（{SEVERITY_LABEL[r.severity]}）",
            r.summary,
            "",
            "为什么：",
            r.why,
            "",
            "错误的写法：",
            _indent(r.wrong),
            "",
            "正确的写法：",
            _indent(r.right),
        ]
    )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _fence(text: str) -> str:
    return "```text\n" + text + "\n```"


def render_table(rules: list[Rule], link_prefix: str = "") -> list[str]:
    """The catalogue as a Markdown table (also embedded in the README)."""
    out = ["| 代码 | 级别 | 名称 | 说明 |", "|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.code):
        out.append(
            f"| [{r.code}]({link_prefix}#{r.code.lower()}) | {SEVERITY_LABEL[r.severity]} | `{r.name}` | {r.summary} |"
        )
    return out


def render_markdown(rules: list[Rule]) -> str:
    rules = sorted(rules, key=lambda r: r.code)
    out = [
        "# 校验规则一览",
        "",
        "`govpub check` 的每条发现都带有一个规则代码。本页由 `govpub rules --format markdown` 生成，"
        "与程序中的规则定义一致。",
        "",
        *render_table(rules),
    ]
    out.append("")
    for r in rules:
        out += [
            f"## {r.code}",
            "",
            f"**{r.summary}**（`{r.name}`，{SEVERITY_LABEL[r.severity]}）",
            "",
            r.why,
            "",
            "错误的写法：",
            "",
            _fence(r.wrong),
            "",
            "正确的写法：",
            "",
            _fence(r.right),
            "",
        ]
    return "\n".join(out)
