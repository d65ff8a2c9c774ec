import pytest

from detectors.helpers import run

FLAGGED = [
    # (target, span, suggestion) — hand-written; no punctuation: a full stop is suggested
    ("We planted 300,000 mu of tea garden Vigorously develop tourism in the county.", "garden Vigorously",
     "garden. Vigorously"),
    ("The team finished the report The results will be published next week.", "report The", "report. The"),
    ("Sales rose in the second quarter However costs also increased.", "quarter However", "quarter. However"),
    ("Thank you for your visit We hope to see you again soon.", "visit We", "visit. We"),
    ("The fund paid five lines of insurance In 2020 alone, costs reached 190 million yuan.", "insurance In",
     "insurance. In"),
    ("Roads were repaired in every village It's a big change for farmers.", "village It's", "village. It's"),
    ("The county invested heavily in roads Completed 30 bridges and 12 tunnels.", "roads Completed",
     "roads. Completed"),
    ("Farmers planted tea on the hills Actively expand the market for local products.", "hills Actively",
     "hills. Actively"),
    ("Local firms hired more workers Implement the new loan policy in every township.", "workers Implement",
     "workers. Implement"),
    ("The county trained its migrant workers More than 10,000 people found jobs this year.", "workers More",
     "workers. More"),
    ("Roads reached every village Nearly 90% of households now have running water.", "village Nearly",
     "village. Nearly"),
    # after a comma: flagged without a suggestion (a full stop or a lower-case letter may be meant)
    ("The plan covers the whole province, Built 121 demonstration projects last year.", "province, Built", None),
    ("Please contact us with any question, We will be glad to help.", "question, We", None),
    ("The tourist route was opened in spring, To attract more visitors from the city.", "spring, To", None),
]


@pytest.mark.parametrize("target,span,suggestion", FLAGGED)
def test_lost_sentence_breaks_are_flagged(target, span, suggestion):
    assert run("run_on_sentences", target) == [(span, "minor", suggestion)]


LEFT_ALONE = [
    # names, titles, headline case
    "Luoshan County Party Committee Undersecretary and County Mayor Wang Mingjun presented the work.",
    "Poverty Alleviation Industry Bigger and Stronger",
    "Highlights of Educational Poverty Alleviation Perform a special classification activity.",
    "Hello, We Are Hiring Now",
    "She is reading The Wandering Earth this week.",
    "The band played More Than Words at the end of the concert.",
    "We need the workers More often than not, the plan works.",
    "The essay On the Spirit of Arts was published in 1910.",
    "He works at the Daily Mail in London and reads The Economist.",
    "The project, Made in China, sold well.",
    "The firm gave Apple the rights to sell phones in Europe.",
    # I, days, months, languages, nationalities, acronyms, labels
    "I think I will visit on Monday and again in May.",
    "Chinese and English versions were read by French translators and Russian readers.",
    "We met officials of the WHO and NATO, Level 1 and Grade 3 students, and Windows 10 users.",
    "Tap Settings, then tap More to see the Home screen options.",
    "He wrote a book called The end of history.",
    # after a colon, a quote, a bracket, a line break; all capitals
    "The effect is obvious: Implement a small loan policy.",
    "He said “The village is rich now” and left.",
    "The county built roads (The work took two years) and bridges.",
    "Line one was short\nThe second line was long",
    "LUOSHAN COUNTY HAS COMPLETED THE WORK",
    # after a word that cannot end a sentence; a stray capital that is no clause opener
    "The rate is Relocation occupancy and the demolition rate reached 100%.",
    "the number of The poor fell and the Key counties grew",
    # sentence breaks that are already there
    "The work is done. The results are good; However, costs rose! It was late.",
]


@pytest.mark.parametrize("target", LEFT_ALONE)
def test_names_titles_and_punctuated_breaks_are_left_alone(target):
    assert run("run_on_sentences", target) == []


def test_glued_run_on_before_the_capital_is_left_to_glued_words():
    assert run("run_on_sentences", "basic health care facilityinsurance In 2020 costs rose.") == []


def test_other_languages_are_skipped():
    assert run("run_on_sentences", "Die Kinder spielen im Garten Die Eltern arbeiten.", tgt_lang="de") == []


def test_word_inside_a_url_is_left_alone():
    assert run("run_on_sentences", "Read more at example.com/news The site is free.") == []
