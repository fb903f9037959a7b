"""Regulation versions as DOCX, measured in the rendered PDF."""

from __future__ import annotations

import re

import pytest

from generator.docx.regulation import regulation_meta_line
from generator.docx.render_check import MM, ink_rows

LEFT = 28 * MM
RIGHT = (28 + 156) * MM
TOP = 37 * MM
BOTTOM = (37 + 225) * MM
CHAR = 15.75
NUMBER_RE = re.compile(r"—(\d+)—")

needs_render = pytest.mark.office


def test_meta_line(sample_corpus):
    reg = sample_corpus.regulations["kaoqin"]
    line = regulation_meta_line(reg, reg.versions[-1])
    assert line.replace("\n", "　") == "（2026年2月6日通过　区建发〔2026〕2号印发　自2026年3月1日起施行）"


@needs_render
def test_every_version_renders(rendered, sample_corpus):
    keys = [k for k in rendered if k.startswith("reg:")]
    assert len(keys) == sum(len(r.versions) for r in sample_corpus.regulations.values()) == 12
    for key in keys:
        report = rendered[key].report
        assert report.page_count >= 1
        first = report.pages[0]
        title = next(line for line in first.lines if abs(line.size - 22) < 0.5)
        assert abs((title.x0 + title.x1) / 2 - (LEFT + RIGHT) / 2) <= 3, key
        assert TOP - 1 <= title.top <= TOP + 3 * MM, key


@needs_render
def test_chapters_centred_and_articles_indented(rendered):
    report = rendered["reg:kaoqin:2026-03-01"].report
    lines = [line for page in report.pages for line in page.lines if not NUMBER_RE.fullmatch(line.visible)]
    chapters = [line for line in lines if re.match(r"第[一二三四五六七八九十]+章", line.visible)]
    assert [c.visible for c in chapters][:2] == ["第一章总则", "第二章作息时间与签到"]
    for chapter in chapters:
        assert abs((chapter.x0 + chapter.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
    articles = [line for line in lines if re.match(r"第[一二三四五六七八九十]+条", line.visible)]
    assert len(articles) == 28
    for article in articles:
        assert abs(article.x0 - (LEFT + 2 * CHAR)) <= 2
        assert article.text.startswith(article.visible[: article.visible.index("条") + 1] + "\u3000")
    item = next(line for line in lines if line.visible.startswith("（一）年休假"))
    assert abs(item.x0 - (LEFT + 2 * CHAR)) <= 2
    meta = next(line for line in lines if line.visible.startswith("（2026年2月6日通过"))
    assert abs((meta.x0 + meta.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
    assert any(line.visible.startswith("修订说明：") for line in lines)


@needs_render
def test_regulation_page_numbers(rendered):
    item = rendered["reg:caiwu:2026-01-01"]
    report = item.report
    assert report.page_count >= 3
    for page in report.pages:
        numbers = [line for line in page.lines if NUMBER_RE.fullmatch(line.visible)]
        assert len(numbers) == 1, page.number
        number = numbers[0]
        dash = number.chars[0]  # the 一字线 itself 7 mm below the text block (cl. 7.5)
        ink = ink_rows(item.pdf, page.number, (dash.x0, dash.top - 6, dash.x1, dash.bottom + 6))
        assert ink is not None and abs(ink[0] - (BOTTOM + 7 * MM)) <= 0.5 * MM, page.number
        if page.number % 2:
            assert abs(number.x1 - (RIGHT - CHAR)) <= 2
        else:
            assert abs(number.x0 - (LEFT + CHAR)) <= 2
