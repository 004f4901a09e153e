"""Match this year's 任务分工 items to the closest items of an earlier year's ("往年参考").

What two texts are compared on, `normalise`: (1) disclosure paths `(公开路径:1.政府网站>…)`,
`〔公开渠道:…〕` are cut out through their closing bracket (to the end if none): unrelated tasks
share them word for word, and a path may change while the task stays; (2) NFKC: full-width
letters, digits and punctuation become half-width; (3) whitespace, punctuation and symbols
(Unicode categories P*, S*, ASCII and CJK alike: “”《》（）、，。；…—·) and control and format
characters (Cc, Cf: zero-width spaces) are dropped, ASCII letters lower-cased; (4) every run of
digits becomes one "#", so "2021年6月底前" and "2022年9月底前" compare equal.

How alike, `similarity`: the Jaccard similarity |X∩Y| / |X∪Y| of the sets of character bigrams of
the two normalised texts (of one character: the set of it). An empty text scores 0 against any
text, itself included: it never matches. Two different texts with the same bigram set (甲乙甲,
甲乙甲乙甲) score n/(n+1) for n bigrams, as if one more differed: 1.0 means equal texts.

`MATCH_THRESHOLD` = 0.6, from the sample documents (tests/data/documents, 2021 to 2026): pairs at
0.6 or more are the same recurring task reworded by another year or city (up to 0.95); different
tasks on one topic, sharing 政府信息公开 / 按要求 / 政府网站, score 0.05–0.35; from 0.6 down to 0.5
heavier rewordings mix with short unrelated tasks sharing a tail (…前报区政府办公室): no reference
beats a wrong one. No threshold tells one template filled in twice apart (涉及教育方面的舆情… /
涉及安全生产方面的舆情…: 0.83), so show the old text with the score.

`match_items` returns what scoring all pairs would, without scoring all pairs. Equal normalised
texts pair through a dict. The other new items are indexed by prefix (the prefix filter for
Jaccard): bigrams are ordered rarest first (by how many of those new items hold one, ties by the
bigram; one none holds comes first and matches nothing), and a set S is indexed, or probed, by
its first |S| - ceil(t|S|) + 2 bigrams. Two sets reaching t share k >= ceil(t|S|) bigrams, the
k-th rarest of them within the first |S| - ceil(t|S|) + k of each set; so an old item is scored
only against new items sharing two prefix bigrams with it (one if ceil(t|S|) < 2) and passing
the length filter t|X| <= |Y| <= |X|/t. Ties go to the old item nearest in relative position
((index + 1/2) / length), then to the earlier one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from itertools import chain, compress, repeat
from operator import add, eq

MATCH_THRESHOLD: float = 0.6

_EPS = 1e-9  # slack for float rounding in the filters: it only admits more candidates
_DIGITS = re.compile(r"\d+")
_B = re.escape("()（）[]［］〔〕【】")  # a path runs to its closing bracket; one level nests: 村（居）务
_PATH = re.compile(rf"公开(?:路径|渠道)\s*[:：](?:[^{_B}]|[(（\[［〔【][^{_B}]*[)）\]］〕】])*")


def _kept(c: str) -> str:
    category = unicodedata.category(c)
    dropped = c.isspace() or category[0] in "PS" or category in ("Cc", "Cf")
    return "" if dropped else c.lower() if c.isascii() else c


class _CharMap(dict):
    """str.translate table, filled on first sight of a character: its NFKC form, kept characters only."""

    def __missing__(self, ch: int) -> str | None:
        self[ch] = value = "".join(map(_kept, unicodedata.normalize("NFKC", chr(ch)))) or None
        return value


_CHARS = _CharMap()


def normalise(text: str) -> str:
    """What two item texts are compared on (see the module docstring)."""
    if "公开" in text:
        text = _PATH.sub("", text)
    # NFKC character by character, then over the whole for what composes across characters (a
    # quick no-op on Chinese): NFKC first but for combining marks beside punctuation; 2x faster.
    return _DIGITS.sub("#", unicodedata.normalize("NFKC", text.translate(_CHARS)))


class _Canon(dict):
    """One object for equal tokens: look-ups of that object skip comparing strings (much faster)."""

    def __missing__(self, token: str) -> str:
        self[token] = token
        return token


def _tokens(norm: str, canon: _Canon | None = None) -> set[str]:
    """The bigrams of a normalised text; its one character if it has one; empty if empty."""
    grams = map(add, norm, norm[1:]) if len(norm) > 1 else iter(norm)
    return set(grams if canon is None else map(canon.__getitem__, grams))


def _score(inter: int, lx: int, ly: int) -> float:
    """Jaccard of two different texts' bigram sets; equal sets count one bigram apart."""
    union = lx + ly - inter
    return inter / union if inter < union else lx / (lx + 1)


