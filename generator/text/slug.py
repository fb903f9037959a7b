"""File names from Chinese titles: the words of a title in pinyin, as an ASCII slug.

Used by ``govpub new document`` and by the DOCX import to name a new corpus file."""

from __future__ import annotations

import logging
import re

#: at most this many words of the title go into a slug
MAX_SLUG_WORDS = 5


def _core(title: str, doc_type: str) -> str:
    core = re.sub(r"^关于", "", title)
    core = re.sub(rf"的?{re.escape(doc_type)}$", "", core)
    return re.sub(r"[《》“”、，。（）()\s]", "", core) or title


def slug_for(title: str, doc_type: str) -> str:
    """An ASCII slug from the title's words in pinyin: 关于加强值班管理的通知 → jiaqiang-zhiban-guanli."""
    import jieba  # type: ignore[import-untyped]  # jieba ships no type information
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(logging.WARNING)
    words = [w for w in jieba.lcut(_core(title, doc_type)) if w.strip()]
    parts = []
    for word in words[:MAX_SLUG_WORDS]:
        ascii_word = "".join(lazy_pinyin(word)).lower()
        ascii_word = re.sub(r"[^a-z0-9]+", "", ascii_word)
        if ascii_word:
            parts.append(ascii_word)
    return "-".join(parts) or "wenjian"
