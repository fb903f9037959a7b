"""A small hand-written corpus for the search tests, and its built index."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.search import SearchUnit, build_index


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


@pytest.fixture(scope="session")
def hand_index(tmp_path_factory) -> Path:
    """The built site directory for :func:`hand_units`; the index is ``/search-index``."""
    out = tmp_path_factory.mktemp("hand-site")
    build_index(hand_units(), out)
    return out
