"""Dates as Chinese official texts write them.

GB/T 9704-2012 cl. 7.3.5.1: the 成文日期 is written in Arabic digits with the year in full and
month and day not padded with zeros (2025年3月5日, never 2025年03月05日). The same form is used
wherever govpub shows a date to a reader: the site's pages, the Word files, the archive
catalogue's cover, the search results.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["cn_date"]


def cn_date(d: dt.date | None) -> str:
    """2025年3月5日 — Arabic digits, no padding (GB/T 9704 成文日期 style); "" for None."""
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"
