"""Search units for the search tests and bench: a small hand-written set (:func:`hand_units`)
and a deterministic synthetic corpus of administrative Chinese (:func:`generate_units`).

Real corpora of this size are not public, so :func:`generate_units` writes documents from a
seeded vocabulary of the phrases that fill 公文 (subjects, verbs, tasks, legal bases, dates,
amounts, place and company names made of random characters) and cites other documents by
发文字号, as real documents do. The random names give the long tail of rare bigrams that real
text has; the fixed phrases give the very frequent ones. Some units deliberately contain the
characters or bigrams of a test phrase scattered (值 … 班, 请假 … 超过 … 三天) so precision
can be tested.
"""

from __future__ import annotations

import itertools
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.search import SearchUnit
from generator.text.chinese import is_cjk

__all__ = ["generate_units", "CODES", "DOC_TYPES"]

CODES = ("区建发", "区建办", "区建函", "区建字", "区建报", "区建通")
DOC_TYPES = ("通知", "通报", "报告", "请示", "批复", "函", "意见", "方案", "纪要", "公告", "决定")

_SUBJECTS = (
    "局机关各科室",
    "局属各单位",
    "各街道办事处",
    "区建设工程质量安全监督站",
    "各建设、施工、监理单位",
    "局办公室",
    "政策法规科",
    "工程建设科",
    "财务审计科",
    "房地产市场监管科",
    "各物业服务企业",
    "区房屋征收事务中心",
    "区住房保障服务中心",
    "各乡镇人民政府",
    "局领导班子成员",
    "各科室负责人",
    "全体工作人员",
    "值班人员",
    "带班领导",
    "考勤员",
    "项目建设单位",
    "各有关单位",
)
_VERBS = (
    "进一步加强",
    "认真落实",
    "切实做好",
    "严格执行",
    "统筹推进",
    "持续优化",
    "全面规范",
    "扎实开展",
    "深入推进",
    "不断完善",
    "着力提升",
    "有序推进",
    "全面落实",
    "稳步推进",
    "加快推进",
    "依法规范",
    "认真组织",
    "严格落实",
    "广泛开展",
    "健全完善",
)
_OBJECTS = (
    "机关值班管理",
    "安全生产工作",
    "营商环境",
    "考勤管理",
    "印章管理",
    "老旧小区改造",
    "建筑工地扬尘治理",
    "保障性住房建设",
    "物业管理服务",
    "建筑施工安全",
    "财务审计",
    "公文处理",
    "档案归档",
    "应急处置",
    "信息报送",
    "住房租赁市场监管",
    "工程建设项目审批",
    "城镇燃气安全",
    "房屋征收补偿",
    "住宅专项维修资金管理",
    "农村危房改造",
    "建筑市场信用评价",
    "施工许可审批",
    "节能减排",
    "人防工程监督检查",
    "消防设计审查验收",
    "政务公开",
    "法治政府建设",
    "干部教育培训",
    "党风廉政建设",
    "节假日值班",
    "请假销假管理",
    "考勤奖发放",
    "电动自行车充电设施排查",
    "夜间施工管理",
    "冬季施工安全",
    "防汛防台",
    "高温天气施工防护",
)
_GOALS = (
    "各项工作平稳有序",
    "责任落实到人",
    "问题整改到位",
    "群众满意度持续提升",
    "不发生较大以上安全事故",
    "信息报送及时准确",
    "资金使用安全规范",
    "审批时限进一步压缩",
    "服务质量明显提高",
    "工作任务按期完成",
    "突发事件得到及时有效处置",
    "档案资料完整准确",
    "制度执行不走样",
)
_LAWS = (
    "《中华人民共和国安全生产法》",
    "《中华人民共和国建筑法》",
    "《优化营商环境条例》",
    "《党政机关公文处理工作条例》",
    "《物业管理条例》",
    "《建设工程安全生产管理条例》",
    "《公务员考核规定》",
    "《职工带薪年休假条例》",
    "《中华人民共和国公务员法》",
    "《住房城乡建设部关于加强建筑施工安全管理的通知》",
    "《机关档案管理规定》",
    "《城镇燃气管理条例》",
    "《国有土地上房屋征收与补偿条例》",
    "上级有关文件精神",
)
_SENTENCES = (
    "为{verb}{obj}工作，根据{law}，结合本局实际，现将有关事项通知如下。",
    "{subj}要{verb}{obj}，确保{goal}。",
    "{subj}是{obj}的第一责任人，要切实履行工作职责，{verb}各项措施。",
    "各单位要高度重视{obj}，把{obj2}纳入年度重点工作，{verb}。",
    "{date}，我局组织召开{obj}专题会议，研究部署{obj2}相关工作。",
    "截至{date}，全区累计完成{obj}项目{n}个，完成投资{money}万元，占年度计划的{pct}%。",
    "对检查中发现的{n}个问题，{subj}要建立台账、限时整改，于{date}前将整改情况报{subj2}。",
    "{place}{proj}由{company}承建，建筑面积{area}平方米，计划于{date}竣工。",
    "联系人：{person}，联系电话：{phone}。",
    "{subj}要加强对{obj}的监督检查，对发现的问题依法依规严肃处理。",
    "本办法自{date}起施行，由{subj}负责解释。",
    "请各单位于{date}前将{obj}工作总结报送{subj}，逾期未报的予以通报。",
    "{subj}应当按照职责分工，加强协调配合，形成工作合力，共同推进{obj}。",
    "经研究，同意{place}{proj}实施{obj}，所需资金{money}万元从年度预算中列支。",
    "根据{ref}要求，{subj}对{obj}开展了专项检查，共检查{n}家单位。",
    "{person}同志任{dept}负责人，主持{obj}日常工作。",
    "会议听取了{dept}关于{obj}的情况汇报，{person}同志作了讲话。",
    "今年以来，{subj}坚持以人民为中心，{verb}{obj}，取得了阶段性成效。",
    "下一步，我局将{verb}{obj}，推动{obj2}取得新进展。",
    "检测数值异常时，当班人员应当立即报告。",
    "局领导班子成员按照分工，分别联系{n}个街道。",
    "工作人员请假的，应当事先办理审批手续；因公外出超过一天的，应当报告{subj}。",
    "假期届满返岗的，应当在三天内到局办公室销假。",
    "值班人员须按时到岗，不得擅自离岗，认真填写值班记录。",
    "请假超过三天的，须经局主要负责人批准。",
    "考勤奖按月核发，迟到、早退或者旷工的，相应扣减当月考勤奖。",
    "节假日期间实行领导带班和干部值班制度，值班电话保持24小时畅通。",
    "持续优化营商环境，推行容缺受理、一次性告知和限时办结制度。",
    "印章管理实行专人保管、登记使用，严禁在空白文书上加盖印章。",
    "{year}年，全区新开工{obj}项目{n}个，惠及居民{people}户。",
    "以上请示妥否，请批示。",
    "特此通知。",
    "专此函复。",
    "现予公告。",
)
_DEPTS = (
    "局办公室",
    "政策法规科",
    "工程建设科",
    "财务审计科",
    "房地产市场监管科",
    "人事科",
    "城建档案馆",
    "质量安全监督站",
)
_PROJ = (
    "小区改造工程",
    "安置房项目",
    "道路拓宽改造工程",
    "新建工程",
    "扩建工程",
    "保障性租赁住房项目",
    "雨污分流工程",
    "公共租赁住房小区",
    "综合楼维修工程",
    "燃气管道更新改造工程",
)
_PLACE_SUFFIX = ("街道", "社区", "村", "片区", "路", "小区", "花园", "新城")
_NAME_CHARS = (
    "安宝北碧滨博昌朝晨成城川春翠大丹德东富港高光广国海和河红宏华怀辉惠嘉建江金锦景静康兰蓝乐丽利莲"
    "林临龙鹿绿茂美明南宁鹏平浦祺谦清庆秋泉瑞润森山尚盛石顺松泰桃天田亭通万望文西祥翔欣新鑫星兴秀旭"
    "雅阳扬怡银英永友裕园远月云泽长振正志中众洲竹紫"
)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欢阳佳晨晶蕾雪琳颖倩婷"
)
_COMPANY_SUFFIX = (
    "建筑工程有限公司",
    "建设集团有限公司",
    "物业服务有限公司",
    "市政工程有限公司",
    "工程监理有限公司",
    "房地产开发有限公司",
)


