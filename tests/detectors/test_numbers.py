"""numbers: values compared across source and target (rows checked by hand)."""
import pytest

from detectors.helpers import found

MIS, OMI, ADD = "Accuracy/Mistranslation", "Accuracy/Omission", "Accuracy/Addition"


@pytest.mark.parametrize("source,target,sl,tl,expected", [
    # magnitudes: 万 = 10^4, 亿 = 10^8 (case 002 and variations)
    ("票房超过了80亿元。", "Box office passed 80 billion yuan.", "zh", "en", [("target", "80 billion", MIS, "major")]),
    ("票房超过了80亿元。", "Box office passed 8 billion yuan.", "zh", "en", []),
    ("投资为6万元。", "It cost 600,000 yuan.", "zh", "en", [("target", "600,000", MIS, "major")]),
    ("投资为6万元。", "It cost 60 thousand yuan.", "zh", "en", []),
    ("规模达900亿元。", "It reached 900 million yuan.", "zh", "en", [("target", "900 million", MIS, "major")]),
    ("共有１４００万名考生。", "There were 14 million candidates.", "zh", "en", []),
    ("损失约为五千万元。", "Losses were about 5 million yuan.", "zh", "en", [("target", "5 million", MIS, "major")]),
    ("增长了百分之五十。", "It grew by 50%.", "zh", "en", []),
    ("增长了百分之五十。", "It grew by 15%.", "zh", "en", [("target", "15%", MIS, "major")]),
    ("It grew by 50 percent.", "增长了50%。", "en", "zh", []),
    ("The fund holds 8 billion dollars.", "该基金持有80亿美元。", "en", "zh", []),
    ("The fund holds 8 billion dollars.", "该基金持有8亿美元。", "en", "zh", [("target", "8亿", MIS, "major")]),
    ("Twenty-five people came.", "25人来了。", "en", "zh", []),
    ("价格是３．５元", "The price is 3.5 yuan", "zh", "en", []),
    ("1,234 people", "1.234 Menschen", "en", "de", []),
    ("1.5 million people", "1,5 Millionen Menschen", "en", "de", []),
    ("1.5 million people", "15 Millionen Menschen", "en", "de", [("target", "15 Millionen", MIS, "major")]),
    # numbers in words: only required where the other side's number words are read (en words, zh numerals)
    ("The bridge is forty metres long.", "Die Brücke ist vierzig Meter lang.", "en", "de", []),
    ("Twenty people came.", "Vingt personnes sont venues.", "en", "fr", []),
    ("Zwanzig Leute kamen.", "Twenty people came.", "de", "en", []),
    ("The bridge is forty metres long.", "Die Brücke ist 40 Meter lang.", "en", "de", []),
    ("The bridge is forty metres long.", "Die Brücke ist 35 Meter lang.", "en", "de", [("target", "35", MIS, "major")]),
    ("The bridge is forty metres long.", "The bridge is sixty metres long.", "en", "en",
     [("target", "sixty", MIS, "major")]),
    ("桥长四十米。", "The bridge is sixty metres long.", "zh", "en", [("target", "sixty", MIS, "major")]),
    ("The bridge is forty metres long.", "The bridge is long.", "en", "en", [("source", "forty", OMI, "major")]),
    # dropped and added numbers
    ("会议将于12月3日举行。", "The meeting will be held on December.", "zh", "en", [("source", "3", OMI, "major")]),
    ("会议将于12月举行。", "The meeting will be held on December 3.", "zh", "en", [("target", "3", ADD, "minor")]),
    # no flags: times, ranges, words, codes, list numbers, approximations
    ("周一至周五开放至晚上十点。", "It stays open until 10 p.m. from Monday to Friday.", "zh", "en", []),
    ("下午3点开会。", "The meeting is at 15:00.", "zh", "en", []),
    ("有三四个人。", "There were three or four people.", "zh", "en", []),
    ("新冠肺炎疫情", "the COVID-19 pandemic", "zh", "en", []),
    ("3.如何退货？", "How do I return an item?", "zh", "en", []),
    ("数十个国家", "dozens of countries", "zh", "en", []),
    ("一些人十分高兴", "Some people were very happy", "zh", "en", []),
    ("20世纪80年代以来", "since the 1980s", "zh", "en", []),
    ("第十二条", "Article XII", "zh", "en", []),
])
def test_numbers(source, target, sl, tl, expected):
    assert found("numbers", target, source, sl, tl) == expected


def test_target_only_is_skipped():
    assert found("numbers", "It costs 80 billion.") == []
