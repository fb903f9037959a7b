"""Feed and sitemap without ``site_url``: a valid Atom feed (absolute, permanent ids; links
relative to the feed) and no sitemap (it would need absolute addresses)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from generator.commands.sitebuild import build_checked

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_feed_without_site_url_is_valid_atom_with_relative_links(corpus, tmp_path):
    corpus.site(site_url=None)
    corpus.document()
    corpus.disclosure()
    build_checked(corpus.root, dt.date(2026, 11, 23), tmp_path / "site", downloads=False)
    site = tmp_path / "site"
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for element in [feed, *feed.findall("a:entry", ATOM)]:
        ident = element.find("a:id", ATOM).text
        assert ident.startswith("urn:uuid:"), ident  # absolute and permanent, as Atom requires
        assert element.find("a:title", ATOM).text and element.find("a:updated", ATOM).text
    entries = feed.findall("a:entry", ATOM)
    links = [e.find("a:link", ATOM).get("href") for e in entries]
    assert sorted(links) == ["disclosure/2025-Q2/", "documents/2025/zhiban-tongzhi/"]
    for link in links:  # relative to the feed at the site's root, each pointing at a page
        assert not urlsplit(link).scheme and (site / link / "index.html").is_file()
    assert "localhost" not in (site / "feed.xml").read_text(encoding="utf-8")
    assert len({e.find("a:id", ATOM).text for e in entries}) == len(entries)
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()


@pytest.mark.slow
def test_feed_ids_stay_the_same_between_builds(corpus, tmp_path):
    corpus.site(site_url=None)
    corpus.document()
    a = build_checked(corpus.root, dt.date(2026, 11, 23), tmp_path / "a", downloads=False).out_dir
    b = build_checked(corpus.root, dt.date(2026, 11, 23), tmp_path / "b", downloads=False).out_dir
    assert (a / "feed.xml").read_bytes() == (b / "feed.xml").read_bytes()


def test_with_site_url_feed_and_sitemap_use_full_addresses(corpus, tmp_path):
    corpus.document()
    site = build_checked(corpus.root, dt.date(2026, 11, 23), tmp_path / "site", downloads=False).out_dir
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find("a:entry/a:id", ATOM).text == "https://zjj.linjiang.example.gov.cn/documents/2025/zhiban-tongzhi/"
    assert "https://zjj.linjiang.example.gov.cn/documents/2025/zhiban-tongzhi/" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
