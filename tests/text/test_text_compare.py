"""Article-level comparison of two versions of a regulation (修订对照)."""

import time
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.articles import Article, Clause, Item, ParsedRegulation, parse_regulation
from generator.text.compare import (
    SIMILARITY_THRESHOLD,
    ArticleChange,
    Comparison,
    Segment,
    article_text,
    compare_versions,
    diff_segments,
)
from generator.text.numerals import int_to_cn


def parse(text):
    return parse_regulation(list(enumerate(text.split("\n"), start=1)))


def old_text(segments):
    return "".join(s.text for s in segments if s.op in ("equal", "delete"))


def new_text(segments):
    return "".join(s.text for s in segments if s.op in ("equal", "insert"))


def changed_text(segments, op):
    return [s.text for s in segments if s.op == op]


def summary(result):
    """(kind, old number, new number) per row."""
    return [(c.kind, c.old.number if c.old else None, c.new.number if c.new else None) for c in result.changes]


def counts(result):
    return (result.added, result.deleted, result.changed, result.renumbered, result.unchanged)


def body(articles, chapters=None):
    """A regulation body: ``articles`` are texts; ``chapters`` maps article index → chapter heading."""
    lines = []
    for k, text in enumerate(articles):
        if chapters and k in chapters:
            lines += [f"## {chapters[k]}", ""]
        first, *rest = text.split("\n")
        lines += [f"第{int_to_cn(k + 1)}条　{first}", ""]
        for para in rest:
            lines += [para, ""]
    return "\n".join(lines)


BASE = [
    "为严肃机关工作纪律，规范考勤管理，提高工作效能，根据有关规定，结合本局实际，制定本制度。",
    "本制度适用于局机关全体在编工作人员和编外聘用人员。",
    "局办公室负责机关考勤的组织实施、统计汇总和监督检查。",
    "机关实行每周五天工作制。工作日上班时间为上午8时30分至12时，下午14时至17时30分。",
    "超过规定上班时间到岗的，为迟到；未到规定下班时间离岗的，为早退。",
    "请假按照下列权限审批：\n（一）请假一天以内的，由科室负责人批准；\n（二）请假一天以上三天以内的，经科室负责人同意后，由分管局领导批准；\n（三）请假三天以上的，经分管局领导同意后，报局主要负责人批准。",
    "病假应当提供二级以上医疗机构出具的诊断证明。",
    "考勤结果作为工作人员年度考核、评先评优和绩效奖励的重要依据。",
    "本制度由局办公室负责解释。",
    "本制度自2025年2月1日起施行。",
]

NEW_ARTICLE = "工作人员应当自觉遵守考勤纪律，不得委托他人或者代替他人打卡，不得虚报请假事由。"


# --- article_text ----------------------------------------------------------------------------


def test_article_text_joins_clauses_and_items_without_the_label():
    reg = parse(
        "第一条　请假按照下列权限审批：\n（一）一天以内的，由科室负责人批准；\n"
        "㈡ 三天以上的，报局主要负责人批准。\n科室负责人请假，由分管局领导批准。"
    )
    assert article_text(reg.articles[0]) == (
        "请假按照下列权限审批：\n（一）一天以内的，由科室负责人批准；\n"
        "㈡三天以上的，报局主要负责人批准。\n科室负责人请假，由分管局领导批准。"
    )


def test_article_text_of_an_article_starting_with_items_and_of_an_empty_one():
    art = Article(3, "第三条", 1, [Clause("", 1, [Item(1, "（一）", "年休假；", 2)])])
    assert article_text(art) == "（一）年休假；"
    assert article_text(Article(4, "第四条", 5)) == ""


# --- articles matched by content -------------------------------------------------------------


def test_identical_versions_are_all_unchanged():
    reg = parse(body(BASE))
    result = compare_versions(reg, parse(body(BASE)))
    assert counts(result) == (0, 0, 0, 0, len(BASE))
    assert [c.kind for c in result.changes] == ["unchanged"] * len(BASE)
    assert all(c.similarity == 1.0 and c.segments == [] for c in result.changes)
    assert result.chapter_changes == []


