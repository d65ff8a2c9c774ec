"""Word-frequency helpers over wordfreq (Speer 2022) and wordninja (Anderson 2017).

Zipf scale: log10 of frequency per billion words; 3.0 = once per million words,
0.0 = not in wordfreq's list. All lookups are cached.

Rare real words (wolfberries, tremella, spermatorrhea, fieldbuses) are rarer than
the run-on and garble checks assume; :func:`rare_word` tells them apart from
glued or garbled text by their shape (see its docstring for what was measured).
"""
from __future__ import annotations

from functools import lru_cache

#: Zipf at or above which a lower-cased token counts as a known word.
KNOWN_ZIPF = 2.5
#: A run-on candidate must be unknown: Zipf below this.
UNKNOWN_ZIPF = 1.5
#: Every part of a run-on split must be at least this frequent (parts of 7+
#: letters: LONG_PART_ZIPF, since long words are rarer: alleviation 2.6)...
PART_ZIPF = 3.0
LONG_PART_ZIPF = 2.5
#: ...and parts of 1-3 letters (of, to, on) at least this frequent, which keeps
#: pinyin syllables (jun 3.9, jia 3.0, luo 2.9) from passing as English words.
SHORT_PART_ZIPF = 4.5


#: Classical combining forms that are bound, i.e. rare as words of their own
#: (wordfreq Zipf < 4.5: electro 3.6, meta 3.7, astro 3.2, micro 4.1): they close up
#: with what follows (electroprobe, mesoscan). ``photo`` (4.97) is a free noun and
#: stays out: photostudio is "photo studio".
LEARNED_HEADS = frozenset("micro macro electro meta astro bio geo hydro thermo neuro nano tele eco cyber aero "
                          "agro meso gymno leuco leuko oleo phyto chloro cyto hemo haemo histo osteo cardio "
                          "gastro hepato nephro endo exo hypo hyper poly mono retro proto pseudo quasi".split())
#: First or last parts that form closed English compounds (out+posted, city+wide;
#: botanical -berry and -borne as in cloudberries, mosquitoborne).
COMPOUND_HEADS = frozenset("out over under up down back by counter cross fore in off on self super sub "
                           "inter multi non anti pre post re co mid mini".split()) | LEARNED_HEADS
COMPOUND_TAILS = frozenset("like wide wise based free less ness ful ship hood dom ism ist able ability ment ly "
                           "berry berries borne".split())
#: The only parts of one or two letters a run-on split may contain.
SHORT_WORDS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())
#: Closed-class words of one to three letters: a run-on split with one of these is a
#: glued phrase (pizzaas, caseis), whatever affix stripping says.
SHORT_FUNCTION_WORDS = SHORT_WORDS | frozenset(
    "the and for but nor yet are was not you his her its our who how why can has had did may all any she him "
    "off out per via own too get got let".split())
#: Closed-class words of four letters or more: a prefix (under-, over-) before one of
#: these is a glued phrase (undertheir), never a derived word.
FUNCTION_WORDS = frozenset(
    "about above after again against along also among around because been before behind below beneath beside "
    "between beyond both could does doing down during each either every from have having here into more most "
    "much must neither only onto other over same should since some such than that their them then there these "
    "they this those through till toward towards under unless until upon very were what when where which while "
    "whom whose will with within without would your yours".split())

#: English suffixes stripped to find a word's stem (unhelpfulness, microcredits), with
#: the derivational ones rare technical words are built with (tonifying, gangsterdom,
#: passability, metaphorizes, deliverymen, informationization).
SUFFIXES = tuple(sorted(set(
    "s es ed ing ly er ers est ness ment ments tion tions ation ations ity ities able ible al ally "
    "ise ize ised ized ising izing ic ical ous ful less ism ist ists ance ence ive ively "
    "dom doms hood ship headed lessness ability abilities ibility ization izations isation "
    "izes ises izer izers iser isers ify ifies ified ifying ification men women".split()), key=len, reverse=True))
#: ...and the prefixes (microcredits, outposted).
PREFIXES = tuple(("un re non pre dis mis over under out inter anti co de sub super micro multi semi self "
                  "counter trans post mega mini").split())
