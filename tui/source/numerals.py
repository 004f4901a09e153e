"""Chinese numerals as used in section headings (一 … 九十九)."""

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_NUMERAL_CHARS = "一二三四五六七八九十"


def chinese_to_int(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23. Raises ValueError otherwise."""
    if not text or any(c not in CHINESE_NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "十" not in text:
        if len(text) != 1:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def int_to_chinese(n: int) -> str:
    if not 1 <= n <= 99:
        raise ValueError(n)
    inv = {v: k for k, v in _DIGITS.items()}
    if n < 10:
        return inv[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else inv[tens]) + "十" + (inv[ones] if ones else "")
