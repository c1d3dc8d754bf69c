"""Page-chrome rules for web pages and PDF pages, read from ``ie/resources/chrome.yaml`` and validated on load."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ie.errors import ResourceError
from ie.resources import load_yaml, resource_path

_KEYS = ("drop_tags", "drop_attr_patterns", "drop_line_patterns", "strip_patterns", "page_number_patterns",
         "paragraph_start_patterns")


@dataclass(frozen=True)
class ChromeRules:
    drop_tags: frozenset
    drop_attr: tuple
    drop_line: tuple
    strip: tuple
    page_number: tuple = ()  # a PDF margin line matching one is a page number
    paragraph_start: tuple = ()  # a PDF line matching one (an enumerator) starts a new paragraph

    def is_page_number(self, line: str) -> bool:
        return any(p.match(line) for p in self.page_number)

    def starts_paragraph(self, line: str) -> bool:
        return any(p.match(line) for p in self.paragraph_start)

    def drops_attr(self, value: str) -> bool:
        return any(p.search(value) for p in self.drop_attr)

    def clean_line(self, line: str) -> Optional[str]:
        """The line without chrome pieces, or None when the whole line is chrome.

        >>> rules = chrome_rules()
        >>> rules.clean_line("您现在的位置:首页 >> 政府信息公开工作年度报告") is None
        True
        >>> rules.clean_line("特此报告。【打印】【关闭】")
        '特此报告。'
        """
        if any(p.search(line) for p in self.drop_line):
            return None
        for p in self.strip:
            line = p.sub("", line)
        line = line.strip()
        return line or None


def parse_rules(data, file: str) -> ChromeRules:
    """Validate the YAML data; a missing key, a non-string entry or a bad regex raises ResourceError."""
    if not isinstance(data, dict):
        raise ResourceError(file, "top level", type(data).__name__, "must be a mapping")
    compiled = {}
    for key in _KEYS:
        items = data.get(key)
        if not isinstance(items, list):
            raise ResourceError(file, key, items, "must be a list of strings")
        for item in items:
            if not isinstance(item, str) or not item:
                raise ResourceError(file, key, item, "must be a non-empty string")
        if key == "drop_tags":
            compiled[key] = frozenset(s.lower() for s in items)
            continue
        pats = []
        for item in items:
            try:
                pats.append(re.compile(item, re.IGNORECASE if key == "drop_attr_patterns" else 0))
            except re.error as exc:
                raise ResourceError(file, key, item, f"is not a valid regex ({exc})") from None
        compiled[key] = tuple(pats)
    unknown = set(data) - set(_KEYS)
    if unknown:
        raise ResourceError(file, "keys", sorted(unknown), f"unknown; expected {list(_KEYS)}")
    return ChromeRules(compiled["drop_tags"], compiled["drop_attr_patterns"], compiled["drop_line_patterns"],
                       compiled["strip_patterns"], compiled["page_number_patterns"],
                       compiled["paragraph_start_patterns"])


@lru_cache(maxsize=None)
def chrome_rules(path: Optional[str] = None) -> ChromeRules:
    """The chrome rules of ``path`` (default: the bundled ``chrome.yaml``)."""
    file = path or str(resource_path("chrome.yaml"))
    return parse_rules(load_yaml(file), file)