def similarity(a: str, b: str) -> float:
    """Score in [0, 1] of two raw texts (normalised inside). 1.0 iff normalise(a) == normalise(b)
    (and is not empty: an empty text scores 0 against anything)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    x, y = _tokens(na), _tokens(nb)
    return _score(len(x & y), len(x), len(y))


def _exact(new_norm: list[str], old_norm: list[str], nearest) -> tuple[dict[int, int], list[int]]:
    """New index -> nearest old index with the same normalised text; the other non-empty new indices."""
    by_text: dict[str, list[int]] = {}
    for j, norm in enumerate(old_norm):
        if norm:
            by_text.setdefault(norm, []).append(j)
    found = {i: nearest(i, by_text[norm]) for i, norm in enumerate(new_norm) if norm in by_text}
    return found, [i for i, norm in enumerate(new_norm) if norm and i not in found]


def _ranker(sets) -> dict[str, int]:
    """Token -> place (from 1) in the order: rarest first (fewest sets hold it), ties by the token."""
    df = Counter(chain.from_iterable(sets))
    order = sorted(df)
    order.sort(key=df.__getitem__)  # stable: ties stay in token order
    return dict(zip(order, range(1, len(order) + 1)))


def _prefix(tokens: set[str], t: float, rank: dict[str, int], extra: int) -> list[int]:
    """Places of a set's first |S| - ceil(t|S|) + 1 + extra tokens; unranked ones (0) come first."""
    size = len(tokens)
    return sorted(map(rank.get, tokens, repeat(0)))[: size - math.ceil(t * size - _EPS) + 1 + extra]


def _candidates(y: set[str], t: float, rank: dict[str, int], index: list[list[int]]) -> set[int]:
    """Indexed sets listed under two of y's prefix tokens (one, when ceil(t|y|) < 2)."""
    two = math.ceil(t * len(y) - _EPS) >= 2
    postings = chain.from_iterable(map(index.__getitem__, _prefix(y, t, rank, two)))
    if not two:
        return set(postings)
    ids = sorted(postings)
    return set(compress(ids, map(eq, ids, ids[1:])))


class TooAlike(Exception):
    """Texts so alike (a handful of words repeated) that pairs worth scoring grow as their
    product: matching would take minutes. Only equal texts can be matched then."""


def work_budget(n: int, m: int) -> int:
    """How many candidate pairs `match_items` scores before giving up: every pair of documents
    of a usual size (a few hundred items), else 25 per item — real documents need a few each;
    texts made of a handful of repeated words need thousands, and are stopped within a second or two."""
    return max(25 * max(n, m), min(n * m, 1_000_000))


def match_items(
    new: list[tuple[str, str]],
    old: list[tuple[str, str]],
    threshold: float = MATCH_THRESHOLD,
    exact_only: bool = False,
    budget: int | None = None,
) -> dict[str, tuple[str, float]]:
    """new/old: (item_id, text) in document order. Returns new item id -> (old item id, score)
    for every new item whose best old item scores >= threshold. Exact normalised matches score 1.0.
    Ties: the old item nearest in document position (relative position in its list) wins, then the
    earlier one. An old item may be the match of several new items.

    `exact_only`: equal normalised texts only. `budget`: raise TooAlike after scoring that many
    candidate pairs (see work_budget)."""
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    n, m, t = len(new), len(old), threshold
    new_norm = [normalise(text) for _, text in new]
    old_norm = [normalise(text) for _, text in old]

    def distance(i: int, j: int) -> int:  # |(i+½)/n - (j+½)/m| times 2nm, exact
        return abs((2 * i + 1) * m - (2 * j + 1) * n)

    found, rest = _exact(new_norm, old_norm, lambda i, js: min(js, key=lambda j: (distance(i, j), j)))
    best = {i: (-1.0, 0, j) for i, j in found.items()}  # new index -> (-score, distance, old index)
    if rest and not exact_only:  # index the new items left, probe with every old one
        left = math.inf if budget is None else budget
        canon = _Canon()
        new_sets = {i: _tokens(new_norm[i], canon) for i in rest}
        rank = _ranker(new_sets.values())
        index: list[list[int]] = [[] for _ in range(len(rank) + 1)]  # place -> new indices
        for i, x in new_sets.items():
            for place in _prefix(x, t, rank, 1):
                index[place].append(i)
        for j, norm in enumerate(old_norm):
            y = _tokens(norm)
            ly = len(y)
            lo, hi = t * ly - _EPS, ly / t + _EPS
            candidates = _candidates(y, t, rank, index) if ly else ()
            left -= len(candidates)
            if left < 0:
                raise TooAlike(f"more than {budget} candidate pairs")
            for i in candidates:
                x = new_sets[i]
                if lo <= len(x) <= hi:
                    score = _score(len(x & y), len(x), ly)
                    key = (-score, distance(i, j), j)
                    if score >= t and key < best.get(i, (0.0,)):
                        best[i] = key
    return {new[i][0]: (old[j][0], -score) for i, (score, _, j) in sorted(best.items())}
