import pytest

from detectors.helpers import run, spans


@pytest.mark.parametrize("target,frag", [
    ("and 100% postal and logistics coverage. %.", "%."),
    ("the construction of the “four Luoshan “and write", " “"),
    ('Please click the "Save draft button.', '"'),
    ("It was done,, quickly.", ",,"),
    ("It was done .", " ."),
    ("It was  done.", "  "),
    ("poems_ Fortune", "_"),
    ("a bracket (never closed.", "("),
    ("She said ” hello.", "”"),
])
def test_broken_punctuation(target, frag):
    assert frag in spans("punctuation", target)


@pytest.mark.parametrize("target", [
    "The players' lounge is next to the coaches' office.",
    "Don't worry, we'll sort 'em out.",
    'This is a 27" monitor.',
    '"See you tomorrow," he said.',
    "That happened in the '80s.",
    "She replied, “All right.”",
    "Steps: 1) open, 2) save :)",
    "Improvements, etc., were made... and more.",
    "It costs 5.99 dollars (tax included).",
])
def test_correct_punctuation_is_left_alone(target):
    assert run("punctuation", target) == []


@pytest.mark.parametrize("target,expected", [
    ("报告（2023年版)已发布。", ["（2023年版)"]),
    ("错误:磁盘已满.", [":", "."]),
])
def test_cjk_width_problems(target, expected):
    assert spans("punctuation", target, tgt_lang="zh") == expected


@pytest.mark.parametrize("target", ["设置已保存。", "选择文件：", "版本 2.1.0 已就绪。", "价格：5.99美元。",
                                    "输入您的姓名，然后点击“保存”。"])
def test_correct_cjk_punctuation(target):
    assert run("punctuation", target, tgt_lang="zh") == []


def test_fullwidth_comma_in_english():
    assert run("punctuation", "Hello，world.") == [("，", "minor", ",")]


def test_quote_left_open_by_the_source_too_is_not_flagged():
    # a quotation running over several segments: the source line is open as well
    assert run("punctuation", "He said, “We know the tasks ahead.", source="他说：“我们知道任务艰巨。",
               src_lang="zh") == []
    assert spans("punctuation", "He said, “We know the tasks ahead.", source="他说：“我们知道任务艰巨。”",
                 src_lang="zh") == ["“"]


def test_et_al_comma_is_fine():
    assert run("punctuation", "Representatives: Hume et al., 18th century.") == []


@pytest.mark.parametrize("source,target,tl,expected", [
    ("Settings saved.", "设置已保存。", "zh", []),
    ("Select a file:", "选择文件：", "zh", []),
    ("Are you sure?", "您确定吗？", "zh", []),
    ("Enter your name; then press Save.", "输入您的姓名，然后点击“保存”。", "zh", []),
    ("这个方案行不通！", "This plan won't work.", "en", []),             # ! -> . is usual
    ("“行得通。”她说。", '"It works," she said.', "en", []),
    ("注意事项", "Notes.", "en", []),                                     # a full stop added to a heading
    ("Are you sure?", "您确定。", "zh", ["。"]),
    ("你去吗？", "Are you going.", "en", ["."]),
    ("本周开放。", "Open this week", "en", ["k"]),
    ("Settings saved.", "设置已保存", "zh", ["存"]),
    ("Note:", "Hinweis.", "de", ["."]),
])
def test_end_punctuation_parity(source, target, tl, expected):
    got = [frag for frag, _, _ in run("punctuation", target, source=source, src_lang="x", tgt_lang=tl)]
    assert got == expected


def _document_issues(text: str, lang: str = "en") -> dict[str, list[str]]:
    """Per segment id of a plain-text document (target only): the punctuation issues' fragments."""
    from mtqa.detectors import DETECTORS
    from mtqa.languages import get_profile
    from mtqa.segment import split_document
    det = DETECTORS.get("punctuation")()
    return {s.seg_id: [s.target[i.span.start:i.span.end] for i in det.detect(s, get_profile(lang))]
            for s in split_document(text, lang, "d")}


def test_lost_full_stop_at_the_end_of_a_paragraph():
    got = _document_issues(
        "Local officials met on Monday. Every party member and cadre involved in poverty alleviation "
        "can sit down and identify themselves accurately\n\n"
        "The county built 20 workshops. Incomes rose.\n")
    assert got == {"d:1.1": [], "d:1.2": ["accurately"], "d:2.1": [], "d:2.2": []}


@pytest.mark.parametrize("last,frag", [
    ("Then he said that the county would “keep up the force”", "force”"),      # the stop goes after the quote
    ("Then the county built many roads (about 1,409 kilometres in all)", "all)"),
    ("The housing completion rate reached 100 and the demolition rate 98", "98"),
])
def test_lost_full_stop_before_closers_and_after_digits(last, frag):
    assert _document_issues(f"He spoke at length. {last}\n") == {"d:1.1": [], "d:1.2": [frag]}


@pytest.mark.parametrize("text", [
    # a one-sentence paragraph without a full stop: a headline or a title, not an error
    "Graduates in Beijing are expected to reach 268,000 in 2022 according to the ministry - Xinhua News\n",
    "Luoshan County: using the four-step method to compose new poems\n",
    # a short last sentence: a caption or a list item
    "Prices rose again. See table 2\n",
    # ended by an ellipsis, or by a full stop inside a closing quote or bracket
    "He spoke at length. Then the county built many roads and bridges and schools...\n",
    "He spoke at length. Then he said that the county would “keep up the force.”\n",
    "He spoke at length. Then the county built many roads. (About 1,409 kilometres in all.)\n",
])
def test_sentences_that_may_end_without_a_full_stop(text):
    assert not any(_document_issues(text).values())


def test_lost_full_stop_in_chinese():
    got = _document_issues("县里召开了会议。全县共建设扶贫车间二十个，带动三万多名贫困群众增收脱贫致富\n", "zh")
    assert list(got.values()) == [[], ["富"]]
    got = _document_issues("县里召开了会议。全县共建设扶贫车间二十个，总投资四千五百万元（约合六百万美元）\n", "zh")
    assert list(got.values()) == [[], ["元）"]]


def test_lost_full_stop_suggestion_goes_after_closers():
    from mtqa.detectors import DETECTORS
    from mtqa.languages import get_profile
    from mtqa.segment import split_document
    seg = split_document("It opened. The bridge cost 45 million euros (about 48 million dollars in total)\n", "en")[1]
    (issue,) = DETECTORS.get("punctuation")().detect(seg, get_profile("en"))
    assert issue.suggestion == "total)."


def test_numbered_list_items_are_not_cut_at_their_markers():
    # each item is its own paragraph (a marker starts a line), so only a long item lacking its stop counts
    got = _document_issues("1. Check the water level in the tank every morning before the pumps are started\n"
                           "2. Record the reading in the logbook and sign it with your full name and date\n")
    assert got == {"d:1.1": [], "d:2.1": []}


@pytest.mark.parametrize("target,expected", [
    ("the “four Luoshan “and write", [(" “", "minor", "” ")]),  # the space moves after the quote
    ("the “four Luoshan “ and write", [(" “", "minor", "”")]),
    ("the “four Luoshan“and write", [("“", "minor", "” ")]),
    ("the “four Luoshan“.", [("“", "minor", "”")]),
])
def test_wrongly_directed_quote_is_fixed_with_english_spacing(target, expected):
    assert run("punctuation", target) == expected


def test_wrongly_directed_quote_in_chinese_gets_no_space():
    assert run("punctuation", "他说“你好“吗", tgt_lang="zh") == [("“", "minor", "”")]
