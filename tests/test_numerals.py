"""Reading numbers and their values (mtqa.numerals); expected values worked out by hand."""
import pytest

from mtqa.numerals import extract_numbers, values_match, zh_value


def _read(text, lang):
    return [(n.text, n.value, n.strong) for n in extract_numbers(text, lang)]


@pytest.mark.parametrize("text,lang,expected", [
    ("票房超过了80亿元。", "zh", [("80亿", 8e9, True)]),
    ("人口约为1.2亿。", "zh", [("1.2亿", 1.2e8, True)]),
    ("吸引了3.5万名观众", "zh", [("3.5万", 35000, True)]),
    ("预算为十二亿元", "zh", [("十二亿", 1.2e9, True)]),
    ("损失约为五千万元", "zh", [("五千万", 5e7, True)]),
    ("共售出3万5120张", "zh", [("3万5120", 35120, True)]),
    ("增长了百分之五十", "zh", [("百分之五十", 50, True)]),
    ("价格是３．５元", "zh", [("３．５", 3.5, True)]),
    ("二〇二二年", "zh", [("二〇二二", 2022, True)]),
    ("月收入约 650 万美元", "zh", [("650 万", 6.5e6, True)]),
    ("规模达2.5万亿元", "zh", [("2.5万亿", 2.5e12, True)]),
    ("“十四五”规划", "zh", [("十四", 14, True), ("五", 5, False)]),   # the 14th Five-Year Plan
    ("一些人十分高兴", "zh", [("一", 1, False), ("十", 10, False)]),  # words, not quantities
    ("周一至周五开放", "zh", []),                                     # weekdays
    ("千万不要", "zh", [("千万", 1e7, False)]),                        # "by all means"
    ("7，204，318人", "zh", [("7，204，318", 7204318, True)]),
    ("5555，7777", "zh", [("5555", 5555, True), ("7777", 7777, True)]),
    ("exceeded 80 billion yuan", "en", [("80 billion", 8e10, True)]),
    ("drew 35,000 spectators", "en", [("35,000", 35000, True)]),
    ("twenty-five people", "en", [("twenty-five", 25, True)]),
    ("three hundred and five", "en", [("three hundred and five", 305, True)]),
    ("one of the best", "en", [("one", 1, False)]),
    ("another £75m in aid", "en", [("75m", 7.5e7, True)]),
    ("COVID-19 cases", "en", [("19", 19, False)]),
    ("version 2.1.0 is out", "en", [("2.1.0", 2, False)]),
    ("3,5 Millionen Euro", "de", [("3,5 Millionen", 3.5e6, True)]),
    ("rose 5%", "en", [("5%", 5, True)]),
])
def test_values(text, lang, expected):
    got = _read(text, lang)
    assert [(t, s) for t, _, s in got] == [(t, s) for t, _, s in expected]
    for (_, v, _), (_, w, _) in zip(got, expected):
        assert v == pytest.approx(w)


@pytest.mark.parametrize("a,la,b,lb,same", [
    ("80亿", "zh", "8 billion", "en", True),
    ("80亿", "zh", "80 billion", "en", False),
    ("6万", "zh", "60,000", "en", True),
    ("6万", "zh", "600,000", "en", False),
    ("1234万", "zh", "12.3 million", "en", True),      # rounded, 3 significant digits
    ("1234万", "zh", "10 million", "en", False),       # one significant digit is too coarse
    ("下午3点", "zh", "15:00", "en", True),
    ("22年", "zh", "2022", "en", True),
    ("六七十年代", "zh", "1960s", "en", True),
    ("19世纪80年代", "zh", "1880s", "en", True),
    ("四成", "zh", "40%", "en", True),
    ("5.30pm", "en", "17:30", "en", True),
])
def test_match(a, la, b, lb, same):
    na, nb = extract_numbers(a, la)[-1], extract_numbers(b, lb)[0]
    assert values_match(na, nb) is same


def test_zh_value_handles_what_cn2an_refuses():
    assert zh_value("2.5万亿") == pytest.approx(2.5e12)
    assert zh_value("十二点五亿") == pytest.approx(1.25e9)
    assert zh_value("三十五万六千") == 356000
