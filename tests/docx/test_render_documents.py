"""GB/T 9704 layout of the rendered documents, measured in the PDF LibreOffice makes.

Positions, never font names: the machine substitutes Noto CJK for 仿宋_GB2312 and friends.
All y values are from the top of the page, in points (1 mm = 2.835 pt).
"""

from __future__ import annotations

import re

import pytest

from generator.docx.render_check import MM, ink_rows
from generator.office.libreoffice import page_count

pytestmark = pytest.mark.office
pdfplumber = pytest.importorskip("pdfplumber", reason="measuring PDFs needs pdfplumber==0.11.10")

#: the text block in PDF points (GB/T 9704 cl. 5.2.2)
LEFT = 28 * MM
RIGHT = (28 + 156) * MM
TOP = 37 * MM
BOTTOM = (37 + 225) * MM
CHAR = 15.75  # one 3号 character as rendered (16 pt condensed by 0.25 pt)

NUMBER_RE = re.compile(r"—(\d+)—")


def page_number(page):
    found = [line for line in page.lines if NUMBER_RE.fullmatch(line.visible)]
    return found[0] if found else None


def text_lines(page):
    """Lines inside the text block (no page number, no 归档章 in the top margin)."""
    return [line for line in page.lines if not NUMBER_RE.fullmatch(line.visible) and TOP - 3 <= line.top <= BOTTOM + 3]


def doc_keys(rendered):
    return [k for k in rendered if k.startswith("doc:")]


# --- every document ------------------------------------------------------------------------------


def test_every_sample_document_renders_on_a4(rendered, sample_corpus):
    keys = doc_keys(rendered)
    assert len(keys) == len(sample_corpus.documents) == 44
    for key in keys:
        report = rendered[key].report
        assert report.page_count >= 1, key
        for page in report.pages:
            assert abs(page.width - 595.3) <= 1 and abs(page.height - 841.9) <= 1, (key, page.number)


def test_text_block_left_edge_is_28_mm(rendered):
    for key in doc_keys(rendered):
        for page in rendered[key].report.pages:
            lines = [line for line in text_lines(page) if abs(line.size - 16) < 0.5]  # 3号 text
            if not lines:
                continue
            left = min(line.x0 for line in lines)
            assert left >= LEFT - 1 * MM, (key, page.number, left / MM)
            if len(lines) >= 8:  # a page of running text has lines starting at the edge
                assert abs(left - LEFT) <= 1 * MM, (key, page.number, left / MM)
            for line in lines:
                # nothing but hanging punctuation passes the right edge of the text block
                assert line.x1 <= RIGHT + CHAR + 1, (key, page.number, line.text)


def test_first_line_of_a_continuation_page_starts_at_37_mm(rendered):
    report = rendered["long"].report
    page = report.pages[1]
    first = text_lines(page)[0]
    # em-box top of the first line: 37 mm plus the part of the 28.95 pt line above the glyph
    assert TOP <= first.top <= TOP + 2.5 * MM, first.top / MM


def test_full_page_has_22_lines_of_28_characters(rendered):
    report = rendered["long"].report
    full_pages = [p for p in report.pages[1:-1]]
    assert full_pages, "the long document should have a middle page"
    page = full_pages[0]
    lines = text_lines(page)
    assert len(lines) == 22
    pitch = [b.baseline - a.baseline for a, b in zip(lines, lines[1:])]
    assert all(abs(p - 28.95) < 0.2 for p in pitch), pitch
    full = [line for line in lines if abs(line.x0 - LEFT) < 1]
    assert full, "no line starts at the left edge"
    assert max(len(line.visible) for line in full) == 28
    # a full line spans the text block: 28 characters of 15.75 pt = 441 pt of 442.2 pt
    widest = max(full, key=lambda line: len(line.visible))
    assert abs(widest.x1 - RIGHT) <= 2, widest.x1
    # paragraphs are indented 2 字
    indented = [line for line in lines if abs(line.x0 - (LEFT + 2 * CHAR)) < 1]
    assert indented, "no first line indented by two characters"


def test_last_line_of_a_full_page_ends_inside_the_text_block(rendered):
    page = rendered["long"].report.pages[1]
    last = text_lines(page)[-1]
    assert last.bottom <= BOTTOM + 1


# --- 版头 ------------------------------------------------------------------------------------------