#: A suffix's replacement that restores the stem's own ending (passability -> passable).
_SUFFIX_STEM = {"ability": "able", "abilities": "able", "ibility": "ible", "men": "man", "women": "woman",
                "ify": "", "ifies": "", "ified": "", "ifying": "", "ification": ""}
#: A stem counts as a real word at Zipf >= 2.0 (once per 10 million words; tonic 3.4).
STEM_ZIPF = 2.0
#: A rarer stem that wordfreq lists (wolfberry 1.1, footbath 1.2) counts with this many
#: letters: shorter listed strings are often names or fragments (mant, actua). With any
#: length, 214 of 17,962 blends of two frequent words (actuadom: actua+dom) that
#: ``garbled_words`` flags passed as derived words; with 7+ letters, none.
RARE_STEM_LEN = 7

#: Endings of learned (Greek and Latin) vocabulary: medicine (-emia, -rrhea, -itis),
#: botany and zoology (-ella, -carp, -phyte, -aceae) and instruments (-scope).
#: ``garbled_words`` takes a word with one as a rare real word unless it is a near
#: miss of a frequent word (:func:`near_miss`); ``glued_words`` when a split cuts it.
LEARNED_ENDINGS = tuple(sorted(set(
    "emia aemia rrhea rrhoea rrhagia rrhage uria algia itis osis iasis ectomy otomy ostomy plasty pathy "
    "ella aceae idae cyte phyte phyll carp plasm scope scopy cosm".split()), key=len, reverse=True))
#: Short learned endings (chemistry: -ase, -ine, -ol, -al) end too many strings: on
#: their own they excused 708 of 17,962 flagged blends of two frequent words
#: (advertual, approine). They count only after a learned combining form (oleo...al).
SHORT_LEARNED_ENDINGS = tuple("ase ose ine ide ol al yl ium oma".split())
#: A near miss is one edit (insertion, deletion, substitution, transposition) from a
#: word at least this frequent (Zipf 3: once per million words). Every misspelling
#: ``garbled_words`` caught in the WMT22 zh-en outputs and references is one
#: (atomosphere, adverture, humaitarian, counsult, achiving, moistruizer, journaly).
NEAR_MISS_ZIPF = 3.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=500_000)
def zipf(word: str, lang: str = "en") -> float:
    """wordfreq Zipf frequency of ``word`` (case-folded) in ``lang``; 0.0 when unknown or unsupported."""
    from wordfreq import zipf_frequency
    try:
        return zipf_frequency(word.lower(), lang)
    except (LookupError, ValueError, ImportError):  # ImportError: ja/ko need MeCab, zh jieba (wordfreq[cjk])
        return 0.0


def in_wordlist(word: str, lang: str = "en") -> bool:
    """True when the lower-case letters ``word`` are in wordfreq's list: a dictionary lookup,
    for the many candidates that :func:`zipf` (which tokenizes each) would be slow on."""
    from wordfreq import get_frequency_dict
    try:
        return word in get_frequency_dict(lang)
    except (LookupError, ValueError, ImportError, OSError):
        return False


def known(word: str, lang: str = "en") -> bool:
    """True for a word wordfreq knows (Zipf >= 2.5) or an all-capitals acronym (PV, DF)."""
    return (len(word) >= 2 and word.isupper()) or zipf(word, lang) >= KNOWN_ZIPF


@lru_cache(maxsize=100_000)
def _ninja(word: str) -> tuple[str, ...]:
    import wordninja
    return tuple(wordninja.split(word))


@lru_cache(maxsize=100_000)
def runon_split(word: str, lang: str = "en") -> tuple[str, ...] | None:
    """Split an unknown run-on like ``facilityinsurance`` into frequent words, or None.

    English only (wordninja's model). Returns None when the word is known, when the
    split has one part, when any part is rare (see PART_ZIPF / SHORT_PART_ZIPF), or
    when the word reads as one rare real word (:func:`rare_word`: wolfberries,
    spermatorrhea). The parts keep the original characters: ``"".join(parts) == word``.
    """
    if lang != "en" or zipf(word, lang) >= UNKNOWN_ZIPF:
        return None
    parts = _ninja(word)
    if len(parts) < 2 or "".join(parts).lower() != word.lower().replace("’", "'"):
        return None
    for p in parts:
        if (len(p) <= 2 and p.lower() not in SHORT_WORDS) or (len(p) == 1 and len(word) < 12):
            return None  # "gemini d", "be via le": a single letter or a foreign syllable
        z = zipf(p, lang)
        need = SHORT_PART_ZIPF if len(p) <= 3 else (LONG_PART_ZIPF if len(p) >= 7 else PART_ZIPF)
        if z < need:
            return None
    if parts[-1].lower() in COMPOUND_TAILS or (len(parts) == 2 and parts[0].lower() in COMPOUND_HEADS):
        return None  # a closed compound the list lacks (outposted, citywide), not a run-on
    if rare_word(word, lang, parts):
        return None
    out, pos = [], 0
    for p in parts:
        out.append(word[pos:pos + len(p)])
        pos += len(p)
    return tuple(out)


