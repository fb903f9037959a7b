"""章/节/条/款/项 parsing (docs/corpus.md) and same-regulation references (S007)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.articles import (
    ArticleRef,
    Chapter,
    Clause,
    Item,
    Section,
    find_article_references,
    parse_regulation,
)
from generator.text.numerals import int_to_cn


def numbered(text):
    return list(enumerate(text.split("\n"), start=1))


REGULATION = """\
为了规范机关考勤管理，根据有关规定，结合本局实际，制定本制度。

## 第一章　总则

第一条　为加强机关作风建设，严肃工作纪律，制定本制度。

第二条　本制度适用于局机关全体在编干部职工。

借调人员参照本制度执行。

## 第二章 考勤管理

### 第一节 一般规定

第三条　考勤实行签到制度，有下列情形之一的，按旷工处理：
（一）未经批准擅自离岗的；
（二）请假期满未续假的；
（三）其他违反纪律的情形。

第四条 各科室负责人对本科室考勤负责。

### 第二节 请假

第五条　请假超过三天的，按照本制度第三条第（二）项和第四条办理：
㈠ 填写请假单；
㈡ 经分管领导签批。

事假每年累计不超过十五天。
（一）病假除外；

## 第三章 附则

第六条　本制度由办公室负责解释。
第七条\u3000本制度自2026年1月1日起施行，原制度同时废止。
"""


def test_realistic_regulation():
    r = parse_regulation(numbered(REGULATION))
    assert r.style == "article"
    assert r.problems == []
    assert r.preamble == [(1, "为了规范机关考勤管理，根据有关规定，结合本局实际，制定本制度。")]
    assert r.chapters == [
        Chapter(1, "总则", 3, []),
        Chapter(2, "考勤管理", 11, [Section(1, "一般规定", 13), Section(2, "请假", 22)]),
        Chapter(3, "附则", 31, []),
    ]
    assert [a.number for a in r.articles] == [1, 2, 3, 4, 5, 6, 7]
    assert [(a.chapter, a.section) for a in r.articles] == [
        (1, None),
        (1, None),
        (2, 1),
        (2, 1),
        (2, 2),
        (3, None),
        (3, None),
    ]
    assert [a.line for a in r.articles] == [5, 7, 15, 20, 24, 33, 34]
    a2 = r.articles[1]
    assert a2.label == "第二条"
    assert a2.clauses == [
        Clause("本制度适用于局机关全体在编干部职工。", 7, []),
        Clause("借调人员参照本制度执行。", 9, []),
    ]
    a3 = r.articles[2]
    assert len(a3.clauses) == 1
    assert a3.clauses[0].items == [
        Item(1, "（一）", "未经批准擅自离岗的；", 16),
        Item(2, "（二）", "请假期满未续假的；", 17),
        Item(3, "（三）", "其他违反纪律的情形。", 18),
    ]
    a5 = r.articles[4]
    assert [c.text for c in a5.clauses] == [
        "请假超过三天的，按照本制度第三条第（二）项和第四条办理：",
        "事假每年累计不超过十五天。",
    ]
    assert a5.clauses[0].items == [Item(1, "㈠", "填写请假单；", 25), Item(2, "㈡", "经分管领导签批。", 26)]
    assert a5.clauses[1].items == [Item(1, "（一）", "病假除外；", 29)]
    assert r.articles[6].clauses[0].text.startswith("本制度自2026年1月1日起施行")


def test_three_digit_articles_and_crlf():
    lines = [(i + 1, f"第{int_to_cn(n)}条　内容{n}\r") for i, n in enumerate(range(1, 201))]
    r = parse_regulation(lines)
    assert [a.number for a in r.articles] == list(range(1, 201))
    assert r.articles[198].label == "第一百九十九条"
    assert r.articles[104].clauses[0].text == "内容105"


def test_article_without_text_and_items_without_clause():
    r = parse_regulation(numbered("第一条\n（一）甲；\n（二）乙。\n第二条 正文"))
    a1 = r.articles[0]
    assert a1.clauses[0].text == "" and [i.number for i in a1.clauses[0].items] == [1, 2]
    assert r.articles[1].clauses == [Clause("正文", 4, [])]


def test_bold_label_and_sub_items():
    r = parse_regulation(numbered("**第一条**　内容：\n（一）项；\n1. 目一\n2. 目二\n第二条 再"))
    a1 = r.articles[0]
    assert a1.label == "第一条"
    assert a1.clauses[0].items == [Item(1, "（一）", "项；\n1. 目一\n2. 目二", 2)]


def test_problems_never_raise():
    text = "# 机关考勤制度\n## 附则\n第一条 内容\n第二条本制度不带空格\n第十十条 坏数字\n## 第十十章 坏章\n### 第一节 无章节\n"
    r = parse_regulation(numbered(text))
    lines_with_problems = [line for line, _ in r.problems]
    assert lines_with_problems == [1, 2, 4, 5, 6, 7]  # 7: its chapter heading was unreadable
    assert [a.number for a in r.articles] == [1]
    # the unreadable ones become text of the article they follow
    assert [c.text for c in r.articles[0].clauses] == ["内容", "第二条本制度不带空格", "第十十条 坏数字"]


def test_section_outside_chapter_is_a_problem():
    r = parse_regulation(numbered("### 第一节 一般规定\n第一条 内容"))
    assert r.problems == [(1, "section heading outside any chapter")]
    assert r.articles[0].section == 1 and r.articles[0].chapter is None


def test_no_space_is_not_an_article_but_a_reference_is_no_problem():
    r = parse_regulation(numbered("第一条 内容\n第三条规定的情形除外。"))
    assert [a.number for a in r.articles] == [1]
    assert r.problems == []  # 第三条 is not the expected next article: plain text


OUTLINE = """\
为做好值班工作，制定本规定。
一、值班安排
（一）节假日值班由办公室统一安排；
（二）值班人员不得擅离岗位。
值班表提前一周公布。
二、值班纪律
值班人员应当保持通讯畅通。
三、本规定自印发之日起施行。
"""


def test_outline_style():
    r = parse_regulation(numbered(OUTLINE))
    assert r.style == "outline"
    assert r.preamble == [(1, "为做好值班工作，制定本规定。")]
    assert [(a.number, a.label, a.line) for a in r.articles] == [(1, "一、", 2), (2, "二、", 6), (3, "三、", 8)]
    a1 = r.articles[0]
    assert a1.clauses[0].text == "值班安排"
    assert [i.text for i in a1.clauses[0].items] == ["节假日值班由办公室统一安排；", "值班人员不得擅离岗位。"]
    assert a1.clauses[1] == Clause("值班表提前一周公布。", 5, [])
    assert r.articles[1].clauses[1].text == "值班人员应当保持通讯畅通。"


def test_empty_body():
    r = parse_regulation([])
    assert r.style == "outline" and r.articles == [] and r.chapters == [] and r.problems == []


# --- generated structures ---------------------------------------------------------------------

PLAIN = "规定工作人员应当遵守纪律制度管理办法执行要求，。"
plain_text = st.text(alphabet=PLAIN, min_size=1, max_size=12).filter(lambda s: s[0] not in "，。")


@st.composite
def regulations(draw):
    """A structure: chapters? → sections? → articles → clauses → items."""
    use_chapters = draw(st.booleans())
    chapters = []
    for _ in range(draw(st.integers(1, 3)) if use_chapters else 1):
        sections = []
        use_sections = use_chapters and draw(st.booleans())
        for _ in range(draw(st.integers(1, 2)) if use_sections else 1):
            articles = []
            for _ in range(draw(st.integers(1, 3))):
                clauses = []
                for _ in range(draw(st.integers(1, 3))):
                    items = draw(st.lists(plain_text, max_size=3))
                    enclosed = draw(st.booleans())
                    clauses.append((draw(plain_text), items, enclosed))
                articles.append(clauses)
            sections.append((draw(plain_text), articles))
        chapters.append((draw(plain_text), sections))
    return use_chapters, chapters


def render(structure):
    use_chapters, chapters = structure
    out, expected_articles, expected_chapters = [], [], []
    art_no = 0
    for c_no, (c_title, sections) in enumerate(chapters, 1):
        if use_chapters:
            out.append(f"## 第{int_to_cn(c_no)}章 {c_title}")
            out.append("")
            expected_chapters.append((c_no, c_title, []))
        use_sections = use_chapters and len(sections) > 1
        for s_no, (s_title, articles) in enumerate(sections, 1):
            if use_sections:
                out.append(f"### 第{int_to_cn(s_no)}节\u3000{s_title}")
                expected_chapters[-1][2].append((s_no, s_title))
            for clauses in articles:
                art_no += 1
                clause_view = []
                for k, (text, items, enclosed) in enumerate(clauses):
                    out.append(f"第{int_to_cn(art_no)}条\u3000{text}" if k == 0 else text)
                    for i_no, item in enumerate(items, 1):
                        if enclosed and i_no <= 10:
                            out.append(chr(0x3220 + i_no - 1) + item)
                        else:
                            out.append(f"（{int_to_cn(i_no)}）{item}")
                    clause_view.append((text, [(i_no, it) for i_no, it in enumerate(items, 1)]))
                expected_articles.append(
                    (
                        art_no,
                        c_no if use_chapters else None,
                        s_no if use_sections else None,
                        clause_view,
                    )
                )
                out.append("")
    return "\n".join(out), expected_chapters, expected_articles


@settings(max_examples=120, deadline=None)
@given(regulations())
def test_round_trip(structure):
    text, expected_chapters, expected_articles = render(structure)
    r = parse_regulation(numbered(text))
    assert r.style == "article"
    assert r.problems == [] and r.preamble == []
    assert [(c.number, c.title, [(s.number, s.title) for s in c.sections]) for c in r.chapters] == expected_chapters
    got = [
        (a.number, a.chapter, a.section, [(cl.text, [(i.number, i.text) for i in cl.items]) for cl in a.clauses])
        for a in r.articles
    ]
    assert got == expected_articles
    lines = text.split("\n")
    for a in r.articles:
        assert lines[a.line - 1].startswith(a.label)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_text(text):
    r = parse_regulation(numbered(text))
    assert r.style in ("article", "outline")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 50), st.text(alphabet="第一二十条章节（）㈠、# 　本制度", max_size=12)), max_size=15
    )
)
def test_never_raises_on_numeral_soup(lines):
    parse_regulation(lines)


# --- references ---------------------------------------------------------------------------------


def test_references():
    text = "依照本制度第四十三条处理；本办法第十条第二款；本规定第五条第（三）项；本细则第三条；本实施细则第二条第三项"
    refs = find_article_references(text)
    assert [(r.article, r.clause, r.item, r.raw) for r in refs] == [
        (43, None, None, "本制度第四十三条"),
        (10, 2, None, "本办法第十条第二款"),
        (5, None, 3, "本规定第五条第（三）项"),
        (3, None, None, "本细则第三条"),
        (2, None, 3, "本实施细则第二条第三项"),
    ]
    for r in refs:
        assert isinstance(r, ArticleRef)
        assert text[r.start : r.end] == r.raw


def test_reference_lists_continue():
    text = "按照本制度第三条、第五条第一款和第七条至第九条办理"
    refs = find_article_references(text)
    assert [(r.article, r.clause, r.raw) for r in refs] == [
        (3, None, "本制度第三条"),
        (5, 1, "第五条第一款"),
        (7, None, "第七条"),
        (9, None, "第九条"),
    ]
    for r in refs:
        assert text[r.start : r.end] == r.raw


def test_references_are_conservative():
    assert find_article_references("依照第五条处理") == []
    assert find_article_references("违反《中华人民共和国公务员法》第五十九条") == []
    assert find_article_references("根据本制度规定，第三条不适用") == []
    assert find_article_references("本制度第十十条") == []
    assert find_article_references("本制度第一百九十九条")[0].article == 199


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_references_never_raise(text):
    for r in find_article_references(text):
        assert text[r.start : r.end] == r.raw and r.article >= 1