def test_an_article_inserted_early_renumbers_the_rest_without_changing_them():
    new = BASE[:2] + [NEW_ARTICLE] + BASE[2:]
    new[-1] = "本制度自2026年3月1日起施行。"
    result = compare_versions(parse(body(BASE)), parse(body(new)))
    assert summary(result) == [
        ("unchanged", 1, 1),
        ("unchanged", 2, 2),
        ("added", None, 3),
        *[("renumbered", k, k + 1) for k in range(3, 10)],
        ("changed", 10, 11),
    ]
    assert counts(result) == (1, 0, 1, 7, 2)
    added = result.changes[2]
    assert added.old is None and article_text(added.new) == NEW_ARTICLE
    assert added.similarity == 0.0
    last = result.changes[-1]
    assert last.old.label == "第十条" and last.new.label == "第十一条"
    assert changed_text(last.segments, "delete") == ["2025年2"]
    assert changed_text(last.segments, "insert") == ["2026年3"]


def test_a_deleted_article_is_placed_where_it_was():
    new = BASE[:4] + BASE[5:]
    result = compare_versions(parse(body(BASE)), parse(body(new)))
    assert summary(result) == [
        *[("unchanged", k, k) for k in range(1, 5)],
        ("deleted", 5, None),
        *[("renumbered", k, k - 1) for k in range(6, 11)],
    ]
    assert counts(result) == (0, 1, 0, 5, 4)
    assert article_text(result.changes[4].old) == BASE[4]


def test_a_reworded_article_is_changed_and_its_diff_reads_well():
    old_art = "病假应当提供二级以上医疗机构出具的诊断证明。"
    new_art = "病假应当提供二级以上医疗机构出具的诊断证明。连续病假超过一个月的，由局办公室按照有关规定办理。"
    reworded = "事假应当从严控制，全年累计一般不超过十五天。"
    old = BASE[:6] + [old_art, "事假应当从严控制，全年累计一般不超过十天。"] + BASE[8:]
    new = BASE[:6] + [new_art, reworded] + BASE[8:]
    result = compare_versions(parse(body(old)), parse(body(new)))
    assert counts(result) == (0, 0, 2, 0, 8)
    first, second = result.changes[6], result.changes[7]
    assert (first.kind, first.old.number, first.new.number) == ("changed", 7, 7)
    assert SIMILARITY_THRESHOLD <= first.similarity < 1.0
    assert old_text(first.segments) == old_art and new_text(first.segments) == new_art
    # the added sentence starts after the full stop, as one insertion
    assert first.segments == [
        Segment("equal", old_art),
        Segment("insert", "连续病假超过一个月的，由局办公室按照有关规定办理。"),
    ]
    assert old_text(second.segments) == old[7] and new_text(second.segments) == reworded
    assert second.segments == [
        Segment("equal", "事假应当从严控制，全年累计一般不超过十"),
        Segment("insert", "五"),
        Segment("equal", "天。"),
    ]


def test_rewording_inside_items_gives_whole_phrases_not_confetti():
    new_art = (
        "请假按照下列权限审批：\n（一）请假不超过一天的，由科室负责人批准；\n"
        "（二）请假超过一天不超过三天的，经科室负责人同意后，由分管局领导批准；\n"
        "（三）请假超过三天的，经分管局领导同意后，须经局主要负责人批准。"
    )
    new = BASE[:5] + [new_art] + BASE[6:]
    result = compare_versions(parse(body(BASE)), parse(body(new)))
    (change,) = [c for c in result.changes if c.kind != "unchanged"]
    assert change.kind == "changed" and change.old.number == change.new.number == 6
    assert old_text(change.segments) == BASE[5] and new_text(change.segments) == new_art
    deleted = changed_text(change.segments, "delete")
    inserted = changed_text(change.segments, "insert")
    assert "一天以内" in deleted and "不超过一天" in inserted
    assert "一天以上三天以内" in deleted and "超过一天不超过三天" in inserted
    assert "报" in deleted and "须经" in inserted
    # no one-character equal run between two changes
    for before, middle, after in zip(change.segments, change.segments[1:], change.segments[2:]):
        if middle.op == "equal" and before.op != "equal" and after.op != "equal":
            assert len(middle.text) > 1


def test_changing_only_one_item():
    old_art = "值班人员应当遵守下列纪律：\n（一）不得擅离岗位、迟到早退；\n（二）不得在值班期间饮酒；\n（三）不得占用值班电话办理私事。"
    new_art = "值班人员应当遵守下列纪律：\n（一）不得擅离岗位、迟到早退；\n（二）不得在值班期间饮酒；\n（三）不得将值班电话转移至个人通信工具。"
    old = BASE[:3] + [old_art] + BASE[3:]
    new = BASE[:3] + [new_art] + BASE[3:]
    result = compare_versions(parse(body(old)), parse(body(new)))
    assert counts(result) == (0, 0, 1, 0, len(BASE))
    change = result.changes[3]
    assert change.kind == "changed" and change.new.number == 4
    assert old_text(change.segments) == old_art and new_text(change.segments) == new_art
    # the untouched items are one equal run; only the end of the last item differs
    assert change.segments[0].op == "equal"
    assert change.segments[0].text.startswith("值班人员应当遵守下列纪律：\n（一）不得擅离岗位、迟到早退；\n（二）")
    assert "占用" in "".join(changed_text(change.segments, "delete"))
    assert "转移至个人通信工具" in "".join(changed_text(change.segments, "insert"))


