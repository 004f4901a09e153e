"""Resolving what a user typed to a unit of the database (names, aliases, pinyin from its rows).

Pure Python; pinyin is computed when the database is built (store/build.py) and handed to
`Catalogue` as plain strings, so nothing here imports pypinyin.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..errors.family import GongkaiError
from . import normalise


class UnknownUnit(GongkaiError, LookupError):
    def __init__(self, text: str, suggestions: list[str], ambiguous: bool = False):
        self.text = text
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        if ambiguous:
            msg = f"「{text}」可以指多个单位,请写全称:{''.join(f'「{s}」' for s in suggestions)}"
        else:
            msg = f"未知单位「{text}」。" + (
                f"您是不是要找:{''.join(f'「{s}」' for s in suggestions)}" if suggestions else ""
            )
        super().__init__(msg)


@dataclass
class Catalogue:
    """Resolves what a user typed to a unit name. Built from database rows."""

    kinds: dict[str, str]  # name → kind
    alias_of: dict[str, str]  # alias → name
    spellings: dict[str, set[str]] = field(default_factory=dict)  # pinyin/initials → names
    _spelled: dict[str, list[str]] | None = field(default=None, init=False, repr=False, compare=False)
    _keyed: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def resolve(self, text: str) -> str:
        key = text.strip()
        if key in self.kinds:
            return key
        if key in self.alias_of:
            return self.alias_of[key]
        same = self._by_key().get(normalise.key(key))
        if same is not None:  # 各镇（街道） typed for 各镇(街道): brackets and spaces do not count
            return same
        low = re.sub(r"\s+", "", key).lower()
        hits = sorted(self.spellings.get(low, ()))
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise UnknownUnit(text, hits[:5], ambiguous=True)
        raise UnknownUnit(text, self.closest(key))

    def _by_key(self) -> dict[str, str]:
        """Names and aliases by `normalise.key`; a key two units share names neither."""
        if self._keyed is None:
            keyed: dict[str, set[str]] = {}
            for shown, name in [(k, k) for k in self.kinds] + list(self.alias_of.items()):
                keyed.setdefault(normalise.key(shown), set()).add(name)
            self._keyed = {k: next(iter(names)) for k, names in keyed.items() if len(names) == 1}
        return self._keyed

    def closest(self, text: str, n: int = 5) -> list[str]:
        low = text.lower()
        scored: dict[str, float] = {}
        candidates = [(k, k) for k in self.kinds] + list(self.alias_of.items())
        candidates += [(s, name) for s, names in self.spellings.items() for name in names]
        for shown, name in candidates:
            score = difflib.SequenceMatcher(None, low, shown.lower()).ratio()
            if score > scored.get(name, -1.0):
                scored[name] = score
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        return [name for name, _ in ranked[:n]]

    def spellings_of(self, name: str) -> list[str]:
        """Aliases, pinyin and initials that name this unit (for search)."""
        if self._spelled is None:
            spelled: dict[str, list[str]] = {}
            for alias, unit in self.alias_of.items():
                spelled.setdefault(unit, []).append(alias)
            for spelling, names in self.spellings.items():
                for n in names:
                    spelled.setdefault(n, []).append(spelling)
            self._spelled = spelled
        return self._spelled.get(name, [])

    def matches(self, query: str, name: str) -> bool:
        """Whether a search query names this unit (by name, alias, pinyin or initials)."""
        q = re.sub(r"\s+", "", query).lower()
        if not q:
            return False
        return q in name.lower() or any(q in s.lower() for s in self.spellings_of(name))