def _name(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(_NAME_CHARS) for _ in range(k))


def _date(rng: random.Random, year: int) -> str:
    return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


_FILLERS = {
    "verb": lambda rng, c: rng.choice(_VERBS),
    "obj": lambda rng, c: _topic(rng, c),
    "obj2": lambda rng, c: _topic(rng, c),
    "goal": lambda rng, c: rng.choice(_GOALS),
    "law": lambda rng, c: rng.choice(_LAWS),
    "subj": lambda rng, c: rng.choice(_SUBJECTS),
    "subj2": lambda rng, c: rng.choice(_SUBJECTS),
    "date": lambda rng, c: _date(rng, c.year),
    "year": lambda rng, c: str(c.year),
    "n": lambda rng, c: str(rng.randint(2, 300)),
    "money": lambda rng, c: str(rng.randint(10, 90000)),
    "pct": lambda rng, c: str(rng.randint(30, 120)),
    "area": lambda rng, c: str(rng.randint(800, 200000)),
    "people": lambda rng, c: str(rng.randint(50, 9000)),
    "place": lambda rng, c: _name(rng, 2) + rng.choice(_PLACE_SUFFIX),
    "proj": lambda rng, c: rng.choice(_PROJ),
    "company": lambda rng, c: "青川市" + _name(rng, 2) + rng.choice(_COMPANY_SUFFIX),
    "person": lambda rng, c: rng.choice(_SURNAMES) + _name(rng, 1) + rng.choice(_GIVEN),
    "phone": lambda rng, c: f"0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}",
    "dept": lambda rng, c: rng.choice(_DEPTS),
    "ref": lambda rng, c: (
        f"《关于{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}的{rng.choice(DOC_TYPES)}》（{rng.choice(c.refs)}）"
        if c.refs
        else rng.choice(_LAWS)
    ),
}
_FIELDS = [[f for _, f, _, _ in string.Formatter().parse(t) if f] for t in _SENTENCES]
# Fixed sentences (no slots) are topical: make each one rare, as a given rule is in real text.
_WEIGHTS = list(itertools.accumulate(1.0 if fields else 0.04 for fields in _FIELDS))


