"""Full-width and half-width punctuation mean the same to the parser: no character class in
tui/source/ lists a character twice, and every class that holds one form of a punctuation
mark or digit holds the other form too."""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._parser as sre  # the structure of a compiled pattern

import pytest

import tui.source

WIDE = 0xFEE0  # `(` + WIDE = `（`


def _modules():
    for info in pkgutil.walk_packages(tui.source.__path__, "tui.source."):
        yield importlib.import_module(info.name)


def _patterns():
    for module in _modules():
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{module.__name__}.{name}", value


def _classes(parsed):
    """Every character class (as a list of its single characters) in a parsed pattern."""
    for op, av in parsed:
        if op is sre.IN:
            yield [chr(v) for o, v in av if o is sre.LITERAL]
        elif op in (sre.SUBPATTERN,):
            yield from _classes(av[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _classes(av[2])
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _classes(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _classes(av[1])


# Patterns over file markup (XML escapes, HTML attributes), not over a document's text.
MARKUP = {"tui.source.readers.html._META", "tui.source.readers.xlsx._ESCAPED"}
PATTERNS = sorted((n, p) for n, p in _patterns() if n not in MARKUP)


def test_there_are_patterns_to_check():
    assert len(PATTERNS) >= 15


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_no_class_lists_a_character_twice_and_both_widths_are_there(name, pattern):
    for chars in _classes(sre.parse(pattern.pattern, pattern.flags)):
        dup = sorted({c for c in chars if chars.count(c) > 1})
        assert not dup, f"{name}: {dup!r} twice in one class"
        for c in chars:
            if "!" <= c <= "~" and not c.isalpha() and c not in "<>\\^`|~_":
                assert chr(ord(c) + WIDE) in chars, f"{name}: class has {c!r} without {chr(ord(c) + WIDE)!r}"
            if "！" <= c <= "～" and not c.isalpha():
                assert chr(ord(c) - WIDE) in chars, f"{name}: class has {c!r} without {chr(ord(c) - WIDE)!r}"


def test_classes_built_inside_functions_too():
    """Patterns compiled per call (the numbered alternatives of a disclosure path, the next
    item number in a one-line cell) are built from the same sets."""
    from tui.source.items import _next_marker
    from tui.source.numbering import ARABIC, CIRCLED, HALF_PAREN, PAREN

    for style in (ARABIC, PAREN, CIRCLED, HALF_PAREN):
        pattern = re.compile(_next_marker(style, 2))
        for chars in _classes(sre.parse(pattern.pattern)):
            assert len(chars) == len(set(chars)), (style, chars)
    assert re.match(_next_marker(PAREN, 2), "（2）") and re.match(_next_marker(PAREN, 2), "(2)")
    assert re.match(_next_marker(ARABIC, 2), "２．") and re.match(_next_marker(HALF_PAREN, 2), "2）")


@pytest.mark.parametrize(
    "half,full",
    [
        ("(一)公开", "（一）公开"),
        ("公开路径:1.政府网站,2.其他渠道", "公开路径：1．政府网站，2．其他渠道"),
        ("1.公开", "１．公开"),
        ("(1)公开", "（1）公开"),
        ("1)公开", "1）公开"),
    ],
)
def test_each_form_parses_alike(half, full):
    from tui.source.headings import heading_of
    from tui.source.numbering import leading_number
    from tui.source.paths import find_paths

    if half.startswith("(一)"):
        assert heading_of(half)[:2] == heading_of(full)[:2] == (2, "一")
    elif "路径" in half:
        assert find_paths(f"({half})") == find_paths(f"（{full}）") == ["政府网站", "其他渠道"]
    else:
        a, b = leading_number(half), leading_number(full)
        assert (a.style, a.number, a.rest) == (b.style, b.number, b.rest)
