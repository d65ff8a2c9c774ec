import pytest

from detectors.helpers import run, spans

FLAGGED = [
    # (target, glued token, suggestion) — hand-checked
    ("a provincial-level poverty alleviation developmentjobsKey counties", "developmentjobsKey", "development jobs Key"),
    ("287 villagers organizedteam663 village staff", "organizedteam663", "organized team 663"),
    ("20 poverty alleviation workshops,PVThere are 54 seats", "workshops,PVThere", "workshops, PV There"),
    ("basic health care facilityinsurance, Serious", "facilityinsurance", "facility insurance"),
    ("in accordance with local conditions.Poverty alleviation", "conditions.Poverty", "conditions. Poverty"),
    ("key counties,Share97 poor villages", "counties,Share97", "counties, Share 97"),
    ("staffSecured loan23.7 million yuan", "loan23.7", "loan 23.7"),
    ("implement tourism No. 1Road construction", "1Road", "1 Road"),
    ("a wide range ofto accept", "ofto", "of to"),
    ("The library isclosedonweekends.", "isclosedonweekends", "is closed on weekends"),
    ("Persevere in perfectionRural subsistence", "perfectionRural", "perfection Rural"),
]


@pytest.mark.parametrize("target,token,suggestion", FLAGGED)
def test_glued_tokens_are_split(target, token, suggestion):
    found = run("glued_words", target)
    assert (token, "major", suggestion) in found


LEFT_ALONE = [
    "Watch the JavaScript tutorial on YouTube with an iPhone.",
    "The new McDonald's branch opened after COVID-19.",
    "5G networks, 4K video, A4 paper, H2O, 10 km2 of land and mRNA vaccines.",
    "County Mayor Wang Mingjun visited Luoshan and the Dongzhai-Lingshan-Hejiachong route.",
    "(Responsible editor: DF524) Visit Fortune.com or www.example.org/pathName for details.",
    "In the 1990s, the 3rd plan built 100km of roads, e.g. in the U.S. at 5pm.",
    "These counterintuitive recommendations were nevertheless uncontroversial.",
    "He had 20,816 households and 99.62% coverage, etc., as Node.js does.",
    "217 first outposted secretaries were selected.",
]


@pytest.mark.parametrize("target", LEFT_ALONE)
def test_names_codes_units_and_words_are_left_alone(target):
    assert run("glued_words", target) == []


def test_token_copied_from_source_is_not_flagged():
    assert spans("glued_words", "Log in to example.com/accountSettings to change userName.",
                 source="请登录 example.com/accountSettings 修改 userName 字段。") == []


def test_whole_sentence_glued_is_critical_and_keeps_its_full_stop():
    found = run("glued_words", "Weleaveatnineo'clocktomorrowmorning.")
    assert found == [("Weleaveatnineo'clocktomorrowmorning.", "critical",
                      "We leave at nine o'clock tomorrow morning.")]


def test_other_languages_without_word_lists_are_skipped():
    assert run("glued_words", "这是developmentjobs测试", tgt_lang="zh") == []


@pytest.mark.parametrize("target", [
    "Our KPIs rose.", "ByteDance and DeepSeek released models.", "Follow @SouthChinaSeaStrategy and #BigNews.",
    "The yellowness and uniformness improved, as did supportability.", "After years of cellaring it improves.",
])
def test_brands_acronym_plurals_hashtags_and_suffixes_are_left_alone(target):
    assert run("glued_words", target) == []


@pytest.mark.parametrize("target,token,suggestion", [
    # a lower-case word glued to a capitalised clause opener: the full stop is restored
    ("The project was completedThe county built 20 roads.", "completedThe", "completed. The"),
    ("300,000 mu of tea gardenVigorously develop tourism", "gardenVigorously", "garden. Vigorously"),
    ("the county completedBuilt 121 projects", "completedBuilt", "completed. Built"),
    ("we were very happyIt was late", "happyIt", "happy. It"),
    # not clearly a new sentence: spaces only
    ("a provincial-level poverty alleviation developmentjobsKey counties", "developmentjobsKey",
     "development jobs Key"),
    ("a famous filmThe Wandering Earth", "filmThe", "film The"),
    ("work on the alleviationofThe poor", "alleviationofThe", "alleviation of The"),
    ("subsidies PerfectTo start a business", "PerfectTo", "Perfect To"),
    ("key people such as staffSecured loans", "staffSecured", "staff Secured"),
])
def test_sentence_break_restored_only_where_clear(target, token, suggestion):
    assert (token, "major", suggestion) in run("glued_words", target)


# Rare real words (hand-made examples): closed compounds and their inflections that wordfreq
# lists rarely or not at all, bound combining forms, learned endings, terms from the source.
RARE_REAL_WORDS = [
    "We picked cloudberries, salmonberries and lingonberries by the lake.",  # -berries
    "Trawlermen, ferrymen and coalmen met at the pier.",  # -men of a listed -man
    "A mosquitoborne fever spread along the coast.",  # -borne
    "The electrodrill cut through the hydrofoam panel.",  # bound combining form + word
    "Each blade had a nanocoating.",
]


@pytest.mark.parametrize("target", RARE_REAL_WORDS)
def test_rare_real_words_are_not_split(target):
    assert run("glued_words", target) == []


def test_term_in_the_source_in_another_case_is_not_flagged():
    assert run("glued_words", "Open the tokenvault app.", source="打开 TokenVault 应用。") == []


@pytest.mark.parametrize("target,token,suggestion", [
    # a function word in the split: glued, although affix stripping finds a stem (pizzaa+s, casei+s)
    ("We ordered pizzaas a treat.", "pizzaas", "pizza as"),
    ("In that caseis it late?", "caseis", "case is"),
    ("The coffeeis cold.", "coffeeis", "coffee is"),
    ("The houseis empty.", "houseis", "house is"),
])
def test_glued_function_words_stay_flagged(target, token, suggestion):
    assert (token, "major", suggestion) in run("glued_words", target)