def _phrase(parts: tuple[str, ...]) -> bool:
    """A split with a function word (of, the, and, is) reads as a phrase: thatit, sowhat, caseis."""
    return any(p.lower() in SHORT_FUNCTION_WORDS or p.lower() in FUNCTION_WORDS for p in parts)


@lru_cache(maxsize=100_000)
def listed_word(word: str, lang: str = "en") -> bool:
    """True when wordfreq lists ``word`` at all (Zipf > 0) and it is not a glued phrase.

    wordfreq lists some 320,000 English forms down to Zipf ~1. Of a sample of 20,000
    of those under 1.5, wordninja split 2,303 into frequent words: mostly closed
    compounds (frigatebird, shipborne, wolfberry, metaethics), but also web spellings
    of phrases (sowhat, thatit, andin), which a function word in the split marks.
    """
    w = word.lower()
    if zipf(w, lang) <= 0:
        return False
    if zipf(w, lang) >= UNKNOWN_ZIPF or lang != "en" or not w.isalpha():
        return True
    return not _phrase(_ninja(w))


def stem_forms(stem: str) -> set[str]:
    """What ``stem`` (a word less a suffix such as -ed, -ly, -ness) may have been before the suffix:
    itself, with a dropped ``e`` restored (us|ed -> use), a doubled consonant undone
    (plann|ed -> plan), ``i`` back to ``y`` (appli|ed -> apply)."""
    return {stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem,
            stem[:-1] + "y" if stem.endswith("i") else stem}


def _stems(word: str) -> dict[str, str]:
    """Candidate stems of ``word`` after one prefix and one suffix are stripped, each with
    the suffix stripped ("" for a prefix alone); 4+ letters each."""
    cands = {word}
    for p in PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4 and word[len(p):] not in FUNCTION_WORDS:
            cands.add(word[len(p):])
    out = dict.fromkeys(cands, "")
    for c in cands:
        for s in SUFFIXES:
            if not c.endswith(s):
                continue
            stem = c[:-len(s)]
            if len(stem) < (3 if s.startswith("if") else 4):
                continue  # -ify may follow a short stem (ton+ifying: tone, tonic); the rest need 4+ letters
            if stem[-1] == "s" and stem[-2] not in "suiaoy":
                continue  # no suffix follows a plural: tables+ize, lyrics+headed are glued words
            if s in _SUFFIX_STEM:
                rep = _SUFFIX_STEM[s]
                stems = {stem + rep} if rep else {stem, stem + "e", stem + "ic", stem + "y"}
            else:
                stems = stem_forms(stem)
            for st in stems:
                if len(out.get(st, "")) <= len(s):
                    out[st] = s
    out.pop(word, None)
    return out


def explained(word: str, lang: str = "en", stem_zipf: float = STEM_ZIPF) -> bool:
    """True when prefix/suffix stripping leaves a word at least ``stem_zipf`` frequent.

    ``explained("unhelpfulness")``, ``explained("microcredits")``; with ``stem_zipf=0``
    a listed stem of RARE_STEM_LEN+ letters that is no glued phrase counts too
    (wolfberries -> wolfberry, Zipf 1.1).
    """
    return _derivation(word.lower(), lang, stem_zipf) is not None


@lru_cache(maxsize=100_000)
def _derivation(w: str, lang: str, stem_zipf: float) -> str | None:
    """The suffix stripped to explain ``w`` ("" for a prefix alone), or None (see :func:`explained`)."""
    found: str | None = None
    for c, suffix in _stems(w).items():
        if len(c) < 3 or c in FUNCTION_WORDS:
            continue
        z = zipf(c, lang)
        real = (z >= STEM_ZIPF and z >= stem_zipf) or (
            0 < z and z >= stem_zipf and len(c) >= RARE_STEM_LEN and listed_word(c, lang))
        if real and (found is None or len(suffix) > len(found)):
            found = suffix  # the longest suffix: the one a run-on split is checked against
    return found