def test_mark_is_red_centred_35_mm_into_the_text_block(rendered):
    page = rendered["doc:chunjie-zhiban-2025"].report.pages[0]
    mark = page.find("青川市临江区住房和城乡建设局文件")
    assert mark is not None
    assert abs(mark.top - (TOP + 35 * MM)) <= 1.5 * MM, mark.top / MM
    assert all(c.color and c.color[0] > 0.8 and c.color[1] < 0.3 for c in mark.chars)
    centre = (mark.x0 + mark.x1) / 2
    assert abs(centre - (LEFT + RIGHT) / 2) <= 3
    assert mark.x0 >= LEFT - 1 and mark.x1 <= RIGHT + 1


def test_red_rule_is_full_width_4_mm_below_the_number(rendered):
    page = rendered["doc:chunjie-zhiban-2025"].report.pages[0]
    number = page.find("区建办〔2025〕1号")
    assert number is not None
    centre = (number.x0 + number.x1) / 2
    assert abs(centre - (LEFT + RIGHT) / 2) <= 3
    red = [r for r in page.rules if r.is_red]
    assert red, "no red rule on page 1"
    rule = red[0]
    assert abs(rule.width - 156 * MM) <= 1 * MM, rule.width / MM
    assert abs(rule.x0 - LEFT) <= 1
    gap = rule.top - number.bottom
    assert abs(gap - 4 * MM) <= 1 * MM, gap / MM


