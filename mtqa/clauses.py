"""Which capitalised English word, met mid-sentence, reads as the start of a new clause.

Shared by ``run_on_sentences`` (a lost full stop between words) and
``glued_words`` (a lost full stop inside a glued token). wordfreq folds case, so
it cannot tell "Key" the word from "Key" the name; instead a capitalised word
counts as a clause opener only when it belongs to a class that is almost never
part of a name or title:

* closed-class words that open English sentences: determiners, pronouns,
  prepositions, conjunctions and sentence adverbs (``The``, ``It``, ``In``,
  ``However``) -- :data:`OPENERS`;
* ``-ly`` adverbs whose adjective is a common word (``Vigorously`` <- vigorous,
  Zipf >= :data:`STEM_ZIPF`), bar frequency adjectives (``Daily``, ``Weekly``);
* verbs that open instructions or reports in translated policy text (past forms
  ``Built``, ``Completed``; imperatives ``Implement``, ``Promote``), and only
  when a determiner or a number follows (``Built 121``, ``Implement the``):
  nouns and names followed by a number (``Level 1``, ``Windows 10``) are not
  past forms, and names are seldom followed by "the".

English only: the word lists are English. Names, months, days, languages,
nationalities, "I", "A" and UI labels (``More``, ``Next``, ``Home``) are in none
of the classes, so they are never openers.
"""
from __future__ import annotations

from typing import Sequence

from .words import stem_forms, zipf

OPENERS = frozenset("""
the this these those it its we our they their he his she her you your there here
in at on for with by from after before since during until through throughout among within
as if when whenever while although though because unless whether once
however meanwhile therefore moreover furthermore besides nevertheless nonetheless thus hence
currently also then now today yesterday recently finally firstly secondly thirdly lastly
so but yet instead otherwise still later subsequently accordingly additionally
to according following regarding despite""".split())

#: Words that cannot end an English sentence: a capital after them is no lost full stop.
NO_END = frozenset("""
a an the this that these those my your his her its our their some any every each no
of to in on at for with by from about into onto over under than as via per between among
and or but nor is are was were be been being am has have had will would can could shall should
may might must do does did not very so such whose which who whom what where how why
although because unless whether if including upon toward towards despite""".split())

#: Words after which a capitalised word is a label or a title, not a new sentence
#: ("tap Settings", "a film called Hero", "the word The").
QUOTING = frozenset("""
tap taps click clicks clicked select selects choose press presses hit type enter open
call called named titled entitled dubbed labelled labeled marked read reads see say says said
word words term phrase button option menu tab icon""".split())

#: Adjectives or nouns in -ly, not adverbs (the stem test would pass them).
_NOT_ADVERBS = frozenset("daily weekly monthly yearly hourly nightly quarterly early only family "
                         "friendly lovely lonely likely costly elderly orderly lively deadly holy "
                         "assembly supply apply reply rally ally belly jelly bully".split())
#: Irregular past forms that open report clauses in translated policy text.
_IRREGULAR_PAST = frozenset("built made held won led brought sent spent took gave began became found "
                            "paid sold bought kept met went came grew wrote told raised".split())
#: Imperatives that open instruction clauses in translated policy text (实施 implement, 推进 promote...).
_IMPERATIVES = frozenset("""
implement promote strengthen establish improve ensure accelerate enhance expand deepen optimize
optimise consolidate carry adhere insist persist continue encourage develop create build increase
organize organise provide guide launch strive focus invest adopt""".split())
#: Words that may follow a verb opener: determiners, quantifiers and numbers.
_OBJECT_STARTS = frozenset("the a an its their our his her this these that those all every each some "
                           "more over nearly about up out".split())
#: Quantifiers that open a clause before "than" or a number (More than 10,000 people were employed).
_QUANTIFIERS = frozenset("more less fewer over nearly almost about around approximately some".split())
_OPENING = "\"'“‘([{（«<"
_SENTENCE_END = ".!?;:…"
#: Characters after a word searched for the next three words.
_FOLLOW_WINDOW = 120
#: Zipf (wordfreq) an adverb's adjective must reach: once per million words.
STEM_ZIPF = 3.0


def _adverb(word: str) -> bool:
    if len(word) < 6 or not word.endswith("ly") or word in _NOT_ADVERBS:
        return False
    stem = word[:-2]
    stems = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem,
             stem + "le" if word.endswith("bly") else stem}
    if word.endswith("ically"):
        stems.add(word[:-4])  # basically <- basic
    return any(len(s) >= 4 and zipf(s) >= STEM_ZIPF for s in stems)


def _verb(word: str) -> bool:
    if word in _IRREGULAR_PAST or word in _IMPERATIVES:
        return True
    if len(word) < 5 or not word.endswith("ed"):
        return False
    return any(len(s) >= 3 and zipf(s) >= STEM_ZIPF for s in stem_forms(word[:-2]))  # planned <- plan


def opens_clause(word: str, following: Sequence[str]) -> bool:
    """True when capitalised ``word`` (``Vigorously``) reads as the first word of a new clause.

    ``following`` are the next words (as written, punctuation stripped), used to
    require an object after a verb (``Built 121``) and to leave title-case runs
    alone (``The Wandering Earth``, ``On the Spirit of Arts``): when one of the
    next three words is capitalised, ``word`` belongs to a name or a title. A
    quantifier (More, Nearly, Over) opens a clause before "than" or a number.
    """
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return False
    if any(w[:1].isupper() for w in following[:3] if w != "I"):
        return False
    low = word.lower()
    if low in OPENERS or _adverb(low):
        return True
    nxt = following[0].lower() if following else ""
    if low in _QUANTIFIERS and (nxt == "than" or nxt[:1].isdigit()):
        return True  # "More than 10,000 people", "Nearly 90 % of"
    return _verb(low) and (nxt in _OBJECT_STARTS or nxt[:1].isdigit())


def next_words(text: str, at: int) -> list[str]:
    """The next three words of ``text`` after ``at``, punctuation stripped, stopping after a sentence end.

    A word that opens with a quote or bracket is given as "" (a quoted name after
    a clause opener does not make a title-case run).
    """
    out: list[str] = []
    for tok in text[at:at + _FOLLOW_WINDOW].split()[:3]:
        out.append("" if tok[0] in _OPENING else tok.strip("\"'”’.,;:!?)]}»…"))
        if tok[-1] in _SENTENCE_END:
            break
    return out
