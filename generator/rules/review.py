"""I001 and K001: files waiting for an editor, and acknowledgements that no longer match.

``review`` (SPEC §7.1) keeps an imported or drafted file off the public site until an editor has
checked it; ``acknowledged`` (SPEC §7.2) accepts a finding of an adopted text. Both are markers
an editor must eventually act on, so both are reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .registry import Context, Rule, acknowledgement_problem, acknowledgements, rule


@rule(
    "I001",
    "warning",
    "under-review",
    summary="文件带有 review 标记：待核对，不会发布",
    why="""
govpub import 导入的每个文件，以及起草中的文件，都带有 review 标记，写明还要核对什么（发文字号是否照录、
主送机关是否完整、附件是否齐全……）。带 review 的文件不出现在网站上，export document 也只能加 --draft
导出草稿。编辑对照原件核对无误后，删去 review 这一项，文件才按公开属性发布。
""",
    wrong="""
review:
  - 导入自 2019/值班通知.docx：请对照原件核对各项
""",
    right="""
（核对完毕，删去 review）
""",
)
def under_review(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    items = list(ctx.documents()) + list(ctx.disclosures())
    for item in items:
        src = item.source
        if not src.has("review"):
            continue
        todo = item.review or []
        shown = "；".join(todo[:3]) + (f"等 {len(todo)} 项" if len(todo) > 3 else "")
        yield r.at(
            item.path,
            src.line_of("review"),
            f"待核对，不会发布：{shown or '（未写明核对事项）'}。对照原件核对无误后删去 review，文件才按公开属性发布",
        )


@rule(
    "K001",
    "warning",
    "stale-acknowledgement",
    summary="acknowledged 中的一项没有对应的问题",
    why="""
acknowledged 用来确认印发文本本来就有的问题（如制度印发时即缺条）。文本改正后，或者确认写错了规则代码，
这一项就不再对应任何问题；留着它，以后真出现同类问题时会被悄悄放行。请删去这一项。
""",
    wrong="""
acknowledged:
  - code: S004
    reason: 原文缺第十条      （但正文的条文序号是连续的）
""",
    right="""
（正文连续：删去 acknowledged 中的这一项）
""",
    stage="post",
)
def stale_acknowledgement(ctx: Context, r: Rule, findings: list[Diagnostic]) -> Iterator[Diagnostic]:
    codes_by_path: dict[str, set[str]] = {}
    for d in findings:
        codes_by_path.setdefault(d.path, set()).add(d.code)
    for path, entries in acknowledgements(ctx).items():
        present = codes_by_path.get(path, set())
        for ack in entries:
            if acknowledgement_problem(ack) is not None:
                continue  # reported as F004/F005
            if ack.code not in present:
                yield r.at(
                    path,
                    ack.line,
                    f"acknowledged 确认了 {ack.code}，但本文件没有 {ack.code} 问题：请删去这一项，"
                    "以免以后出现的同类问题被放行",
                )
