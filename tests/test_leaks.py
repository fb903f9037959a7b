"""The first promise: nothing that is not public reaches any byte of the built site.

A corpus holds one item of every unpublishable kind, each with a unique marker
in its title and body. The site is built for many as-of dates and every output
file (HTML, JSON, XML, sitemap, feed, 404, compressed files, Word downloads) is
scanned for the markers. Items that become public on a date must appear from
exactly that date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.commands.sitebuild import build_checked
from testkit.leaks import as_of_dates, output_bytes

D = dt.date

# marker -> date it becomes public (None: never)
MARKERS: dict[str, D | None] = {
    "qzleaksecret": None,
    "qzleakinternal": None,
    "qzleakonrequest": None,
    "qzleakwithheld": None,
    "qzleaklater": D(2026, 12, 15),
    "qzleakunapproved": None,
    "qzleaknextposting": D(2027, 1, 10),
    "qzleakdraftversion": D(2027, 2, 1),
    "qzleakdraftitem": None,
}


def seed(corpus) -> None:
    corpus.document(
        slug="public", number="区建发〔2026〕1号", signed_on=D(2026, 3, 2), title="关于加强机关值班管理的通知"
    )
    corpus.document(
        slug="secret",
        number="区建发〔2026〕2号",
        signed_on=D(2026, 3, 3),
        title="关于qzleaksecret专项工作的通知",
        classification="机密",
        retention="永久",
        body="",
    )
    corpus.document(
        slug="internal",
        number="区建发〔2026〕3号",
        signed_on=D(2026, 3, 4),
        title="关于qzleakinternal事项的通知",
        classification="内部",
        withhold_reason="内部管理信息",
        body="各科室：\n\nqzleakinternal 内部事项正文。\n",
    )
    corpus.document(
        slug="onrequest",
        number="区建发〔2026〕4号",
        signed_on=D(2026, 3, 5),
        title="关于qzleakonrequest事项的通知",
        disclosure="依申请公开",
        body="各科室：\n\nqzleakonrequest 依申请公开正文。\n",
    )
    corpus.document(
        slug="withheld",
        number="区建发〔2026〕5号",
        signed_on=D(2026, 3, 6),
        title="关于qzleakwithheld事项的通知",
        disclosure="不予公开",
        withhold_reason="涉及个人隐私",
        body="各科室：\n\nqzleakwithheld 不予公开正文。\n",
    )
    corpus.document(
        slug="later",
        number="区建发〔2026〕6号",
        signed_on=D(2026, 11, 20),
        published_on=D(2026, 12, 15),
        title="关于qzleaklater事项的通知",
        body="各科室：\n\nqzleaklater 定期发布正文。\n",
    )
    corpus.disclosure(
        posting="2027-Q3",
        slug="unapproved",
        title="qzleakunapproved收费标准",
        approved_by=None,
        approved_on=None,
        body="qzleakunapproved 未审签事项。\n",
    )
    corpus.disclosure(
        posting="2027-Q1",
        slug="next",
        title="qzleaknextposting收费标准",
        approved_on=D(2026, 11, 20),
        body="qzleaknextposting 下一期事项。\n",
    )
    corpus.disclosure(
        posting="2027-Q1",
        slug="draft",
        title="qzleakdraftitem收费标准",
        approved_by=None,
        approved_on=None,
        kind="pre",
        comment_until=D(2027, 9, 30),
        body="qzleakdraftitem 未审签的征求意见稿。\n",
    )
    corpus.regulation("kaoqin", versions={})
    corpus.version("kaoqin", "2025-03-01", adopted_on=D(2025, 2, 20))
    corpus.version(
        "kaoqin",
        "2027-03-01",
        adopted_on=D(2027, 2, 1),
        body="## 第一章 总则\n\n第一条　qzleakdraftversion 为规范考勤管理，制定本制度。\n",
    )


@pytest.mark.slow
@pytest.mark.parametrize("daily", [False, True], ids=["fresh-builds", "daily-incremental-rebuilds"])
def test_no_unpublished_marker_reaches_the_site_on_any_date(corpus, tmp_path, daily):
    """``daily``: one output folder rebuilt date after date, as the scheduled job does (each
    build starts from the previous site); otherwise a new folder for every date."""
    seed(corpus)
    dates = as_of_dates()
    assert len(dates) >= 50
    seen_public: dict[str, list[D]] = {m: [] for m in MARKERS}
    incremental_builds = 0
    for as_of in dates:
        out = tmp_path / ("site" if daily else f"site-{as_of.isoformat()}")
        result = build_checked(corpus.root, as_of, out)
        incremental_builds += result.timings["incremental"] == 1.0
        found: dict[str, str] = {}
        for path, data in output_bytes(out):
            for marker in MARKERS:
                if marker not in found and marker.encode() in data:
                    found[marker] = str(path.relative_to(out))
        for marker, public_from in MARKERS.items():
            should = public_from is not None and as_of >= public_from
            assert (marker in found) == should, (
                f"as of {as_of}: {marker} {'missing' if should else 'leaked into ' + found.get(marker, '')}"
            )
            if should:
                seen_public[marker].append(as_of)
        posting = out / "disclosure" / "2027-Q1" / "index.html"
        assert posting.exists() == (as_of >= D(2027, 1, 10)), as_of
        if not daily:
            import shutil

            shutil.rmtree(out)
    if daily:  # all but the first, and the day a new posting enters the navigation
        assert incremental_builds == len(dates) - 2
    else:
        assert incremental_builds == 0
    # every item that becomes public was seen public on its first day
    for marker, public_from in MARKERS.items():
        if public_from is not None:
            assert public_from in seen_public[marker], marker