def learned_ending(word: str) -> str | None:
    """The learned (Greek/Latin) ending of ``word`` (LEARNED_ENDINGS), leaving a stem of 4+ letters, or None."""
    w = word.lower()
    for e in LEARNED_ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 4:
            return e
    return None


@lru_cache(maxsize=1)
def _frequent_words() -> frozenset[str]:
    from wordfreq import get_frequency_dict
    floor = 10 ** (NEAR_MISS_ZIPF - 9)  # Zipf = log10(frequency per billion words)
    return frozenset(w for w, f in get_frequency_dict("en").items() if f >= floor and w.isalpha())


@lru_cache(maxsize=20_000)
def near_miss(word: str, lang: str = "en") -> str | None:
    """A frequent word (Zipf >= NEAR_MISS_ZIPF) one edit away from ``word``, or None.

    ``near_miss("atomosphere") -> "atmosphere"``, ``near_miss("counsult") -> "consult"``.
    Edits: deletion, transposition, substitution, insertion (Damerau); English only.
    """
    if lang != "en":
        return None
    w = word.lower()
    if len(w) > 64:
        return None
    vocab = _frequent_words()
    for i in range(len(w) + 1):
        a, b = w[:i], w[i:]
        cands = [a + c + b for c in _LETTERS]
        if b:
            cands.append(a + b[1:])
            cands.extend(a + c + b[1:] for c in _LETTERS if c != b[0])
            if len(b) > 1:
                cands.append(a + b[1] + b[0] + b[2:])
        for c in cands:
            if c in vocab:
                return c
    return None


def learned_form(word: str, lang: str = "en") -> bool:
    """True when ``word`` is built like learned vocabulary: a learned ending (tremella,
    stranguria, mesoscope), or a bound combining form (LEARNED_HEADS) before a known
    word (mesoscan, microfat) or before a short learned ending (oleocanthal)."""
    w = word.lower()
    if learned_ending(w):
        return True
    for h in LEARNED_HEADS:
        if w.startswith(h) and len(w) - len(h) >= 3:
            rest = w[len(h):]
            if zipf(rest, lang) >= KNOWN_ZIPF or rest.endswith(SHORT_LEARNED_ENDINGS):
                return True
    return False


@lru_cache(maxsize=100_000)
def rare_word(word: str, lang: str = "en", parts: tuple[str, ...] | None = None) -> bool:
    """True when a lower-case token unknown to wordfreq reads as one rare real word.

    Seen as false positives of ``glued_words``/``garbled_words`` on the WMT22 zh-en
    human references (wolfberries, spermatorrhea, fieldbuses, shipborne, tonifying):

    * wordfreq lists it at all (Zipf > 0) and it is no glued phrase (:func:`listed_word`);
    * stripping affixes leaves a listed stem (:func:`explained` with any Zipf > 0:
      wolfberries -> wolfberry 1.1, deliverymen -> deliveryman 1.9), and the run-on
      split ``parts``, if given, has no function word (pizza|as, case|is are glued)
      or cuts the stripped suffix (individual|i|ties cuts -ities);
    * given ``parts``, its learned ending is cut by the split (sperm|at|or|rhea cuts
      -rrhea): the split is no better reading than the word.

    English only. Measured on pairs of frequent English words glued together
    (28,836 that :func:`runon_split` split before), these rules leave 31 unsplit
    (0.1%: fieldworking, soundbits, transdata); ``garbled_words`` adds learned
    shapes and a near-miss test of its own.
    """
    if lang != "en":
        return False
    w = word.lower()
    if listed_word(w, lang):
        return True
    suffix = _derivation(w, lang, 0.0)
    if suffix is not None and (parts is None or not _phrase(parts) or len(parts[-1]) < len(suffix)):
        return True
    if parts is not None:
        e = learned_ending(w)
        if e is not None and len(parts[-1]) < len(e) and not _phrase(parts[-1:]):
            return True  # not benefit|is: a function word at the end is the better reading
    return False
