"""What makes the site a government website (政府网站发展指引, 国办发〔2017〕47号; DOMAIN §7):
the footer with the agency's filings, the 网站地图, and the places of the 政府信息公开 column.

The footer is Material's ``partials/copyright.html`` overridden in :data:`OVERRIDES` (a small
theme override, no JavaScript); its data travels in ``mkdocs.yml`` under ``extra.govpub``,
every value escaped here with :mod:`.render`, so the template only places them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Agency
from . import render
from .parts import SiteParts

#: govpub's theme overrides (``theme.custom_dir`` of every generated ``mkdocs.yml``)
OVERRIDES = Path(__file__).resolve().parent / "overrides"

#: the 政府信息公开 column (国办公开办函〔2019〕61号: four first-level parts); pinyin folder
#: names as government sites use them (xxgk = 信息公开, fdzdgknr = 法定主动公开内容)
COLUMN_INDEX = "xxgk/index.md"
GUIDE_PAGE = "xxgk/zhinan.md"
RULES_PAGE = "xxgk/zhidu.md"
PROACTIVE_PAGE = "xxgk/fdzdgknr.md"
REPORTS_INDEX = "xxgk/nianbao/index.md"
SITEMAP_PAGE = "sitemap.md"


def report_page(year: int) -> str:
    return f"xxgk/nianbao/{year}.md"


#: site.yml ``website`` keys in the order the footer shows them, with their labels
WEBSITE_FIELDS = {
    "sponsor": "主办单位",
    "site_code": "网站标识码",
    "icp": "ICP备案",
    "police_record": "公安机关备案",
    "contact": "联系电话",
}
#: keys that are not shown on their own
WEBSITE_EXTRA_FIELDS = {"police_record_url": "公安机关备案链接"}
#: where an ICP filing number is looked up (the national ICP filing system)
ICP_LOOKUP = "https://beian.miit.gov.cn/"

_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.I)


def safe_http_url(value: str | None) -> str | None:
    """``value`` when it is a plain http(s) URL, else None (never a ``javascript:`` link)."""
    if not value:
        return None
    value = str(value).strip()
    return value if _HTTP_URL.match(value) else None


def footer_extra(agency: Agency) -> dict:
    """``extra.govpub`` for ``mkdocs.yml``: the footer's links and the agency's filings."""
    site = agency.website or {}
    identity = []
    sponsor = site.get("sponsor") or agency.agency
    for key, label in WEBSITE_FIELDS.items():
        value = sponsor if key == "sponsor" else site.get(key)
        if not value or not str(value).strip():
            continue
        item = {"label": label, "text": render.escape_html(str(value).strip())}
        href = None
        if key == "icp":
            href = ICP_LOOKUP
        elif key == "police_record":
            href = safe_http_url(site.get("police_record_url"))
        if href:
            item["href"] = render.escape_html(href)
        identity.append(item)
    links = [
        {"title": "网站地图", "path": _dir_url(SITEMAP_PAGE)},
        {"title": "政府信息公开", "path": _dir_url(COLUMN_INDEX)},
        {"title": "政府信息公开指南", "path": _dir_url(GUIDE_PAGE)},
        {"title": "订阅更新", "path": "feed.xml"},
    ]
    return {"links_label": "网站信息", "links": links, "identity": identity}


def _dir_url(page: str) -> str:
    """The directory-style URL (from the site root) of a generated page."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def annual_reports(corpus, view, builder, downloads: bool, parts: SiteParts) -> None:
    """Give ``builder`` the public annual reports of ``view`` (counted from the corpus as the
    public saw it on 31 December of their year, by ``parts.annual_report``) and, with
    ``downloads``, their Word files (``parts.report_docx``: cached like the documents' Word
    files, by a key of everything that goes into them)."""
    for year in view.annual_reports:
        report = parts.annual_report(corpus, year)
        builder.annual_reports[year] = report
        if downloads:
            path = parts.report_docx(corpus, report)
            target = f"{report_page(year)[:-3]}/{year}-annual-report.docx"
            builder.report_downloads[year] = (target, str(path))


def write_data_files(builder, site_dir: Path) -> list[str]:
    """Write the site's data files (:meth:`SiteBuilder.data_files`) into ``site_dir``, each as
    a new file (the site being built may share files with the published one); return their
    site paths."""
    written = []
    for rel, data in sorted(builder.data_files().items()):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_bytes(data)
        written.append(rel)
    return written
