"""Reading a corpus root into the typed model."""

from .loader import CorpusRootError, load_corpus

__all__ = ["CorpusRootError", "load_corpus"]