@dataclass
class _Context:
    year: int
    refs: list[str]
    topics: list[str]


def _topic(rng: random.Random, c: _Context) -> str:
    """Mostly one of the document's own few topics, sometimes any (documents are topical)."""
    return rng.choice(c.topics) if rng.random() < 0.97 else rng.choice(_OBJECTS)


@lru_cache(maxsize=1)
def _general_words() -> tuple[list[str], list[float]]:
    """Words of 2..4 ideographs from jieba's dictionary with cumulative weights (frequency^0.75).

    They give the generated text the long tail of rare bigrams real prose has, which the
    fixed administrative phrases alone would lack. Empty when jieba is not installed.
    """
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a project dependency
        return [], []
    path = Path(jieba.__file__).with_name("dict.txt")
    words: list[str] = []
    weights: list[float] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2 or not 2 <= len(parts[0]) <= 4 or not all(is_cjk(ch) for ch in parts[0]):
                continue
            freq = int(parts[1])
            if freq >= 30:
                words.append(parts[0])
                weights.append(freq**0.75)
    return words, list(itertools.accumulate(weights))


def _free_clause(rng: random.Random) -> str:
    words, cum = _general_words()
    if not words:
        return ""
    return "".join(rng.choices(words, cum_weights=cum, k=rng.randint(3, 8))) + rng.choice("，。；")


def _sentence(rng: random.Random, c: _Context) -> str:
    if rng.random() < 0.15:
        return _free_clause(rng)
    k = rng.choices(range(len(_SENTENCES)), cum_weights=_WEIGHTS)[0]
    fill = {f: _FILLERS[f](rng, c) for f in _FIELDS[k]}
    return _SENTENCES[k].format(**fill)


def _numbering(rng: random.Random, n: int) -> list[tuple[str, int, int]]:
    """n distinct (code, year, seq) numbers, seq counting up within code and year."""
    counters: dict[tuple[str, int], int] = {}
    out = []
    for _ in range(n):
        code = rng.choice(CODES)
        year = rng.randint(2016, 2026)
        seq = counters.get((code, year), 0) + 1
        counters[(code, year)] = seq
        out.append((code, year, seq))
    return out


