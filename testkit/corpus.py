"""Small hand-written corpora for the tests: :class:`CorpusBuilder` writes a valid minimal
corpus root, and each test overrides one thing to trigger a rule or an output.

The ``corpus`` fixture (tests/conftest.py) gives a builder in a temporary root; scripts
(``bench/citations.py``) use the class directly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.check import CheckResult, check_root

#: the as-of date of the sample corpus and of every test corpus
AS_OF = dt.date(2026, 11, 23)
#: the repository root, which is also the sample corpus root
REPO = Path(__file__).resolve().parent.parent

SITE = {
    "agency": "青川市临江区住房和城乡建设局",
    "short_name": "区住建局",
    "fonds": "J012",
    "codes": {"区建发": "局发文", "区建办": "办公室发文", "区建函": "函件"},
    "departments": {"办公室": "BGS", "财务审计科": "CWS", "工程建设科": "GCS"},
    "disclosure_day": 10,
    "site_url": "https://zjj.linjiang.example.gov.cn/",
    "printed_by": "青川市临江区住房和城乡建设局办公室",
}

DOC_BODY = """各科室、直属单位：

为进一步加强机关值班管理，确保节假日期间各项工作平稳有序，现将有关事项通知如下。

一、落实值班责任

（一）各科室主要负责人是本科室值班工作的第一责任人。

（二）值班人员须按时到岗，不得擅自离岗。

二、做好信息报送

遇有突发情况，值班人员应立即报告带班领导。
"""

VERSION_BODY = """## 第一章 总则

第一条　为规范机关考勤管理，制定本制度。

第二条　本制度适用于局机关全体工作人员。

## 第二章 请假

第三条　工作人员请假须履行审批手续：

（一）请假一天以内的，由科室负责人批准；

（二）请假超过三天的，由局主要负责人批准。

第四条　假满应及时销假。违反本制度第三条规定的，按旷工处理。
"""


def dump_front_matter(fm: dict) -> str:
    return yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, default_flow_style=False)


class CorpusBuilder:
    """Writes a valid minimal corpus; tests override one thing to trigger a rule."""

    def __init__(self, root: Path):
        self.root = root
        self.site()

    # -- low level ------------------------------------------------------
    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def md(self, rel: str, fm: dict | str, body: str = "") -> Path:
        head = fm if isinstance(fm, str) else dump_front_matter(fm)
        return self.write(rel, f"---\n{head}---\n{body}")

    # -- corpus files ---------------------------------------------------
    def site(self, **overrides) -> Path:
        data = {**SITE, **overrides}
        data = {k: v for k, v in data.items() if v is not None}
        return self.write("content/site.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def document(
        self,
        slug: str = "zhiban-tongzhi",
        body: str = DOC_BODY,
        year: int | None = None,
        drop: tuple[str, ...] = (),
        **fm,
    ) -> Path:
        data = {
            "number": "区建发〔2025〕1号",
            "title": "关于加强机关值班管理的通知",
            "doc_type": "通知",
            "recipients": "局机关各科室",
            "signed_on": dt.date(2025, 3, 5),
        }
        data.update(fm)
        for key in drop:
            data.pop(key, None)
        data = {k: v for k, v in data.items() if v is not None}
        if year is None:
            signed = data.get("signed_on")
            year = signed.year if isinstance(signed, dt.date) else 2025
        return self.md(f"content/documents/{year}/{slug}.md", data, body)

    def regulation(self, slug: str = "kaoqin", versions: dict | None = None, **yml) -> Path:
        data = {"title": "机关考勤管理制度", "category": "人事管理", "department": "办公室"}
        data.update(yml)
        data = {k: v for k, v in data.items() if v is not None}
        path = self.write(
            f"regulations/{slug}/regulation.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        )
        for date, body in (versions if versions is not None else {"2025-03-01": VERSION_BODY}).items():
            self.version(slug, date, body)
        return path

    def version(self, slug: str, date: str, body: str = VERSION_BODY, **fm) -> Path:
        data: dict = {"effective_on": dt.date.fromisoformat(date) if len(date) == 10 and date[4] == "-" else date}
        data.update(fm)
        data = {k: v for k, v in data.items() if v is not None}
        return self.md(f"regulations/{slug}/{date}.md", data, body)

    def disclosure(
        self,
        posting: str = "2025-Q2",
        slug: str = "shoufei-biaozhun",
        body: str = "本局行政事业性收费项目及标准如下。\n",
        **fm,
    ) -> Path:
        data = {
            "title": "2025年第二季度行政事业性收费标准",
            "category": "收费标准",
            "department": "财务审计科",
            "approved_by": "李明华",
            "approved_on": dt.date(2025, 4, 3),
        }
        data.update(fm)
        data = {k: v for k, v in data.items() if v is not None}
        return self.md(f"content/disclosures/{posting}/{slug}.md", data, body)

    # -- checking -------------------------------------------------------
    def check(self, as_of: dt.date = AS_OF, paths: list[str] | None = None) -> CheckResult:
        return check_root(self.root, as_of, paths)

    def codes(self, as_of: dt.date = AS_OF, paths: list[str] | None = None) -> set[str]:
        return {d.code for d in self.check(as_of, paths).diagnostics}

    def findings(self, code: str, as_of: dt.date = AS_OF) -> list:
        return [d for d in self.check(as_of).diagnostics if d.code == code]