def test_title_is_centred_two_lines_below_the_rule(rendered):
    page = rendered["doc:chunjie-zhiban-2025"].report.pages[0]
    title = page.find("关于做好2025年春节期间值班工作的通知")
    assert title is not None and abs(title.size - 22) < 0.5
    assert abs((title.x0 + title.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
    rule = [r for r in page.rules if r.is_red][0]
    assert 2 * 28.95 <= title.top - rule.bottom <= 3 * 28.95


def test_long_title_breaks_into_a_trapezoid(rendered):
    page = rendered["doc:dongji-shigong-anquan-jiancha"].report.pages[0]
    lines = [line for line in page.lines if abs(line.size - 22) < 0.5]
    assert len(lines) == 2
    upper, lower = lines
    assert upper.x1 - upper.x0 > lower.x1 - lower.x0  # upper line longer
    for line in lines:
        assert abs((line.x0 + line.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
    assert "".join(line.visible for line in lines) == "关于开展2025年冬季建筑施工安全生产大检查的通知"


def test_recipients_flush_left_ending_with_colon(rendered):
    page = rendered["doc:chunjie-zhiban-2025"].report.pages[0]
    line = page.find("局机关各科室、局属各单位：")
    assert line is not None and abs(line.x0 - LEFT) <= 1 and line.visible.endswith("：")


def test_head_notes_top_left_in_order(rendered):
    page = rendered["doc:dongji-shigong-anquan-jiancha"].report.pages[0]
    urgency = page.find("加急")
    assert urgency is not None and abs(urgency.x0 - LEFT) <= 1 and urgency.top < TOP + 15 * MM
    stamped = rendered["stamp:caiwu-banfa-yinfa"].report.pages[0]
    copy = stamped.find("000012")
    assert copy is not None and abs(copy.x0 - LEFT) <= 1 and copy.top < TOP + 5 * MM


def test_upward_document_number_and_signer(rendered):
    page = rendered["doc:laojiu-gaizao-zijin-qingshi"].report.pages[0]
    line = page.find("签发人：李明华")
    assert line is not None
    assert line.visible.startswith("区建办〔2025〕6号")
    assert abs(line.x0 - (LEFT + CHAR)) <= 2, line.x0
    assert abs(line.x1 - (RIGHT - CHAR)) <= 2, line.x1


# --- 主体 ---------------------------------------------------------------------------------------------


def test_signature_and_date_positions(rendered):
    report = rendered["doc:chunjie-zhiban-2025"].report
    name = date = None
    for page in report.pages:
        for line in text_lines(page):
            if line.visible == "青川市临江区住房和城乡建设局":
                name = line
            if line.visible == "2025年1月20日":
                date = line
    assert name is not None and date is not None
    assert abs(name.x1 - (RIGHT - 2 * CHAR)) <= 2, (RIGHT - name.x1) / CHAR
    assert abs(date.x0 - (name.x0 + 2 * CHAR)) <= 2, (date.x0 - name.x0) / CHAR
    # the next line: one pitch (28.95 pt); the baseline inside an exact line moves a little
    # with the faces of the line (digits in a Latin face)
    assert 27.5 < date.baseline - name.baseline < 30.5


def test_attachment_note_and_disclosure_note(rendered):
    report = rendered["doc:dongji-shigong-anquan-jiancha"].report
    lines = [line for page in report.pages for line in text_lines(page)]
    first = next(line for line in lines if line.visible.startswith("附件：1."))
    second = next(line for line in lines if line.visible.startswith("2.建筑施工"))
    assert abs(first.x0 - (LEFT + 2 * CHAR)) <= 2
    # the second name is aligned with the first (under "1.")
    one = next(c for c in first.chars if c.text == "1")
    assert abs(second.x0 - one.x0) <= 2
    note = next(line for line in lines if line.visible == "（此件公开发布）")
    assert abs(note.x0 - (LEFT + 2 * CHAR)) <= 2
    # a body paragraph "附件：…" is not printed twice
    assert sum(1 for line in lines if line.visible.startswith("附件：")) == 1


def test_outline_heading_faces_do_not_move_text(rendered):
    page = rendered["doc:yiji-anquan-shengchan-baogao"].report.pages[0]
    heading = page.find("一、主要工作情况")
    assert heading is not None and abs(heading.x0 - (LEFT + 2 * CHAR)) <= 2


def test_attachments_start_new_pages(rendered):
    report = rendered["doc:dongji-shigong-anquan-jiancha"].report
    labels = {}
    for page in report.pages:
        lines = text_lines(page)
        if lines and re.fullmatch(r"附件\d", lines[0].visible):
            labels[lines[0].visible] = (page, lines)
    assert set(labels) == {"附件1", "附件2"}
    page, lines = labels["附件1"]
    label = lines[0]
    assert abs(label.x0 - LEFT) <= 1 and label.top < TOP + 10
    title = lines[1]
    assert abs(title.size - 22) < 0.5
    assert abs((title.x0 + title.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
    # on line 3: two pitches below line 1
    assert 2 * 28.95 - 6 <= title.baseline - label.baseline <= 2 * 28.95 + 8


def test_attachment_file_content_is_included(rendered):
    report = rendered["doc:chunjie-zhiban-2025"].report
    text = report.text
    assert "值班地点：局机关值班室" in text.replace(" ", "")
    assert any(len(page.vrules) >= 4 for page in report.pages)  # the duty roster table


# --- 版记 and page numbers ------------------------------------------------------------------------------


def colophon_rules(page):
    """Black full-width rules of 0.25 mm or more (table borders in attachments are 0.5 pt)."""
    return [r for r in page.rules if not r.is_red and r.width > 150 * MM and r.thickness > 0.6]


def test_colophon_rules_at_the_bottom_of_the_last_page(rendered, sample_corpus):
    by_slug = {d.slug: d for d in sample_corpus.documents}
    checked = 0
    for key in doc_keys(rendered):
        doc = by_slug[key.split(":", 1)[1]]
        if doc.doc_type == "函" or not (doc.cc or doc.printed_by or doc.printed_on):
            continue
        last = rendered[key].report.pages[-1]
        rules = colophon_rules(last)
        assert len(rules) >= 2, key
        assert abs(rules[-1].bottom - BOTTOM) <= 1.5 * MM, (key, rules[-1].bottom / MM)
        for rule in rules:
            assert abs(rule.width - 156 * MM) <= 1 * MM and abs(rule.x0 - LEFT) <= 1.5, key
        # first and last thick (0.35 mm), the ones between thin (0.25 mm)
        assert abs(rules[0].thickness - 0.35 * MM) < 0.2 and abs(rules[-1].thickness - 0.35 * MM) < 0.2
        for rule in rules[1:-1]:
            assert abs(rule.thickness - 0.25 * MM) < 0.2, key
        printed = next((line for line in last.lines if line.visible.endswith("印发") and line.size < 15), None)
        if doc.printed_on:
            assert printed is not None and printed.bottom < rules[-1].top and printed.top > rules[-2].bottom
            assert abs(printed.x0 - (LEFT + 14)) <= 3 * 1.5 and abs(printed.x1 - (RIGHT - 13.75)) <= 3
        checked += 1
    assert checked >= 30


def test_cc_line(rendered):
    last = rendered["doc:dongji-shigong-anquan-jiancha"].report.pages[-1]
    cc = last.find("抄送：")
    assert cc is not None
    assert cc.visible == "抄送：区应急管理局，区安全生产委员会办公室。"
    assert abs(cc.size - 14) < 0.5 and abs(cc.x0 - (LEFT + 13.75)) <= 2


def test_page_numbers_odd_right_even_left_7_mm_below(rendered):
    item = rendered["long"]
    report = item.report
    assert report.page_count >= 3
    for page in report.pages:
        number = page_number(page)
        if number is None:
            continue
        n = int(NUMBER_RE.fullmatch(number.visible).group(1))
        assert n == page.number
        assert abs(number.size - 14) < 0.5
        # cl. 7.5: the 一字线 itself (its ink, not its character box) 7 mm below the text block
        dash = number.chars[0]
        ink = ink_rows(item.pdf, page.number, (dash.x0, dash.top - 6, dash.x1, dash.bottom + 6))
        assert ink is not None
        assert abs(ink[0] - (BOTTOM + 7 * MM)) <= 0.5 * MM, (ink[0] - BOTTOM) / MM
        if n % 2:
            assert abs(number.x1 - (RIGHT - CHAR)) <= 2, number.x1
        else:
            assert abs(number.x0 - (LEFT + CHAR)) <= 2, number.x0
    assert page_number(report.pages[0]) is not None


def _page_kind(page) -> str:
    """blank, colophon (only 版记 text: 4号) or text."""
    lines = text_lines(page)
    if not lines:
        return "blank"
    return "colophon" if all(line.size < 15 for line in lines) else "text"


def test_colophon_only_page_is_even_unnumbered_with_a_blank_page_before(rendered):
    """cl. 7.4/7.5: a 版记 that needs a page of its own goes on an even page (封四); when the
    text ends on an even page a blank page comes first; neither is numbered."""
    found = 0
    for key in doc_keys(rendered):
        item = rendered[key]
        report = item.report
        kinds = [_page_kind(p) for p in report.pages]
        assert item.pages == report.page_count, key  # layout count == pages in the PDF
        if report.page_count < 2 or kinds[-1] != "colophon" or kinds[-2] == "colophon":
            continue
        found += 1
        last_text = max(i for i, k in enumerate(kinds) if k == "text") + 1  # 1-based
        assert report.page_count % 2 == 0, (key, kinds)
        assert report.page_count == (last_text + 1 if last_text % 2 else last_text + 2), (key, kinds)
        for page in report.pages[last_text:]:
            assert page_number(page) is None, (key, page.number)
        assert all(k == "blank" for k in kinds[last_text:-1]), (key, kinds)
        assert page_number(report.pages[last_text - 1]) is not None, key
    assert found >= 1, "the samples should include a document whose 版记 needs its own page"


def test_signature_never_on_a_page_without_body_text(rendered, sample_corpus):
    """cl. 7.3.5: the 署名 and 成文日期 stay with the last lines of the body."""
    by_slug = {d.slug: d for d in sample_corpus.documents}
    checked = 0
    for key in doc_keys(rendered):
        doc = by_slug[key.split(":", 1)[1]]
        if doc.doc_type == "纪要" or doc.is_register_entry:
            continue
        issuer = doc.issuer or sample_corpus.agency.agency
        for page in rendered[key].report.pages:
            lines = text_lines(page)
            names = [i for i, line in enumerate(lines) if line.visible == issuer]
            if not names:
                continue
            i = names[-1]
            above = [line for line in lines[:i] if abs(line.size - 16) < 0.5]
            assert above, (key, page.number, "署名 at the top of a page")
            checked += 1
            break
    assert checked >= 20


# --- 信函格式 --------------------------------------------------------------------------------------------


def test_letter_format(rendered):
    report = rendered["doc:diandongche-chongdian-paicha-han"].report
    first = report.pages[0]
    mark = first.find("青川市临江区住房和城乡建设局")
    assert mark is not None and "文件" not in mark.visible
    assert abs(mark.top - 30 * MM) <= 1 * MM, mark.top / MM
    assert abs((mark.x0 + mark.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
    red = [r for r in first.rules if r.is_red]
    for rule in red:
        assert abs(rule.width - 170 * MM) <= 1 * MM, rule.width / MM
        assert abs((rule.x0 + rule.x1) / 2 - (LEFT + RIGHT) / 2) <= 2
    tops = sorted({round(r.top / MM) for r in red})
    upper = [r for r in red if r.top < 60 * MM]
    lower = [r for r in red if r.top > 250 * MM]
    assert upper and lower, tops
    # upper: thick over thin, about 4 mm below the name; lower: thin over thick, 20 mm from the bottom
    assert max(upper, key=lambda r: r.thickness).top < min(upper, key=lambda r: r.thickness).top
    assert abs(min(r.top for r in upper) - mark.bottom - 4 * MM) <= 1 * MM
    assert max(lower, key=lambda r: r.thickness).top > min(lower, key=lambda r: r.thickness).top
    assert abs((first.height - max(r.bottom for r in lower)) - 20 * MM) <= 1.5 * MM
    number = first.find("区建函〔2026〕2号")
    assert number is not None and abs(number.x1 - RIGHT) <= 2
    assert number.top > max(r.bottom for r in upper)
    assert page_number(first) is None
    assert page_number(report.pages[1]) is not None
    last = report.pages[-1]
    assert not colophon_rules(last)
    assert not any(line.visible.endswith("印发") for line in last.lines)
    cc = last.find("抄送：")
    assert cc is not None and cc.bottom > BOTTOM - 15 * MM


# --- 纪要格式 --------------------------------------------------------------------------------------------


def test_minutes_format(rendered):
    report = rendered["doc:juzhang-bangonghui-jiyao-2025-4"].report
    first = report.pages[0]
    mark = first.find("纪要")
    assert mark is not None and mark.visible.endswith("纪要") and mark.size > 30
    assert abs(mark.top - (TOP + 35 * MM)) <= 1.5 * MM
    lines = [line for page in report.pages for line in text_lines(page)]
    present = next(line for line in lines if line.visible.startswith("出席："))
    assert abs(present.x0 - (LEFT + 2 * CHAR)) <= 2
    attending = next(line for line in lines if line.visible.startswith("列席："))
    follow = lines[lines.index(attending) + 1]
    assert abs(follow.x0 - (LEFT + 5 * CHAR)) <= 2  # wrapped names align after the colon
    assert not any(line.visible == "区住建局" for line in lines)  # no 署名
    note = next(line for line in lines if line.visible == "（此件不予公开）")
    assert note is not None


# --- drafts (SPEC §7.1) ------------------------------------------------------------------------------------


def test_draft_mark_on_every_page_in_the_top_margin(rendered):
    """「草稿，待核对」 in red in the 天头 of every page; the layout is the final one's."""
    for slug in ("dongji-shigong-anquan-jiancha", "diandongche-chongdian-paicha-han"):
        draft = rendered[f"draft:{slug}"].report
        final = rendered[f"doc:{slug}"].report
        assert draft.page_count == final.page_count, slug
        for page, same in zip(draft.pages, final.pages):
            marks = [line for line in page.lines if line.visible == "草稿，待核对"]
            assert len(marks) == 1, (slug, page.number)
            mark = marks[0]
            assert mark.bottom < TOP - 2 * MM and mark.top > 5 * MM, (slug, page.number, mark.top / MM)
            assert all(c.color and c.color[0] > 0.8 and c.color[1] < 0.3 for c in mark.chars)
            assert abs((mark.x0 + mark.x1) / 2 - (LEFT + RIGHT) / 2) <= 3
            rest = [(round(line.top, 1), line.visible) for line in page.lines if line is not mark]
            assert rest == [(round(line.top, 1), line.visible) for line in same.lines], (slug, page.number)


# --- 归档章 ------------------------------------------------------------------------------------------------


def test_filing_stamp_top_centre_of_page_one(rendered):
    for key in ("stamp:caiwu-banfa-yinfa", "stamp:diandongche-chongdian-paicha-han"):
        first = rendered[key].report.pages[0]
        box_h = [r for r in first.rules if r.top < TOP and not r.is_red]
        box_v = [r for r in first.vrules if r.top < TOP]
        assert len(box_h) >= 3 and len(box_v) >= 4, key
        x0 = min(r.x0 for r in box_h)
        x1 = max(r.x1 for r in box_h)
        top = min(r.top for r in box_h)
        bottom = max(r.bottom for r in box_h)
        assert abs((x1 - x0) - 45 * MM) <= 2 * MM, (x1 - x0) / MM
        assert abs((bottom - top) - 16 * MM) <= 2 * MM, (bottom - top) / MM
        assert abs((x0 + x1) / 2 - (LEFT + RIGHT) / 2) <= 3
        assert top < 20 * MM
        cells = [line.visible for line in first.lines if line.bottom < bottom + 1]
        joined = "".join(cells)
        for value in ("J012", "2025", "0007", "办公室", "永久", "2"):
            assert value in joined, (key, value)
        others = rendered["doc:" + key.split(":", 1)[1]].report
        # the stamp sits in the margin: it never moves the text or changes the page count
        assert others.page_count == rendered[key].report.page_count


def test_page_count_matches_the_rendering(rendered):
    item = rendered["doc:dongji-shigong-anquan-jiancha"]
    assert page_count(item.docx) == item.report.page_count == 5


def test_classified_register_entry_renders_without_disclosure_note(rendered):
    report = rendered["doc:renfang-gongcheng-jiancha"].report
    text = report.text.replace(" ", "")
    assert "机密" in text
    assert "此件" not in text