def test_completely_different_versions_are_added_and_deleted():
    other = [
        "印章应当指定专人保管，存放在带锁的保险柜内。",
        "严禁在空白纸张、空白介绍信、空白合同上加盖印章。",
        "印章丢失的，应当立即向公安机关报案。",
    ]
    result = compare_versions(parse(body(BASE)), parse(body(other)))
    assert counts(result) == (3, len(BASE), 0, 0, 0)
    # deleted articles come before the added ones in the same place
    assert [c.kind for c in result.changes] == ["deleted"] * len(BASE) + ["added"] * 3


def test_empty_versions():
    empty = ParsedRegulation("article")
    assert counts(compare_versions(empty, empty)) == (0, 0, 0, 0, 0)
    result = compare_versions(empty, parse(body(BASE[:2])))
    assert summary(result) == [("added", None, 1), ("added", None, 2)]
    result = compare_versions(parse(body(BASE[:2])), empty)
    assert summary(result) == [("deleted", 1, None), ("deleted", 2, None)]


def test_a_moved_identical_article_is_renumbered_not_deleted_and_added():
    new = BASE[:2] + BASE[3:8] + [BASE[2]] + BASE[8:]
    result = compare_versions(parse(body(BASE)), parse(body(new)))
    assert counts(result) == (0, 0, 0, 6, 4)
    moved = result.changes[7]
    assert (moved.kind, moved.old.number, moved.new.number) == ("renumbered", 3, 8)
    assert [c.new.number for c in result.changes] == list(range(1, 11))


def test_changed_article_with_a_different_number_keeps_both_numbers():
    new = [NEW_ARTICLE] + BASE[:9] + ["本制度自2026年3月1日起施行。"]
    result = compare_versions(parse(body(BASE)), parse(body(new)))
    last = result.changes[-1]
    assert (last.kind, last.old.label, last.new.label) == ("changed", "第十条", "第十一条")


def test_two_changes_in_a_gap_pair_in_order():
    old = (
        BASE[:3]
        + ["各科室考勤员应当于每月3日前将上月考勤情况报局办公室。", "事假应当从严控制，全年累计一般不超过十天。"]
        + BASE[3:]
    )
    new = (
        BASE[:3]
        + ["各科室考勤员应当于每月5日前将上月考勤情况报局办公室。", "事假应当从严控制，全年累计一般不超过十五天。"]
        + BASE[3:]
    )
    result = compare_versions(parse(body(old)), parse(body(new)))
    assert summary(result)[3:5] == [("changed", 4, 4), ("changed", 5, 5)]
    assert changed_text(result.changes[3].segments, "insert") == ["5"]


# --- outline-style regulations ---------------------------------------------------------------

OUTLINE_OLD = """\
一、为加强局机关印章管理，保证印章使用的合法性、严肃性和安全性，制定本规定。

二、本规定所称印章，包括：

（一）局行政公章、局党组印章；

（二）局办公室印章和各科室业务专用章。

三、印章应当指定专人保管，存放在带锁的保险柜内。

四、严禁在空白纸张、空白介绍信、空白合同上加盖印章。

五、本规定由局办公室负责解释，自2025年5月1日起施行。
"""

OUTLINE_NEW = """\
一、为加强局机关印章管理，保证印章使用的合法性、严肃性和安全性，制定本规定。

二、本规定所称印章，包括：

（一）局行政公章、局党组印章；

（二）局办公室印章和各科室业务专用章；

（三）合同专用章。

三、印章的刻制，由局办公室提出申请，经局主要负责人批准后到指定单位刻制。

四、印章应当指定专人保管，存放在带锁的保险柜内。

五、严禁在空白纸张、空白介绍信、空白合同上加盖印章。

六、本规定由局办公室负责解释，自2026年5月1日起施行。
"""


