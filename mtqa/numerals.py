"""Numbers in text, with their values: digits, Chinese numerals and scales, English number words.

:func:`extract_numbers` finds every number a translation has to carry over and
reads its value, so that the ``numbers`` detector and the sentence aligner can
compare values, not digit strings (``80亿`` = ``8 billion`` = 8e9; ``6万`` = 60,000).

Handled:

* Arabic digits, full-width digits (``２０２２``), decimals and thousands
  separators by language (``35,000`` / ``3.5``; ``1.500,5`` in German-style
  languages; thin and no-break spaces group everywhere), percentages (``%``,
  ``٪``, ``percent``, ``百分点``), scales after digits (``万 亿 万亿 千 百``,
  ``thousand million billion trillion bn``, ``Millionen Milliarden millions
  milliards millones``), ranges (``3-5``, ``3至5`` are two numbers; signs are
  ignored, values are absolute).
* Chinese numerals read with cn2an (``十二亿``, ``五千万``, ``二〇二二``,
  ``百分之五十``, ``三分之一``), weekdays (``周一``) skipped.
* English number words (``twenty-five``, ``three hundred and five``,
  ``a million``, ordinals ``first`` .. ``hundredth``, ``1st``), month names.

Every number carries a set of acceptable readings (``values``): a clock time
``15:00`` also reads 3 (p.m.) and 15; ``22年`` also reads 2022; ``90年代`` also
1990 (the 1990s); ``三四`` reads 3 or 4. A number is ``strong`` when it is
unambiguous enough to report if the other side lacks it: digits (except 0 and
1, which translations write as "a", "no", "single") and compound numerals or
number words; ``weak`` ones (single numeral characters ``一``..``十`` in words
such as 一些/十分, number words up to ten, months, digits glued to letters as in
``COVID-19``, ``5G``, version strings) only ever satisfy a match.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .spans import Claims
from .text import prev_nonspace
from .types import Span

# ---------------------------------------------------------------------------------------------------------------
# normalisation that keeps offsets: full-width ASCII -> ASCII, one character for one

_FW = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F) if i != 0xFF0C}  # ， is punctuation, never a separator
_FW[0x3000] = 0x20


_WIDE_GROUP = regex.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def narrow(text: str) -> str:
    """Full-width ASCII forms (``２０％``, ``．``) to ASCII; same length, so offsets stay valid.

    The full-width comma stays (Chinese punctuation, ``6666，8888`` is two
    numbers) except between digit groups of three (``6，152，524``). Other
    decimal digits (Arabic-Indic, Devanagari...) become ASCII digits; a digit
    that the ``regex`` module knows but Python's Unicode tables do not (a
    script newer than the interpreter, such as Kirat Rai) becomes U+FFFD, so
    that ``float()`` never sees a digit it cannot read.
    """
    t = _WIDE_GROUP.sub(",", text.translate(_FW))
    return _OTHER_DIGIT.sub(_ascii_digit, t) if _OTHER_DIGIT.search(t) else t


_OTHER_DIGIT = regex.compile(r"(?![0-9])\d")


def _ascii_digit(m) -> str:
    value = unicodedata.decimal(m.group(0), None)
    return "\ufffd" if value is None else str(value)


# ---------------------------------------------------------------------------------------------------------------
# tables

#: Scale words after a number -> multiplier. Chinese 万 = 10^4, 亿 = 10^8, 万亿 = 10^12
#: (GB/T 15835-2011 usage); short-scale English billion = 10^9.
ZH_SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
WORD_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12,
    # de, fr, es, it, pt, nl (long scale: Milliarde = 10^9)
    "tausend": 1e3, "mio": 1e6, "million(en)": 1e6, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9,
    "mrd": 1e9, "billionen": 1e12, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "mil millones": 1e9, "mil": 1e3, "millón": 1e6, "millones": 1e6, "milione": 1e6, "milioni": 1e6,
    "miliardo": 1e9, "miliardi": 1e9,
    "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9, "miljoen": 1e6, "miljard": 1e9,
}
_SCALE_WORD_RE = "|".join(sorted((regex.escape(w) for w in WORD_SCALES if "(" not in w), key=len, reverse=True))

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
            "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000}
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_EN_WORDS = {**ONES, **TENS, **ORDINALS, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
             "trillion": 1e12, "dozen": 12, "half": 0.5, "centenary": 100, "centennial": 100}
DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
           "eighties": 80, "nineties": 90}
_EN_WORDS.update(DECADES)
_ROMAN = regex.compile(r"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\b")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_value(s: str) -> int:
    """``XVII`` -> 17 (subtractive notation)."""
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total

#: Languages that write 1.234,5 (decimal comma); others write 1,234.5.
DECIMAL_COMMA = frozenset("de fr es it pt nl ru uk pl cs et ro tr id vi".split())

ZH_DIGITS = "零〇一二两三四五六七八九"
ZH_NUMERAL = ZH_DIGITS + "十百千万亿"
#: Measure words and units after which a single numeral character is a count (三名, 五家).
ZH_MEASURES = set("个名位人家次年岁月日天号元块角倍种项条件座所台辆架艘只头匹张本册部篇首期届轮场批户层楼级秒分"
                  "小时周度米克吨斤里亩")

# ---------------------------------------------------------------------------------------------------------------
# patterns (run on narrow(text))

_ARABIC_DOT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"        # 1,234.5
_ARABIC_COMMA = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"       # 1.234,5
_ARABIC_THIN = r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"  # 1 234 567
_PERCENT = r"(?:\s?(?:%|٪|‰)|\s?(?:per\s?cent|percent|pct|Prozent|pour\s?cent|por\s?ciento|per\s?cento)\b|个?百分点)"
_ZH_SCALE = r"(?:\s?[多余]?(?:万亿|亿|万|千|百)(?![分之]))"
_ZH_MIXED = regex.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?亿\s?(\d+(?:\.\d+)?)\s?万"
                          r"|(?<![\d.])(\d+)\s?万\s?(\d{1,4})(?![\d.万亿])")
_WORD_SCALE = rf"(?:(?:[\s-]?(?i:{_SCALE_WORD_RE})\b\.?){{1,8}})"  # 8 billion, 8-billion, 8 thousand million
_CODE = regex.compile(r"\d+(?:\.\d+){2,32}|\d{1,3}(?:\.\d{1,3}){3}")            # versions, IPs
_TIME = regex.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::\d{2})?(?![\d:])"
                      r"|(?<![\d.])(\d{1,2})\.(\d{2})\s?(?=[ap]\.?m\b\.?)", regex.I)  # 17:30, 5.30pm
_CENTURY_DECADE = regex.compile(rf"(\d{{1,2}}|[{ZH_NUMERAL}]+)\s?世纪\s?(\d{{2}}|[{ZH_NUMERAL}]+)\s?年代")
_CURRENCY_SHORT = regex.compile(r"(?<=[£$€¥]\s?\d+(?:\.\d+)?)\s?(m|mn|bn|b|k)\b", regex.I)
_ZH_RUN = regex.compile(rf"百分(?!之)[{ZH_NUMERAL}]+|(?:百分之|第)?(?:几(?=[{ZH_NUMERAL}]))?[{ZH_NUMERAL}]"
                        rf"(?:[{ZH_NUMERAL}几]|[多余](?=[{ZH_NUMERAL}])|点(?=[{ZH_DIGITS}])){{0,64}}(?:分之[{ZH_NUMERAL}]+)?")
_WORD_TOKEN = regex.compile(r"[A-Za-z]+|-|\S")
_MONTH = regex.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS)
                       + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?")
_ORD_SUFFIX = regex.compile(r"(?:st|nd|rd|th|s)\b")


@dataclass(frozen=True, slots=True)
class Number:
    """One number found in a text.

    ``span``: half-open character offsets into the text given to
    :func:`extract_numbers`; ``value``: the main reading (absolute, scale
    applied: ``80亿`` -> 8e9, ``50%`` -> 50.0); ``values``: every acceptable
    reading (``value`` included); ``strong``: unambiguous enough to report when
    unmatched; ``sig``: significant digits as written (``12.3`` -> 3, ``80`` -> 1),
    used to accept rounded renderings; ``percent``: written as a percentage;
    ``spelled``: written in words (``forty``, ``四十``), not digits.
    """

    span: Span
    text: str
    value: float
    values: frozenset[float]
    strong: bool
    sig: int = 15
    percent: bool = False
    spelled: bool = False


def _sig_digits(digits: str) -> int:
    d = digits.replace(",", "").replace(".", "").lstrip("0")
    if "." in digits or "," in digits and not regex.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        return max(1, len(d))
    return max(1, len(d.rstrip("0")))


def _parse_arabic(s: str, lang: str) -> tuple[float, set[float]] | None:
    """Value of a digit string with separators, plus alternative readings."""
    s = regex.sub(r"[\u00a0\u202f\u2009]", "", s)
    alts: set[float] = set()
    comma_decimal = lang in DECIMAL_COMMA
    if comma_decimal:
        if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
            main = float(s.replace(".", "").replace(",", "."))
            alts.add(main)  # (float(s) of "1.000.000" raised ValueError: found by scripts/fuzz_inputs.py)
            if s.count(".") == 1 and "," not in s:
                alts.add(float(s))  # 1.500 read the English way
        else:
            try:
                main = float(s.replace(",", "."))
            except ValueError:  # 1,2,3 in a decimal-comma language: a list, not a number
                return None
            if regex.fullmatch(r"\d{1,3},\d{3}", s):
                alts.add(float(s.replace(",", "")))
    else:
        if regex.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
            main = float(s.replace(",", ""))
        else:
            try:
                main = float(s.replace(",", "."))
            except ValueError:
                return None
        if regex.fullmatch(r"\d{1,3}\.\d{3}", s):
            alts.add(float(s.replace(".", "")))  # 1.500 read the German way
    alts.add(main)
    return main, alts


@lru_cache(maxsize=4096)
def zh_value(numeral: str) -> float | None:
    """Value of a Chinese numeral (``十二亿`` -> 1.2e9, ``二〇二二`` -> 2022, ``3.5万`` -> 35000).

    Uses cn2an (smart mode) and handles what it refuses: a decimal mantissa
    before a compound scale (``2.5万亿``, ``十二点五亿``). None when unreadable.
    """
    import cn2an
    s = numeral.replace(",", "")
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        pass
    for scale in ("万亿", "亿", "万", "千", "百"):
        if s.endswith(scale) and len(s) > len(scale):
            head = zh_value(s[:-len(scale)])
            return None if head is None else head * ZH_SCALES[scale]
    return None


def _en_words_value(words: list[str]) -> float | None:
    """English number words -> value (``three hundred and five`` -> 305); None if not a number."""
    total, current = 0.0, 0.0
    seen = False
    half = False
    for w in words:
        w = w.lower()
        if w in ("and", "a", "an"):
            continue
        if w == "half":
            half = True
            continue
        if w in ("centenary", "centennial"):
            current += 100
        elif w in DECADES:
            current += DECADES[w]
        elif w in ONES or w in TENS or w in ORDINALS and ORDINALS[w] < 100:
            current += ONES[w] if w in ONES else TENS[w] if w in TENS else ORDINALS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in ("hundred", "hundredth"):
            current = (current or 1) * 100
        elif w in ("thousand", "thousandth", "million", "billion", "trillion"):
            total += (current or 1) * _EN_WORDS["thousand" if w == "thousandth" else w]
            current = 0
        else:
            return None
        seen = True
    if not seen and half:
        return 0.5
    if not seen:
        return None
    return total + current + (0.5 if half else 0.0)


def _add(found: list[Number], taken: Claims, span: Span, text: str, value: float, values, strong: bool,
         sig: int = 15, percent: bool = False, spelled: bool = False) -> None:
    if not taken.claim(span):  # an earlier number has these characters (a mask: linear on long texts)
        return
    vals = frozenset(abs(v) for v in set(values) | {value})
    found.append(Number(span, text, abs(value), vals, strong and abs(value) not in (0.0, 1.0), sig, percent,
                        spelled))


def reads_number_words(text: str, lang: str | None = None) -> bool:
    """Whether :func:`extract_numbers` reads spelled-out numbers in ``text``: English number
    words (``lang`` en, the default) or Chinese numerals (zh/ja, or any text with Han
    characters). Elsewhere (de ``vierzig``, fr ``quarante``) a number in words is invisible,
    so a spelled-out number on the other side cannot be required to appear."""
    from .languages import base_code
    return (base_code(lang) if lang else "en") in ("en", "zh", "ja") or bool(regex.search(r"\p{Han}", text))


def _letter(ch: str) -> bool:
    return ch.isalpha() and not ("\u4e00" <= ch <= "\u9fff")


def extract_numbers(text: str, lang: str | None = None) -> list[Number]:
    """Every number in ``text`` in order of position (see the module docstring for what counts).

    ``lang`` (ISO 639-1) picks the decimal separator convention and turns on
    English number words (``en``) and Chinese numerals (``zh``/``ja``; Chinese
    numerals are also read in any text that contains Han characters).
    """
    from .languages import base_code
    lang = base_code(lang) if lang else "en"
    t = narrow(text)
    found: list[Number] = []
    taken = Claims(len(t))
    has_han = bool(regex.search(r"\p{Han}", t))

    for m in _CODE.finditer(t):  # 2.1.0, 192.168.0.1, 2021.6.11: a code or a date, not a quantity
        parts = m.group(0).split(".")
        vals = {float(p) for p in parts} | {float(f"{a}.{b}") for a, b in zip(parts, parts[1:])}
        _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], float(parts[0]), vals, False)
    for m in _CENTURY_DECADE.finditer(t):  # 19世纪80年代 = the 1880s
        c = float(m.group(1)) if m.group(1).isdigit() else zh_value(m.group(1))
        d = float(m.group(2)) if m.group(2).isdigit() else zh_value(m.group(2))
        if c and d is not None:
            v = (c - 1) * 100 + d
            _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], v, {v, c, d}, True)
    for m in regex.finditer(r"\b24/7\b", t):  # round the clock
        _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], 24, {24, 7}, False)
    for m in _TIME.finditer(t):
        h, mi = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        if h > 24 or mi > 59:
            continue
        vals = {h, mi, h % 12 or 12, h + mi / 60}
        if h <= 12:
            vals.add(h + 12)
        _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], h, vals, h > 1)

    for m in _ZH_MIXED.finditer(t):  # 2万4801, 1亿2000万
        if m.group(1):
            value = float(m.group(1)) * 1e8 + float(m.group(2)) * 1e4
        else:
            value = float(m.group(3)) * 1e4 + float(m.group(4))
        _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], value, {value}, True)

    arabic = _ARABIC_COMMA if lang in DECIMAL_COMMA else _ARABIC_DOT
    dec = "," if lang in DECIMAL_COMMA else "."
    num_re = regex.compile(rf"(?<!\d)(?<!\d\{dec})(?:{_ARABIC_THIN}|{arabic})(?![\d])"
                           rf"(?P<zh>{_ZH_SCALE})?(?P<word>{_WORD_SCALE})?(?P<pct>{_PERCENT})?")
    for m in num_re.finditer(t):
        start, end = m.start(), m.end()
        digits = t[start:(m.start("zh") if m.group("zh") is not None else
                          m.start("word") if m.group("word") is not None else
                          m.start("pct") if m.group("pct") is not None else end)]
        parsed = _parse_arabic(digits.strip(), lang)
        if parsed is None:
            continue
        value, alts = parsed
        scale = 1.0
        if m.group("zh"):
            scale = ZH_SCALES[m.group("zh").strip().lstrip("多余")]
        elif m.group("word"):
            words = regex.findall(rf"(?i:{_SCALE_WORD_RE})(?=\b)", m.group("word"))
            for w in words:
                scale *= WORD_SCALES.get(w.lower(), 1.0)
        short = _CURRENCY_SHORT.match(t, end) if not m.group("zh") and not m.group("word") else None
        if short:  # £75m, $2bn
            scale = {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}[short.group(1).lower()]
            end = short.end()
        values = {a * scale for a in alts}
        strong = True
        before = t[start - 1] if start else ""
        after_digits = start + len(digits)
        nxt = t[after_digits] if after_digits < len(t) else ""
        if not m.group("zh") and not m.group("word") and not m.group("pct"):
            # digits glued to letters: a code (COVID-19, G20, 5G, MP3) unless a unit or ordinal follows
            if before and (_letter(before) or before in "-_/#" and start >= 2 and _letter(t[start - 2])):
                strong = False
            elif nxt and _letter(nxt):
                tail = regex.match(r"\p{L}+", t, pos=after_digits)
                word = tail.group(0) if tail else ""
                if _ORD_SUFFIX.match(t, after_digits) or word in UNITS:
                    pass
                else:
                    strong = False
        rest = t[end:end + 3]
        if rest.startswith("成") and not m.group("pct"):
            values |= {v * 10 for v in values}  # 四成 = 40%
        if rest.startswith(("毛", "角")):
            values |= {v * 10 for v in values}  # 5毛 = 50 cents
        if regex.match(r"\s?decades?\b", t, pos=end):
            values |= {v * 10 for v in values}  # 6 decades = 60 years
        if not strong and value < 100 and "." not in digits:
            values |= {2000 + value, 1900 + value}  # COVID-19 = 2019冠状病毒病
        if rest.startswith("世纪"):
            strong = False  # 20世纪80年代 is "the 1980s"
        if _list_marker(t, start, end):
            strong = False
        if rest.startswith("年代"):
            values |= {1900 + value, 2000 + value} if value < 100 else set()
        elif rest.startswith("年") and value < 100 and "." not in digits:
            values |= {2000 + value, 1900 + value}
        elif rest.startswith(("点", "时")) and value <= 12:
            values.add(value + 12)
        elif (t[end:end + 1] and t[end:end + 1] in "sS" and not (end + 1 < len(t) and t[end + 1].isalpha())
              and value >= 10):
            values |= {1900 + value, 2000 + value} if value < 100 else set()  # the 90s
        sig = _sig_digits(digits.strip()) if scale == 1.0 or "." in digits else _sig_digits(digits.strip())
        _add(found, taken, Span(start, end), text[start:end], value * scale, values, strong, sig,
             bool(m.group("pct")))

    if has_han or lang in ("zh", "ja"):
        for m in _ZH_RUN.finditer(t):
            run = m.group(0)
            lead = len(run) - len(run.lstrip("第"))
            pieces = _zh_pieces(run[lead:]) if not run.startswith(("百分", "几")) else [(0, len(run) - lead)]
            for a, b in pieces:
                _zh_number(t, text, m.start() + (a + lead if a else 0), m.start() + lead + b, found, taken)
    if lang == "en" or not has_han and lang not in DECIMAL_COMMA:
        _english_words(t, text, found, taken)
    found.sort(key=lambda n: n.span.start)
    return found


#: Unit symbols that may follow digits without a space (case-sensitive: 5G and 3D are names, 5g is grams).
UNITS = frozenset(
    "mm cm m km kg g mg t l L ml mL kW kWh MW GW W V Hz kHz MHz GHz B KB kB MB GB TB s ms h hr hrs min mph kph "
    "px pt dpi ft lb lbs oz nm x k K bn mn am pm yuan yrs".split())


def _list_marker(t: str, start: int, end: int) -> bool:
    """A list number at the start of the text: ``2.``, ``2、``, ``(2)``, ``二、``."""
    if t[end:end + 1] not in (".", "、", ")", "）", "]", "】", ":"):
        return False
    k = prev_nonspace(t, start)  # not t[:start].strip(): a prefix copy per number is quadratic
    return k < 0 or (t[k] in "(（[【" and prev_nonspace(t, k) < 0)


#: A regular Chinese numeral (Chinese numerals standard usage): sections of
#: digit+unit pairs up to 亿; used to cut runs such as 十四五 (= 十四 + 五).
_D = "[一二两三四五六七八九]"
_SEC = rf"(?:{_D}千)?(?:零?{_D}百)?(?:零?{_D}?十)?(?:零?{_D})?"
_ZH_GRAMMAR = regex.compile(rf"(?:(?=[{ZH_NUMERAL}]){_SEC}亿)?(?:零?(?=[{ZH_NUMERAL}]){_SEC}万)?(?:零?{_SEC})?")


def _zh_pieces(core: str) -> list[tuple[int, int]]:
    """Cut a numeral run into regular numerals (offsets into ``core``); one piece when it is regular."""
    if (regex.fullmatch(r"[〇零一二两三四五六七八九]+", core) or not regex.fullmatch(rf"[{ZH_NUMERAL}]+", core)
            or regex.fullmatch(r"[十百千万亿]+", core)
            or regex.fullmatch(r"[一二三四五六七八九]{2}[十百千万亿]+", core)):
        return [(0, len(core))]  # 二〇二二, 三四, 七八十: read whole below
    pieces, i = [], 0
    while i < len(core):
        m = _ZH_GRAMMAR.match(core, i)
        j = m.end() if m and m.end() > i else i + 1
        pieces.append((i, j))
        i = j
    return pieces


def _zh_number(t: str, text: str, start: int, end: int, found: list[Number], taken: Claims) -> None:
    run = t[start:end]
    before = t[start - 1] if start else ""
    after = t[end] if end < len(t) else "\0"
    if before.isdigit() or (before and before in ".," and start >= 2 and t[start - 2].isdigit()):
        return  # the scale of an Arabic number, taken above
    if run.startswith("百分") and not run.startswith("百分之"):
        v = zh_value(run[2:]) if len(run) > 3 else 100.0  # 百分百, 百分二百: "all out", hyperbole
        _add(found, taken, Span(start, end), text[start:end], v or 100.0, {v or 100.0}, False, 15, True)
        return
    prefix_ord = run.startswith("第")
    core = run[1:] if prefix_ord else run
    percent = core.startswith("百分之")
    if percent:
        core = core[3:]
    if before and before in "周期拜" and not prefix_ord and not percent and core in ("一", "二", "三", "四", "五",
                                                                                  "六", "日", "天"):
        return  # 周一 / 星期三 / 礼拜五: weekdays
    approx = "几" in core or (before != "" and before in "数几上成好")
    core = core.replace("几", "")
    bare = core.replace("多", "").replace("余", "")
    values: set[float] = set()
    strong = False
    if "分之" in core:
        den_s, _, num_s = core.partition("分之")
        den, num = zh_value(den_s), zh_value(num_s)
        if den is None or num is None or den == 0:
            return
        value = (num / den) * (100 if den == 100 else 1)
        values |= {num, den, num / den}
        percent = percent or den == 100
        strong = percent
    else:
        digits = [c for c in bare if c in ZH_DIGITS]
        if not digits:
            value = 1.0  # 万, 百万, 十万, 千万: a scale alone (myriad, "by all means") is weak
            for c in bare:
                value *= {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "亿": 1e8}[c]
            values.add(value)
        elif regex.fullmatch(rf"[{ZH_DIGITS}]{{2,}}", bare) and "〇" not in bare and "零" not in bare:
            vals = [zh_value(c) for c in bare]  # 三四个 = three or four; 二四五年级 = grades 2, 4, 5
            if any(v is None for v in vals):
                return
            value, values = vals[0], set(vals)  # type: ignore[arg-type]
            values.add(float("".join(str(int(v)) for v in vals)))  # 六四 also reads 64
        elif regex.fullmatch(r"[一二三四五六七八九]{2}[十百千万亿]+", bare) and zh_value(bare[1]) == (
                zh_value(bare[0]) or 0) + 1:
            scale = zh_value("一" + bare[2:]) or 1.0  # 七八十 = 70 or 80; 三四百 = 300 or 400
            value, values = zh_value(bare[0]) * scale, {zh_value(bare[0]) * scale, zh_value(bare[1]) * scale}
        else:
            v = zh_value(bare)
            if v is None:
                return
            value = v
            values.add(v)
            # single characters (一些, 三位一体, 八里罕) are words as often as numbers: weak
            strong = len(bare) >= 2 and bool(digits) and not approx or (len(digits) >= 3)
            if after in "点时" and value <= 12:
                values.add(value + 12)
        if after in "成毛角":
            values |= {v * 10 for v in values}  # 四成 = 40%, 五毛 = 50 cents
        if t[end:end + 2] == "世纪" or _list_marker(t, start, end):
            strong = False
        if t[end:end + 2] == "年代":
            values |= {1900 + v for v in values if v < 100} | {2000 + v for v in values if v < 100}
    if percent and not approx:
        strong = strong or len(bare) >= 1 and "分之" not in core
    _add(found, taken, Span(start, end), text[start:end], value, values, strong and not approx, 15, percent, True)


_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "dozen")


def _fits(prev: str, nxt: str, joiner: str = " ") -> bool:
    """Whether number word ``nxt`` continues the number that ends in ``prev``."""
    small = ONES.get(nxt, ORDINALS.get(nxt, 99))
    if joiner == "-":
        return prev in TENS and 1 <= small <= 9
    if joiner == "and":
        return prev in _SCALE_WORDS[:-1] and (nxt in ONES or nxt in TENS or nxt in ORDINALS)
    if prev in TENS and 1 <= small <= 9:
        return True
    if (prev in ONES or prev in TENS) and nxt in _SCALE_WORDS:
        return True
    if prev in _SCALE_WORDS[:-1]:
        rank = _SCALE_WORDS.index(prev)
        if nxt in _SCALE_WORDS[:-1]:
            return _SCALE_WORDS.index(nxt) > rank
        return nxt in ONES or nxt in TENS
    return False


class _TokenWindow:
    """Tokens of a text by index, read lazily and forgotten once passed: a 10 MB line has 10 million
    one-character tokens, which as a list of tuples took 2 GB."""

    def __init__(self, matches) -> None:
        self._it = matches
        self._buf: list[tuple[int, int, str]] = []
        self._base = 0  # index of _buf[0]
        self.n: int | None = None  # the number of tokens, once the end is reached

    def __len__(self) -> int:  # only as far as read; see ``has``
        return self._base + len(self._buf)

    def has(self, k: int) -> bool:
        while self._base + len(self._buf) <= k and self.n is None:
            m = next(self._it, None)
            if m is None:
                self.n = self._base + len(self._buf)
            else:
                self._buf.append((m.start(), m.end(), m.group(0).lower()))
        return k < self._base + len(self._buf)

    def __getitem__(self, k: int) -> tuple[int, int, str]:
        if not self.has(k):
            raise IndexError(k)
        return self._buf[k - self._base]

    def forget_before(self, k: int) -> None:
        if k - self._base > 4096:
            del self._buf[:k - self._base]
            self._base = k


#: Words one English number may run to ("three hundred and forty-five thousand ..."); a longer run is cut.
_MAX_NUMBER_WORDS = 64


def _english_words(t: str, text: str, found: list[Number], taken: Claims) -> None:
    toks = _TokenWindow(_WORD_TOKEN.finditer(t))
    i = 0
    while toks.has(i):
        toks.forget_before(i - 1)
        if toks[i][2] not in _EN_WORDS:
            i += 1
            continue
        j = i + 1  # extend while the words still form one number ("twenty-five", "three hundred and five")
        while toks.has(j) and j - i < _MAX_NUMBER_WORDS:
            w = toks[j][2]
            if _fits(toks[j - 1][2], w):
                j += 1
            elif w in ("-", "and") and toks.has(j + 1) and _fits(toks[j - 1][2], toks[j + 1][2], w):
                j += 2
            elif w == "and" and toks.has(j + 2) and toks[j + 1][2] == "a" and toks[j + 2][2] == "half" \
                    and toks[j - 1][2] in _EN_WORDS:
                j += 3
                break
            else:
                break
        while toks[j - 1][2] in ("-", "and", "a"):
            j -= 1
        words = [toks[k][2] for k in range(i, j) if toks[k][2] not in ("-", "and", "a")]
        start = toks[i][0]
        if i > 0 and toks[i - 1][2] in ("a", "an") and words[0] in ("hundred", "thousand", "million", "billion",
                                                                     "trillion", "dozen"):
            start = toks[i - 1][0]
        end = toks[j - 1][1]
        i = j
        v = _en_words_value(words)
        if v is None:
            continue
        content = [w for w in words if w != "half"]
        scales_only = all(w in ("hundred", "thousand", "million", "billion", "trillion", "dozen") for w in content)
        # a compound ("twenty-five", "three hundred") or a value above ten is unambiguous
        strong = bool(content) and (len(content) >= 2 or v > 10) and not scales_only and not (
            len(content) == 1 and content[0] in ORDINALS and v <= 10)
        _add(found, taken, Span(start, end), text[start:end], v, {v}, strong, spelled=True)
    for m in _ROMAN.finditer(t):  # Article XVII; weak: "CD", "MD", "DC" are also abbreviations
        v = roman_value(m.group(0))
        _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], v, {v}, False)
    for m in _MONTH.finditer(t):
        name = m.group(0).rstrip(".").lower()
        key = next((k for k in MONTHS if k.startswith(name[:3])), None)
        if key is None:
            continue
        if name == "may" and not regex.search(r"\d\s*$", t[max(0, m.start() - 64):m.start()]) \
                and not regex.match(r"\s*\d", t, pos=m.end()):
            continue  # "may" the verb
        _add(found, taken, Span(m.start(), m.end()), text[m.start():m.end()], MONTHS[key], {MONTHS[key]}, False)


# ---------------------------------------------------------------------------------------------------------------
# comparing


def _round_sig(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    return round(x, sig - 1 - int(math.floor(math.log10(abs(x)))))


def values_match(a: Number, b: Number) -> bool:
    """True when some reading of ``a`` equals some reading of ``b``.

    Equal within 1e-9 relative, or equal after rounding the more precise one to
    the other's significant digits when that is at least 2 (``1234万`` matches
    ``12.3 million`` but not ``10 million``).
    """
    for x in a.values:
        for y in b.values:
            if math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
                return True
    for x, y, sig in ((a.value, b.value, b.sig), (b.value, a.value, a.sig)):
        if 2 <= sig < 15 and x and y and math.isclose(_round_sig(x, sig), y, rel_tol=1e-9):
            return True
    return False


def describe(n: Number) -> str:
    """A number as people read it: 8e9 -> ``8 billion``, 60000 -> ``60,000``, 2.5 -> ``2.5``."""
    v = n.value
    for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if v >= scale:
            x = v / scale
            return f"{x:g} {word}" + ("%" if n.percent else "")
    if float(v).is_integer():
        return f"{int(v):,}" + ("%" if n.percent else "")
    return f"{v:g}" + ("%" if n.percent else "")
