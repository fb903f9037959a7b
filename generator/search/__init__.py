from dataclasses import dataclass, field
@dataclass
class SearchUnit:
    url: str
    title: str
    kind: str
    text: str
    meta: str = ""
    date: str | None = None
    numbers: list[str] = field(default_factory=list)