def test_outline_style_regulations():
    old, new = parse(OUTLINE_OLD), parse(OUTLINE_NEW)
    assert old.style == new.style == "outline"
    result = compare_versions(old, new)
    assert summary(result) == [
        ("unchanged", 1, 1),
        ("changed", 2, 2),
        ("added", None, 3),
        ("renumbered", 3, 4),
        ("renumbered", 4, 5),
        ("changed", 5, 6),
    ]
    assert result.changes[3].old.label == "三、" and result.changes[3].new.label == "四、"
    item_change = result.changes[1]
    assert "（三）合同专用章" in "".join(changed_text(item_change.segments, "insert"))
    assert result.chapter_changes == []


# --- chapters --------------------------------------------------------------------------------


def test_renamed_added_and_deleted_chapters():
    old = body(BASE, {0: "第一章 总则", 3: "第二章 作息时间", 5: "第三章 请假", 7: "第四章 考核", 8: "第五章 附则"})
    new_articles = BASE[:8] + ["机关设立考勤奖，按季度考核发放。"] + BASE[8:]
    new = body(
        new_articles,
        {0: "第一章 总则", 3: "第二章 作息时间", 5: "第三章 请假与销假", 8: "第四章 考勤奖惩", 9: "第五章 附则"},
    )
    result = compare_versions(parse(old), parse(new))
    assert result.chapter_changes == [
        "“第三章 请假”改为“第三章 请假与销假”",
        "删除“第四章 考核”",
        "新增“第四章 考勤奖惩”",
    ]


def test_a_renamed_chapter_pairs_by_its_articles_and_renumbered_chapters_are_not_noted():
    old = body(BASE, {0: "第一章 总则", 5: "第二章 请假", 8: "第三章 附则"})
    new = body(
        BASE,
        {0: "第一章 总则", 3: "第二章 作息时间", 5: "第三章 假期管理", 8: "第四章 附则"},
    )
    result = compare_versions(parse(old), parse(new))
    assert result.chapter_changes == ["新增“第二章 作息时间”", "“第二章 请假”改为“第三章 假期管理”"]
    assert counts(result) == (0, 0, 0, 0, len(BASE))


def test_sections_inside_a_chapter():
    old = "\n\n".join(
        [
            "## 第一章 总则",
            "第一条　" + BASE[0],
            "## 第二章 费用",
            "### 第一节 差旅费",
            "第二条　" + BASE[1],
            "### 第二节 会议费",
            "第三条　" + BASE[2],
        ]
    )
    new = "\n\n".join(
        [
            "## 第一章 总则",
            "第一条　" + BASE[0],
            "## 第二章 费用",
            "### 第一节 差旅费",
            "第二条　" + BASE[1],
            "### 第二节 会议费和培训费",
            "第三条　" + BASE[2],
            "### 第三节 公务接待费",
            "第四条　" + BASE[3],
        ]
    )
    result = compare_versions(parse(old), parse(new))
    assert result.chapter_changes == [
        "“第二章第二节 会议费”改为“第二章第二节 会议费和培训费”",
        "新增“第二章第三节 公务接待费”",
    ]


# --- diff_segments ---------------------------------------------------------------------------


def test_diff_of_numbers_covers_the_whole_number():
    segs = diff_segments("每人每餐不超过80元。", "每人每餐不超过60元。")
    assert segs == [
        Segment("equal", "每人每餐不超过"),
        Segment("delete", "80"),
        Segment("insert", "60"),
        Segment("equal", "元。"),
    ]
    segs = diff_segments("每人每天100元", "每人每天1000元")
    assert changed_text(segs, "delete") == ["100"] and changed_text(segs, "insert") == ["1000"]


def test_diff_of_identical_and_empty_texts():
    assert diff_segments("", "") == []
    assert diff_segments("同样的文字。", "同样的文字。") == [Segment("equal", "同样的文字。")]
    assert diff_segments("", "新增。") == [Segment("insert", "新增。")]
    assert diff_segments("删除。", "") == [Segment("delete", "删除。")]


def test_an_inserted_clause_is_aligned_on_punctuation():
    segs = diff_segments(
        "配备值班电话、传真机、应急通讯录。",
        "配备值班电话、传真机、视频会商终端、应急通讯录。",
    )
    assert segs == [
        Segment("equal", "配备值班电话、传真机、"),
        Segment("insert", "视频会商终端、"),
        Segment("equal", "应急通讯录。"),
    ]