def generate_units(
    n: int,
    seed: int = 1,
    *,
    min_chars: int = 800,
    max_chars: int = 3000,
    article_share: float = 0.0,
) -> list[SearchUnit]:
    """``n`` search units: documents (and, with ``article_share``, short regulation articles).

    Documents are ``min_chars``..``max_chars`` characters long, carry one 发文字号 each
    (区建发〔2025〕1号 style, all distinct) and cite earlier numbers in about a third of them.
    Articles are 60..400 characters with titles like 机关考勤管理制度 第十二条 and no number.
    The same arguments always give the same units.
    """
    rng = random.Random(seed)
    numbers = _numbering(rng, n)
    canonical = [f"{c}〔{y}〕{s}号" for c, y, s in numbers]
    units: list[SearchUnit] = []
    for i in range(n):
        code, year, seq = numbers[i]
        refs = canonical[max(0, i - 200) : i]
        ctx = _Context(year, refs, rng.sample(_OBJECTS, 3))
        if rng.random() < article_share:
            units.append(_article(rng, i, ctx))
            continue
        doc_type = rng.choice(DOC_TYPES)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        title = f"关于{rng.choice(_VERBS)}{ctx.topics[0]}的{doc_type}"
        if rng.random() < 0.3:
            title = f"关于{_name(rng, 2)}{rng.choice(_PLACE_SUFFIX)}{rng.choice(_PROJ)}{ctx.topics[0]}的{doc_type}"
        target = rng.randint(min_chars, max_chars)
        paragraphs: list[str] = []
        length = 0
        while length < target:
            para = "".join(_sentence(rng, ctx) for _ in range(rng.randint(2, 6)))
            if rng.random() < 0.25:
                para = (
                    f"{'一二三四五六七八九十'[len(paragraphs) % 10]}、{rng.choice(_VERBS)}{_topic(rng, ctx)}\n" + para
                )
            paragraphs.append(para)
            length += len(para)
        text = "\n".join(paragraphs)
        number = canonical[i]
        units.append(
            SearchUnit(
                url=f"documents/{year}/doc-{i:05d}/",
                title=title,
                kind="document",
                text=text,
                meta=f"{number} · {doc_type} · {year}年{month}月{day}日",
                date=f"{year}-{month:02d}-{day:02d}",
                numbers=[number],
            )
        )
    return units


def _article(rng: random.Random, i: int, ctx: _Context) -> SearchUnit:
    from generator.text.numerals import int_to_cn

    reg = rng.choice(
        ("机关考勤管理制度", "机关值班管理办法", "印章管理规定", "优化营商环境服务规范", "财务管理办法", "公文处理办法")
    )
    art = rng.randint(1, 60)
    text = "".join(_sentence(rng, ctx) for _ in range(rng.randint(1, 4)))
    return SearchUnit(
        url=f"regulations/reg-{i:05d}/#art-{art}",
        title=f"{reg} 第{int_to_cn(art)}条",
        kind="article",
        text=text,
        meta=f"{reg} · {ctx.year}年版",
        date=f"{ctx.year}-01-01",
    )


