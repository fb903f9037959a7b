"""govpub: publish an agency's rules and records."""

__version__ = "0.1.0"