TEXT = st.text(alphabet="的局办公室应当审批报销，。\n0123", max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_segments_reconstruct_both_texts(a, b):
    segs = diff_segments(a, b)
    assert old_text(segs) == a and new_text(segs) == b
    assert all(s.text for s in segs)
    for first, second in zip(segs, segs[1:]):
        assert first.op != second.op
        assert not (first.op == "insert" and second.op == "delete")
    for before, middle, after in zip(segs, segs[1:], segs[2:]):
        if middle.op == "equal" and before.op != "equal" and after.op != "equal":
            assert len(middle.text) > 1 or "\n" in middle.text


# --- properties of the alignment --------------------------------------------------------------

ARTICLE = st.text(alphabet="考勤请假审批局办公室负责应当不得，。", min_size=0, max_size=25)


def make(texts):
    return ParsedRegulation(
        "article",
        articles=[
            Article(k + 1, f"第{int_to_cn(k + 1)}条", k + 1, [Clause(t, k + 1)] if t else [])
            for k, t in enumerate(texts)
        ],
    )


@st.composite
def versions(draw):
    old = draw(st.lists(ARTICLE, max_size=12))
    new = list(old)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["insert", "delete", "modify", "move", "duplicate"]))
        if op == "insert" or not new:
            new.insert(draw(st.integers(0, len(new))), draw(ARTICLE))
            continue
        k = draw(st.integers(0, len(new) - 1))
        if op == "delete":
            del new[k]
        elif op == "modify":
            text = new[k]
            p = draw(st.integers(0, len(text)))
            q = draw(st.integers(p, len(text)))
            new[k] = text[:p] + draw(ARTICLE) + text[q:]
        elif op == "move":
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(k))
        else:
            new.insert(draw(st.integers(0, len(new))), new[k])
    return old, new


def check_consistent(result, old, new):
    assert isinstance(result, Comparison)
    olds = [c.old for c in result.changes if c.old is not None]
    news = [c.new for c in result.changes if c.new is not None]
    # every article appears exactly once; the new ones in their order
    assert Counter(map(id, olds)) == Counter(map(id, old.articles))
    assert [id(a) for a in news] == [id(a) for a in new.articles]
    for c in result.changes:
        assert isinstance(c, ArticleChange)
        assert c.kind in ("added", "deleted", "changed", "renumbered", "unchanged")
        assert (c.old is None) == (c.kind == "added")
        assert (c.new is None) == (c.kind == "deleted")
        if c.kind in ("unchanged", "renumbered"):
            assert article_text(c.old) == article_text(c.new)
            assert (c.old.number == c.new.number) == (c.kind == "unchanged")
        if c.kind == "changed":
            a, b = article_text(c.old), article_text(c.new)
            assert a != b and SIMILARITY_THRESHOLD <= c.similarity < 1
            assert old_text(c.segments) == a and new_text(c.segments) == b
    kinds = Counter(c.kind for c in result.changes)
    assert counts(result) == tuple(kinds[k] for k in ("added", "deleted", "changed", "renumbered", "unchanged"))


@settings(max_examples=300, deadline=None)
@given(versions())
def test_every_article_appears_once_and_new_order_is_kept(pair):
    old_texts, new_texts = pair
    old, new = make(old_texts), make(new_texts)
    result = compare_versions(old, new)
    check_consistent(result, old, new)
    # an article kept word for word is never reported as changed, added or deleted,
    # as long as its text is unique on both sides
    for c in result.changes:
        if c.kind in ("added", "deleted", "changed"):
            for art in (c.old, c.new):
                if art is not None:
                    t = article_text(art)
                    assert not (old_texts.count(t) == 1 and new_texts.count(t) == 1)


@settings(max_examples=100, deadline=None)
@given(st.lists(ARTICLE, max_size=12))
def test_identical_lists_are_unchanged(texts):
    result = compare_versions(make(texts), make(texts))
    assert [c.kind for c in result.changes] == ["unchanged"] * len(texts)


# --- speed -----------------------------------------------------------------------------------


def test_two_long_versions_compare_quickly():
    pool = BASE + [NEW_ARTICLE, OUTLINE_OLD.replace("\n", "")]
    old = [f"{pool[k % len(pool)]}第{k}项工作按照有关规定办理。" for k in range(200)]
    new = list(old)
    new.insert(3, NEW_ARTICLE)
    del new[50]
    for k in range(60, 200, 7):
        new[k] = new[k].replace("有关规定", "局机关有关规定")
    new[150:160] = [f"第{k}项新增的工作要求，由局办公室另行制定。" for k in range(10)]
    old_reg, new_reg = make(old), make(new)
    start = time.perf_counter()
    result = compare_versions(old_reg, new_reg)
    elapsed = time.perf_counter() - start
    check_consistent(result, old_reg, new_reg)
    assert counts(result) == (11, 11, 18, 46, 125)
    assert elapsed < 1.0