def iter_substrings(units: list[SearchUnit], count: int, seed: int = 7) -> Iterator[str]:
    """``count`` random substrings of 2..6 characters of the units' texts, without whitespace."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        unit = rng.choice(units)
        length = rng.randint(2, 6)
        if len(unit.text) <= length:
            continue
        start = rng.randrange(len(unit.text) - length)
        piece = unit.text[start : start + length]
        if any(ch.isspace() for ch in piece):
            continue
        made += 1
        yield piece


def hand_units() -> list[SearchUnit]:
    """Units with known matches: each test below names the unit it expects by URL."""
    return [
        SearchUnit(
            url="documents/2025/zhiban/",
            title="关于加强机关值班管理的通知",
            kind="document",
            text="各科室、直属单位：\n为进一步加强机关值班管理，确保节假日期间各项工作平稳有序，现将有关事项通知如下。\n"
            "值班人员须按时到岗，不得擅自离岗。",
            meta="区建发〔2025〕1号 · 通知 · 2025年1月13日",
            date="2025-01-13",
            numbers=["区建发〔2025〕1号"],
        ),
        SearchUnit(
            url="documents/2025/chunjie/",
            title="关于做好2025年春节假期工作安排的通知",
            kind="document",
            text="根据《关于加强机关值班管理的通知》（区建发〔2025〕1号）要求，春节期间实行领导带班制度。\n"
            "各科室要安排好人员，确保联系畅通。",
            meta="区建办〔2025〕2号 · 通知 · 2025年1月20日",
            date="2025-01-20",
            numbers=["区建办〔2025〕2号"],
        ),
        SearchUnit(
            url="documents/2025/zhiban-xiuding/",
            title="关于修订机关工作制度的通知",
            kind="document",
            text="按照区建发[2025]1号文件精神，局办公室对值班表进行了调整。",
            meta="区建发〔2025〕11号 · 通知 · 2025年3月2日",
            date="2025-03-02",
            numbers=["区建发〔2025〕11号"],
        ),
        SearchUnit(
            url="regulations/kaoqin/#art-11",
            title="机关考勤管理制度 第十一条",
            kind="article",
            text="请假按照下列权限审批：\n（一）请假不超过一天的，由科室负责人批准；\n"
            "（三）请假超过三天的，经分管局领导同意后，须经局主要负责人批准。",
            meta="机关考勤管理制度 · 2026年3月1日起施行",
            date="2026-03-01",
        ),
        SearchUnit(
            url="regulations/kaoqin/#art-16",
            title="机关考勤管理制度 第十六条",
            kind="article",
            text="工作人员假期届满，应当按时返岗，并在返岗当日到局办公室销假。",
            meta="机关考勤管理制度 · 2026年3月1日起施行",
            date="2026-03-01",
        ),
        SearchUnit(
            url="regulations/kaoqin/#art-23",
            title="机关考勤管理制度 第二十三条",
            kind="article",
            text="全年出勤良好的工作人员，年终发放考勤奖；值班表现突出的，另行表彰。",
            meta="机关考勤管理制度 · 2026年3月1日起施行",
            date="2026-03-01",
        ),
        SearchUnit(
            url="regulations/yinzhang/",
            title="印章管理规定",
            kind="regulation",
            text="印章管理实行专人保管、登记使用，严禁在空白文书上加盖印章。",
            meta="2025年5月1日起施行",
            date="2025-05-01",
        ),
        SearchUnit(
            url="documents/2025/yingshang/",
            title="关于印发《优化营商环境服务规范》的通知",
            kind="document",
            text="为持续优化营商环境，进一步提升政务服务效能，现印发给你们。",
            meta="区建发〔2025〕9号 · 通知 · 2025年8月22日",
            date="2025-08-22",
            numbers=["区建发〔2025〕9号"],
        ),
        SearchUnit(
            url="disclosures/2025-q3/yingshang-baogao/",
            title="2025年第三季度工作情况",
            kind="disclosure",
            text="本季度我局继续推进各项改革，营商环境持续改善，企业满意度提高。",
            meta="政务公开 · 2025年10月10日",
            date="2025-10-10",
        ),
        # Decoys: the characters 值 and 班 apart; every trigram of 请假超过三天 but not the phrase.
        SearchUnit(
            url="documents/2024/decoy-zhiban/",
            title="关于监测数值上报的通知",
            kind="document",
            text="检测数值异常时立即上报。局领导班子成员分工联系各街道。",
            meta="区建函〔2024〕3号 · 函 · 2024年6月1日",
            date="2024-06-01",
            numbers=["区建函〔2024〕3号"],
        ),
        SearchUnit(
            url="documents/2024/decoy-qingjia/",
            title="关于规范公务接待的通知",
            kind="document",
            text="严禁以请假超时为由拖延。病假超过期限的另行处理。接待超过三人的须报批。逾期超过三天后不予受理。",
            meta="区建函〔2024〕4号 · 函 · 2024年7月1日",
            date="2024-07-01",
            numbers=["区建函〔2024〕4号"],
        ),
        SearchUnit(
            url="documents/2024/fullwidth/",
            title="执行ＧＢ／Ｔ　９７０４标准的说明",
            kind="document",
            text="公文格式按照ＧＢ／Ｔ　９７０４－２０１２执行。",
            meta="区建函〔2024〕5号 · 函 · 2024年8月1日",
            date="2024-08-01",
            numbers=["区建函〔2024〕5号"],
        ),
    ]
