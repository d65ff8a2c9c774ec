"""Which detectors fire on each example: catches false positives across detectors."""
import pytest

from mtqa.pipeline import detect, load_detectors
from mtqa.types import Segment

DETS = load_detectors()

ROWS = [
    # (source, target, src_lang, tgt_lang, exact set of detectors with non-neutral issues)
    (None, "The meeting has been moved to Friday afternoon.", None, "en", set()),
    (None, "Luoshan County Party Committee Undersecretary and County Mayor Wang Mingjun presented the county’s "
           "poverty alleviation work.", None, "en", set()),
    (None, "We are hiring for developmentjobsKey requirements [ad_1] now.", None, "en", {"glued_words", "markup"}),
    (None, "The office in MalmÃ¶ is closed  today.", None, "en", {"encoding", "punctuation"}),
    ("会议改在周五下午举行。", "会议改在周五下午举行。", "zh", "en", {"untranslated"}),
    # a copied source is untranslated, not also "too long for an en-zh translation" (length_ratio)
    ("The city council approved the new budget after a long debate on Tuesday evening.",
     "The city council approved the new budget after a long debate on Tuesday evening.", "en", "zh",
     {"untranslated"}),
    ("谢谢大家。", ".", "zh", "en", {"omission"}),
    ("Error: disk full.", "错误:磁盘已满.", "en", "zh", {"punctuation"}),
    (None, "Bitte build outstanding projects for relocation relocation.", None, "en", {"wrong_language", "repetition"}),
    (None, "The new app improves stabiliterance.", None, "en", {"garbled_words"}),
    # a German word is wrong-language, not also a garbled English word
    (None, "Das Museum wurde 1910 eröffnet.", None, "en", {"wrong_language"}),
    (None, "Farmers planted 300,000 mu of tea garden Vigorously develop tourism in the county.", None, "en",
     {"run_on_sentences"}),
    ("第一行\n第二行", "Line one\nLine two", "zh", "en", set()),
    ("这部电影的累计票房超过了80亿元。", "The film's total box office has exceeded 80 billion yuan.", "zh", "en",
     {"numbers"}),
    ("这部电影的累计票房超过了80亿元。", "The film's total box office has exceeded 8 billion yuan.", "zh", "en", set()),
    ("Hello, {name}! You have %d new messages.", "Hola, {nombre}! Tienes %d mensajes nuevos.", "en", "es",
     {"placeholders"}),
    ("周一至周五开放至晚上十点。", "It will stay open until 10 p.m. from Monday to Friday.", "zh", "en", set()),
    ("Are you sure?", "您确定。", "en", "zh", {"punctuation"}),
    ("The committee will review the proposal and publish its findings next month.",
     "Der Ausschuss wird den Vorschlag prüfen and publish its findings next month.", "en", "de", {"untranslated"}),
]


@pytest.mark.parametrize("source,target,src,tgt,expected", ROWS)
def test_exact_detector_set(source, target, src, tgt, expected):
    seg = Segment(seg_id="x", target=target, source=source, src_lang=src, tgt_lang=tgt)
    fired = {i.detector for i in detect(seg, DETS) if i.severity != "neutral"}
    assert fired == expected
