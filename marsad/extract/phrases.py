"""Token-level readings of news prose: title phrases, person-name extents and organisation phrases."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.lexicon import Lexicon
from marsad.model import Token
from marsad.text.morphology import Morphology
from marsad.text.normalize import join_keys, norm_char_key

MAX_TITLE_TOKENS = 9
MAX_NAME_TOKENS = 4
MAX_ORG_TOKENS = 6
MIN_PRONOUN_HOST = 3  # letters a noun keeps before a pronoun suffix («زوجته»); «وجيه» is a given name
NAME_QUOTES = {"\u00ab": "\u00bb", "\u201c": "\u201d", '"': '"'}  # opening → closing quote of a quoted name


@dataclass(slots=True)
class SentView:
    """One sentence's tokens with their keys and NER tags, and lexicon lookups on them through `morph`."""

    tokens: list[Token]
    morph: Morphology
    tags: list[str] = field(default_factory=list)
    lexicon_spans: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    doc_names: frozenset[str] = frozenset()  # keys of the words the tagger marks as persons anywhere in the article
    cut_names: set[int] = field(default_factory=set)  # starts of the tagger's names these rules cut in two
    keys: list[str] = field(default_factory=list)
    punct: list[bool] = field(default_factory=list)
    _titles: dict[int, tuple[int, str, int] | None] = field(default_factory=dict)
    lex: Lexicon = field(init=False)
    lex_at: dict[int, tuple[int, frozenset[str]]] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = [t.key for t in self.tokens]
        self.punct = [_is_punctuation(t.text) for t in self.tokens]
        self.lex = self.morph.lexicon
        self.lex_at = {s: (e, classes) for s, e, classes in self.lexicon_spans}
        self.tags = [t.ner for t in self.tokens]
        self.tags = _person_tags(self)

    def __len__(self) -> int:
        return len(self.tokens)

    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def is_punct(self, i: int) -> bool:
        return 0 <= i < len(self.punct) and self.punct[i]

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < len(self.tags) else "O"


@lru_cache(maxsize=65536)
def _is_punctuation(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _person_tags(view: SentView) -> list[str]:
    """Return the tokens' NER labels, person labels taken off a word made of «ل» and the article
    («للصبي بيلي», «محمد بن نايف للمناصحة»: a noun after a preposition, never part of a name) and off the
    words that close a name (`_closes_name`: «حفظه الله», «وشركة», «بيونغ يانغ», «لبي بي سي»); a name the
    tagger ran on past such a word opens again on the next one («ترامب وشركة جارد كوشنر»)."""
    tags = view.tags
    morph = view.morph
    person = ("B-PERS", "I-PERS")
    i = 0
    run = 0  # where the tagger's current person name began
    while i < len(tags):
        opener = _no_name_opener(view, i) if tags[i] == "B-PERS" else None
        if opener:
            tags[i] = "O"  # «وأحرز بوجبا», «قد شارك الناصر», «بدخول أجويرو»: the name opens on the next word
            if i + 1 < len(tags) and tags[i + 1] == "I-PERS":
                tags[i + 1] = "B-PERS"
                if opener == "verb":
                    view.cut_names.add(i + 1)  # the verb's subject, a person alone as the tagger found it
            i += 1
            continue
        if tags[i] == "B-PERS":
            run = i
        if tags[i] not in person:
            if i + 1 < len(tags) and tags[i + 1] == "I-PERS" and _closes_name(view, i):
                tags[i + 1] = "B-PERS"  # «ترامب وشركة جارد كوشنر» with «وشركة» left out by the tagger
            i += 1
            continue
        if tags[i] == "I-PERS" and i > 0 and tags[i - 1] in person:
            joined = _joined_word(view, i)
            if joined == "name":
                tags[i] = "B-PERS"  # «ترامب وبوتين», «روبرتو كارلوس وريفالدو»: the next person of a list
                view.cut_names |= {run, i}
                run = i
                i += 1
                continue
            if joined == "word":
                tags[i] = "O"  # «آبي وزوجته», «لي وللنادي»: a word joined to the name, no name word
                if i + 1 < len(tags) and tags[i + 1] == "I-PERS":
                    tags[i + 1] = "B-PERS"
                i += 1
                continue
        if _lam_article(morph, view.keys[i]) and not _before_nasab(view, i):  # «للوليد بن طلال»
            end = i + 1
        else:
            end = max(i + 1, _place_or_org_at(view, i)) if _closes_name(view, i) else i
        if end > i:
            if tags[i] == "B-PERS" and end < len(tags) and tags[end] == "I-PERS":
                tags[end] = "B-PERS"
                if view.keys[i] in view.lex.words("complementizers"):
                    view.cut_names.add(end)  # «فإن بوتين»: the tagger's person, the complementizer left out
            for j in range(i, end):
                if tags[j] in person:
                    tags[j] = "O"
            i = end
            continue
        i += 1
    return tags


MIN_OPENER_LETTERS = 5  # «بدخول», «ليفوز»; shorter words with «ب» or «ل» are often foreign names («براد», «بليس»)


def _no_name_opener(view: SentView, i: int) -> str | None:
    """What the word at i is when the tagger makes it the first word of a person's name but it is no name word:
    "verb" for a verb or common word with «و» or «ف» opening the sentence («وأحرز بوجبا هدفا», «وعانى جوكوفيتش»:
    Arabic news puts the verb first) and a word right after a particle only a verb follows (`verb_particles.txt`:
    «وقد شارك الناصر»), "preposition" for «ب» or «ل» on a common word («بدخول أجويرو», «لمحطة زد»), else None.
    A word that is, or whose stem is, a given or foreign name word, or a name the tagger marks elsewhere in the
    article, stays a name word; so does «ل» on what reads as an imperfect verb («ليروي ساني», like «ليفوز»), and
    a word opening a news agency's name (`_agency_at`)."""
    k = view.key(i)
    m, lex = view.morph, view.lex
    if not k or m.is_first_name(k) or k in lex.foreign_name_words or _agency_at(view, i) > i:
        return None
    if i > 0 and view.key(i - 1) in lex.words("verb_particles") and not view.is_punct(i - 1):
        return "verb"
    if view.tag(i + 1) != "I-PERS":
        return None
    common = lex.words("bare_common_words")
    if all(view.is_punct(j) for j in range(i)) and m.starts_with_conjunction(k):
        stem = m.conjunction_stem(k)
        verb = stem is not None and _common_stem(view, stem) and (
            stem in common or m.looks_like_verb(stem) or m.is_future_verb(stem))
        return "verb" if verb else None
    prep = m.preposition_stem(k) if len(k) >= MIN_OPENER_LETTERS and m.starts_with_preposition(k) else None
    if prep is None or prep not in common or not _common_stem(view, prep):
        return None
    purpose = k.startswith(m.article[1:]) and m.looks_like_verb(prep)  # «ل» + an imperfect verb, or «ليروي»
    return None if purpose else "preposition"


def _common_stem(view: SentView, stem: str) -> bool:
    """Whether a word without its proclitic can be no name: long enough, no function word, no given or foreign
    name word, and not a word the tagger marks as a person elsewhere in the article."""
    m, lex = view.morph, view.lex
    return len(stem) >= 3 and stem not in lex.function_words and not m.is_first_name(stem) \
        and stem not in lex.foreign_name_words and stem not in view.doc_names


def _joined_word(view: SentView, i: int) -> str | None:
    """What a word the tagger puts inside a person's name is when it opens with «و»/«ف»: "name" when its stem
    is another person's name (a given or foreign name word of the lexicon, or a word the tagger marks as a
    person elsewhere in the article: «ترامب وبوتين», «ستيفن هاموند ونيكي مورغان»), "word" when the stem
    carries a pronoun or is «ل» + the article («آبي وزوجته», «لي وللنادي»), else None: surnames that open with
    «و» stay («دانا وايت», «بوب وودورد», «محمد ولد عبد العزيز»), and so does any word after a particle («آل
    وديان»)."""
    k = view.key(i)
    m, lex = view.morph, view.lex
    stem = m.conjunction_stem(k)
    if stem is None or len(stem) < 3 or not m.starts_with_list_conjunction(k) or m.is_first_name(k) \
            or k in lex.foreign_name_words or view.key(i - 1) in lex.words("name_particles") \
            or stem in lex.function_words:
        return None
    pronoun = m.enclitic(view.tokens[i].text[1:])
    if pronoun and len(stem) - len(pronoun) >= MIN_PRONOUN_HOST and not m.is_first_name(stem) \
            and stem not in view.doc_names and _known_noun(view, stem, len(pronoun)):
        return "word"
    if _lam_article(m, stem):
        return "word"
    if m.is_first_name(stem) or stem in lex.foreign_name_words or stem in view.doc_names:
        return "name"
    return None


def _known_noun(view: SentView, stem: str, pronoun: int) -> bool:
    """Whether `stem`, a word ending in a pronoun of `pronoun` letters, is a common noun with that pronoun
    («زوجته», «شقيقه»: the word or its host is in `bare_common_words`, or the host with the article in
    `common_nouns`), not a surname that merely ends like one («واغيه»)."""
    bare, common = view.lex.words("bare_common_words"), view.lex.words("common_nouns")
    host = stem[:-pronoun]
    clitics = view.lex.clitics  # «زوجته»: the host «زوجت» is «زوجة» with its «ة» written «ت»
    hosts = {host} | {host[:-len(t)] + norm_char_key(e) for t in clitics.get("feminine_before_pronoun", ())
                      if host.endswith(t) for e in clitics.get("feminine_ending", ())}
    return stem in bare or any(h in bare or f"{view.morph.article}{h}" in common for h in hosts)


def _lam_article(morph: Morphology, key: str) -> bool:
    """Whether a word is the preposition «ل» on a word with the article («للقيود»; not «للا»)."""
    if not key.startswith(morph.article[1:] * 2):
        return False  # «لاليت» is a name: «ل» on the article drops the alef, «لل…»
    stem = morph.lam_stem(key)
    return stem is not None and morph.has_article(stem) and len(stem) > len(morph.article) + 1


def _closes_name(view: SentView, i: int) -> bool:
    """Whether token i closes a person's name whatever its NER tag: a blessing formula begins there
    (lexicon `blessing_formulas.txt`: «حفظه الله», «صلى الله»), it heads a company, body or building
    (`named_after_heads.txt`: «وشركة»), it is a preposition on a function word («بأن»), the divine name
    stands outside the compound
    names it forms (`theophoric_names.txt`: «سلمان الله …», not «حسن نصر الله»), or a place or a
    multi-word organisation of the lexicon begins there («بيونغ يانغ», «بي بي سي»)."""
    k = view.key(i)
    lex = view.lex
    if f"{k} {view.key(i + 1)}" in lex.words("blessing_formulas") or k in lex.words("never_name_words"):
        return True  # «… حفظه الله»; «آل خليفة قوله», «بن لادن نفسه»: a quote cue or reflexive, no name word
    if k in lex.words("name_of_words") and view.key(i - 1) in lex.words("naming_cues"):
        return True  # «المعروف باسم أبو منتظر»: «by the name of», not the given name Bassem
    if any(stem in lex.words("named_after_heads") for _, stem in view.morph.stems(k)):
        return True  # «ترامب وشركة كوشنر»: the head of a company is no name word
    prep = view.morph.preposition_stem(k)
    if prep is not None and prep in lex.function_words and not view.morph.is_first_name(prep):
        # «بأن», «لأن»: a preposition on a function word (not «لعلي»); opening a tagged name and written
        # as its key (no hamza normalised away), it may be a name that shares the key: «بان كي مون»
        return view.tag(i) != "B-PERS" or view.tokens[i].text != k
    conj = view.morph.conjunction_stem(k)
    if conj is not None and conj in lex.function_words and not view.morph.is_first_name(conj) \
            and view.tokens[i].text != k:
        # «وبحسب الصحيفة فإن هيلاري …»: a conjunction on a function word whose hamza is written; «فان» as
        # its key may be Dutch «van» («لويس فان غال»)
        return True
    compounds = lex.words("theophoric_names")
    if k in _compound_tails(compounds):
        prev = view.key(i - 1) if i > 0 and not view.is_punct(i - 1) else ""
        return not prev or not {f"{prev} {k}", f"{view.morph.bare(prev)} {k}"} & compounds  # «وسيف الله»
    return _place_or_org_at(view, i) > i


def _place_or_org_at(view: SentView, i: int) -> int:
    """Return the end of a place or multi-word organisation of the lexicon that starts at token i and is no
    name word there, else i: «بيونغ يانغ», «لبي بي سي», «بالرياض». A one-word place written bare and tagged as
    part of a person is left to the tagger: «جورج واشنطن» is a president; so is a town that is also a name word
    opening a name: «عمران خان»."""
    end, classes = view.lex_at.get(i, (i, frozenset()))
    if "FN" in classes:
        return i
    if "ORGN" in classes and end - i >= 2:
        return end
    if classes & {"CITY", "CTRY"}:
        k = view.key(i)
        bare_tagged = end == i + 1 and k in view.lex.places and not view.morph.has_article(k) \
            and view.tag(i) == "I-PERS"
        # a town that is also a name word (`cued` in towns.tsv) opening a name the tagger runs on: «عمران خان»
        opens_name = end == i + 1 and view.tag(i) == "B-PERS" and view.tag(i + 1) == "I-PERS" \
            and k in view.lex.cued_places
        return i if bare_tagged or opens_name else end
    return max(_agency_at(view, i), _short_clitic_phrase(view, i))


def _agency_at(view: SentView, i: int) -> int:
    """Return the end of a news agency's name (lexicon `agencies.tsv`) starting at token i, bare or with a
    preposition on its first word («فرانس برس», «لأسوشيتد برس», «لرويترز»: the source of a quote, which the tagger
    reads as a person), else i."""
    k = view.key(i)
    agencies = view.lex.agencies
    prep = view.morph.preposition_stem(k)
    for n in range(min(MAX_NAME_TOKENS, len(view) - i), 0, -1):
        if any(view.is_punct(j) for j in range(i, i + n)):
            continue
        # one word bare is left to the tagger: «بترا» is also the given name Petra
        firsts = ([k] if n > 1 else []) + ([prep] if prep else [])
        if any(join_keys([first, *view.keys[i + 1:i + n]]) in agencies for first in firsts):
            return i + n
    return i


def _short_clitic_phrase(view: SentView, i: int) -> int:
    """Return the end of a place or organisation of several words on whose first word a proclitic letter
    stands, a word too short for the morphology to split («لبي بي سي»: «ل» + «بي بي سي»), else i."""
    k = view.key(i)
    m = view.morph
    if len(k) < 2 or k[1:] not in _phrase_first_words(view.lex) or k[1:] in m.lexicon.first_names \
            or not (m.starts_with_preposition(k) or m.starts_with_conjunction(k)):
        return i
    for n in range(min(MAX_NAME_TOKENS, len(view) - i), 1, -1):
        phrase = join_keys([k[1:], *view.keys[i + 1:i + n]])
        if phrase in view.lex.organisations or phrase in view.lex.places:
            return i + n
    return i


@lru_cache(maxsize=4)
def _phrase_first_words(lex: Lexicon) -> frozenset[str]:
    """The first words of the lexicon's organisations and places of several words («بي» of «بي بي سي»)."""
    return frozenset(k.split()[0] for k in (*lex.organisations, *lex.places) if " " in k)


@lru_cache(maxsize=4)
def _compound_tails(compounds: frozenset[str]) -> frozenset[str]:
    """The last words of the compound names («الله»)."""
    return frozenset(c.split()[-1] for c in compounds)


def _title_at(view: SentView, i: int) -> tuple[int, str, int] | None:
    """Return (end, kind, clitic length) of the longest lexicon title starting at token i."""
    readings = view.morph.title_readings(view.key(i))
    if not readings:
        return None
    if i in view._titles:
        return view._titles[i]
    hit = _find_title(view, i, readings)
    view._titles[i] = hit
    return hit


def _before_nasab(view: SentView, i: int) -> bool:
    """Whether token i is directly followed by «بن», «بنت» or «ابن» (lexicon `nasab_particles.txt`)."""
    return view.key(i + 1) in view.lex.words("nasab_particles") and not view.is_punct(i + 1)


def _given_name_before_nasab(view: SentView, i: int) -> bool:
    """A word without the article right before «بن» is a given name, whatever else it can be: «مساعد»
    (assistant) in «الدكتور مساعد بن محمد», «تركي» (Turkish) in «الأمير تركي بن محمد»."""
    return _before_nasab(view, i) and not view.morph.has_article(view.key(i))


def _given_name_before_surname(view: SentView, i: int) -> bool:
    """A given name that is also a nisba («تركي»), written without the article, right before a family name with
    the article or «آل» («العقيد تركي المالكي», «الأمير تركي الفيصل», «تركي آل الشيخ»): an adjective would agree
    with its noun's article («الجيش التركي»), so this is the name. «تركي الجنسية», «تركي الصنع» are not: a common
    word is no family name."""
    m = view.morph
    k = view.key(i)
    if not k or m.has_article(k) or not m.is_first_name(k) or not (m.nisba_of(k) or m.country_of(k)) \
            or i + 1 >= len(view) or view.is_punct(i + 1):
        return False
    nxt = view.key(i + 1)
    if nxt in view.lex.words("clan_particles"):
        return True
    return m.has_article(nxt) and not (m.nisba_of(nxt) or m.country_of(nxt)) and not _title_at(view, i + 1) \
        and nxt not in view.lex.words("bare_common_words") and not _ends_name(view, i + 1)


def _find_title(view: SentView, i: int, readings: tuple[tuple[int, str], ...]) -> tuple[int, str, int] | None:
    table = view.lex.titles
    if _given_name_before_nasab(view, i):
        return None
    for length in (3, 2, 1):
        if i + length > len(view) or any(view.is_punct(j) for j in range(i + 1, i + length)):
            continue
        rest = [view.key(j) for j in range(i + 1, i + length)]
        for strip, first in readings:
            kind = table.get(join_keys([first, *rest]))
            if kind and strip and kind not in ("office", "role") and not (
                    strip == 1 and view.morph.starts_with_conjunction(view.key(i))):
                continue  # «للفريق» after a preposition is «for the team», not the rank
            if kind:
                return i + length, kind, strip
    for strip, first in readings:
        if first in view.lex.words("counterpart_words"):
            return i + 1, "counterpart", strip
    return None


@dataclass(slots=True)
class TitlePhrase:
    """A title or rank before or after a name: token range, kind, country from a nisba or name."""

    start: int
    end: int
    kind: str
    clitic: int = 0
    country: str | None = None
    dual_base: str | None = None


def _looks_like_name_word(view: SentView, i: int) -> bool:
    """A bare word that could be part of a name: not punctuation, a function word, a title or a nisba,
    nor a word that ends a name (`_ends_name`)."""
    if i >= len(view) or view.is_punct(i):
        return False
    k = view.key(i)
    m = view.morph
    if not k or k[0].isdigit() or view.tag(i)[2:] in ("LOC", "ORG"):
        return False  # the tagger's places and organisations («كرواتيا») are no name words
    if k in view.lex.function_words and not (m.is_first_name(k) and view.tag(i) in ("B-PERS", "I-PERS")):
        return False  # «على» and the given name «علي» share a key: the tagger tells them apart
    if (_given_name_before_nasab(view, i) or _given_name_before_surname(view, i)) \
            and not view.morph.starts_with_conjunction(k):
        return True  # «الأمير تركي بن محمد», «العقيد تركي المالكي»: the nisba «تركي» is a given name here
    return not _title_at(view, i) and not m.nisba_of(k) and not m.country_of(k) \
        and k not in view.lex.organisations and not _ends_name(view, i)


def _ends_name(view: SentView, i: int) -> bool:
    """Whether token i cannot continue a person's name though it is no function word: a time word
    («مساء», a month or weekday), an event trigger or quote cue («اغتيال», «قوله»), a preposition on
    the article or on a function word («للتعاون», «بأن»), or an imperfect verb («يؤكد»). A known given
    name, or a word the NER tagger marks as part of a person, is never one, except a common noun
    (`_is_common_noun`: «رونالدو الأنظار», «نتنياهو السياسي»)."""
    k = view.key(i)
    m, lex = view.morph, view.lex
    if k and _closes_name(view, i):
        return True
    if not k or m.is_first_name(k):
        return False
    if _is_common_noun(view, i):
        return True
    if view.tag(i) in ("B-PERS", "I-PERS"):
        return False
    if k in lex.words("bare_common_words") or _inflected_common_word(view, i):
        return True  # «صلاح سقط», «سلمان بن عبدالعزيز اتصالا»: an untagged verb or noun, no surname
    if k in lex.words("name_end_words") or k in lex.months or k in lex.weekdays or k in _relative_time_words(lex):
        return True  # «شكري مساء», «رمضان الماضي»
    stems = [s for _, s in m.stems(k)]
    if any(s in lex.triggers or s in lex.words("quote_cues") for s in stems):
        return True
    prep = m.preposition_stem(k)
    if prep is not None and (prep in lex.function_words or m.has_article(prep)):
        return True
    return m.looks_like_verb(k) and not m.is_first_name(m.bare(k))


def _inflected_common_word(view: SentView, i: int) -> bool:
    """Whether token i is a preposition on a common word («بمباريات», «باستقدام»: the stem in
    `bare_common_words`) or a preposition or common noun carrying a pronoun («له», «عليه», «غلته»): such a
    word is never a surname."""
    k = view.key(i)
    m, lex = view.morph, view.lex
    prep = m.preposition_stem(k)
    if prep is not None and prep in lex.words("bare_common_words"):
        return True
    pronoun = m.enclitic(view.tokens[i].text)
    if not pronoun or not k.endswith(pronoun):
        return False
    host = k[:-len(pronoun)]
    return host in lex.function_words or host in m.prepositions or (
        len(host) >= MIN_PRONOUN_HOST and _known_noun(view, k, len(pronoun)))


def _is_common_noun(view: SentView, i: int) -> bool:
    """Whether token i is a word with the article that news writes after a given name almost never
    (lexicon `common_nouns.txt`, compiled from the news corpora): a noun or adjective, not a surname.
    A word the tagger puts in a person's name right before a punctuation mark is left to the tagger: the
    mark closes the name where the tagger does («…، محمد الدائر،»: a surname that is also an adjective)."""
    if view.key(i) not in view.lex.words("common_nouns"):
        return False
    return not (view.tag(i) in ("B-PERS", "I-PERS") and view.is_punct(i + 1))


@lru_cache(maxsize=4)
def _relative_time_words(lex: Lexicon) -> frozenset[str]:
    """«الماضي», «المقبل», «الجاري»: words that place a time, never a surname."""
    return frozenset(norm_char_key(r[0]) for r in lex.rows("relative_time_words.tsv") if r)


def _is_name_start(view: SentView, i: int, after_title: bool = False) -> bool:
    """Whether a person's name can start at token i: a name word the NER tagger marks as a person,
    or a known given name. `after_title` is kept for callers; an untagged unknown word after a title
    is no longer a name start («رئيس جديد منتخب», «متحدث عسكري موال»: on 2,000 unseen SaudiNewsNet
    articles such spans were mostly not people, and news-dev and the seeds lose no person without them)."""
    if not _looks_like_name_word(view, i):
        return False
    return view.tag(i) in ("B-PERS", "I-PERS") or view.morph.is_first_name(view.key(i))


def parse_title(view: SentView, i: int) -> TitlePhrase | None:
    """Return the title phrase starting at token i (head plus complements), or None."""
    head = _title_at(view, i)
    if head is None:
        return None
    end, kind, clitic = head
    phrase = TitlePhrase(i, end, kind, clitic)
    m = view.morph
    if kind == "rank":
        modifiers = view.lex.words("rank_modifiers")
        while phrase.end < len(view) and view.key(phrase.end) in modifiers:
            phrase.end += 1  # «الفريق أول ركن», «العميد طيار»
        return phrase
    if kind == "honorific":
        return phrase
    head_key = next((k for cut, k in m.title_readings(view.key(i)) if cut == clitic), view.key(i))
    if head_key in view.lex.words("dual_offices") and end < len(view):
        noun = view.key(end)
        if noun and not view.is_punct(end) and view.key(end) not in view.lex.function_words:
            # «وزيرا خارجية البلدين», «وزيرا الخارجية المصري … والأردني …»: one office, two holders
            definite = noun if m.has_article(noun) else f"{m.article}{noun}"
            phrase.dual_base = f"{m.singular_of_dual(head_key)} {definite}"
    j = end
    while j < len(view) and j - i < MAX_TITLE_TOKENS:
        k = view.key(j)
        if k in view.lex.title_complements and not view.is_punct(j):
            j += 1  # «المتحدث باسم …»: «باسم» here is not the given name Bassem
            continue
        if view.is_punct(j):
            break
        if _title_at(view, j):
            if _in_construct(view, j):
                j += 1
                continue
            if j > end:
                break
        if _is_name_start(view, j):
            break
        span = next((e for s, e, classes in view.lexicon_spans if s == j and e > j + 1 and "CTRY" in classes), None)
        place = view.lex.places.get(join_keys(view.keys[j:span])) if span else None
        if place is not None:
            phrase.country = phrase.country or place.iso  # «زعيم كوريا الشمالية»: the whole name, not «كوريا»
            j = span
            continue
        if _open_construct(view, i, j) and not m.has_article(k) and k not in view.lex.function_words \
                and not m.starts_with_conjunction(k) and not m.looks_like_verb(k):
            j += 1  # «وكيل إمارة منطقة …»: a bare noun after a bare one is its genitive, not a name
            phrase.country = phrase.country or m.own_country(k)  # «وزيرا داخلية مصر»: the state is the genitive
            continue
        iso = view.lex.nisbas.get(join_keys(view.keys[j:j + 2])) if j + 1 < len(view) else None
        if iso:  # a nisba of two words: «الزعيم الكوري الشمالي», «رئيس جنوب أفريقيا»
            phrase.country = phrase.country or iso
            j += 2
            continue
        iso = m.own_nisba(k)
        if iso:
            phrase.country = phrase.country or iso
            j += 1
            continue
        ciso = m.own_country(k)
        if ciso:
            phrase.country = phrase.country or ciso  # «بعمان» says where, not whose
            j += 1
            continue
        linker = k in view.lex.words("title_linkers")
        if k in view.lex.function_words and not linker:
            break
        if linker:
            nxt = view.key(j + 1)
            if m.has_article(nxt) or nxt in view.lex.title_complements or nxt in view.lex.organisations \
                    or m.own_country(nxt):
                j += 1
                continue
            break
        if m.has_article(k) or k in view.lex.title_complements:
            j += 1
            continue
        stem = m.preposition_stem(k)
        if stem is not None and (m.has_article(stem) or stem in view.lex.title_complements
                                 or stem in view.lex.organisations):
            j += 1
            continue
        if phrase.dual_base and j == end:
            j += 1
            continue
        break
    phrase.end = max(j, end)
    return phrase


def _open_construct(view: SentView, i: int, j: int) -> bool:
    """Whether the title word before j (from the head at i on) is a bare noun still awaiting its genitive."""
    if j <= i or view.is_punct(j - 1):
        return False
    prev = view.key(j - 1)
    m = view.morph
    if m.has_article(prev) or m.nisba_of(prev) or m.country_of(prev) or prev in view.lex.function_words:
        return False
    if j - 1 == i:
        return not any(m.has_article(stem) for _, stem in m.title_readings(prev))
    return m.preposition_stem(prev) is None or prev in view.lex.title_complements


def _in_construct(view: SentView, j: int) -> bool:
    """Whether the title word at j is the genitive of the bare noun before it, so one post goes on:
    «نائب رئيس الوزراء», «مستشار رئيس البرلمان», «المتحدث باسم الرئيس»; not «… اليوناني رئيس …»."""
    if j < 1 or view.is_punct(j - 1) or _title_at(view, j)[2]:
        return False
    prev = view.key(j - 1)
    m = view.morph
    if m.has_article(prev) or m.nisba_of(prev) or m.country_of(prev) or prev in view.lex.function_words:
        return False
    return bool(view.morph.title_readings(prev)) or prev in view.lex.title_complements


def _written_given_name(view: SentView, j: int) -> bool:
    """Whether the word at j, whose key is also a function word's, is written as the given name inside a name the
    tagger runs on: «محمد علي جعفري» (Ali, spelt with «ي», where the preposition «على» shares its key)."""
    return view.tag(j) == "I-PERS" and view.tokens[j].text == view.key(j) and view.morph.is_first_name(view.key(j))


def name_extent(view: SentView, i: int, after_title: bool = False) -> int:
    """Return the end of the person name starting at token i (i itself when none starts there).

    The NER tagger's extent is trusted («كيري» alone stays alone); a word it left out joins only as
    the surname of a lone given name or after a particle. A particle («بن», «آل», «أبو») binds the
    next word, so a name never ends on one: a nasab runs on («محمد بن سلمان بن عبدالعزيز»), or the
    particle is left out. Particles do not count towards MAX_NAME_TOKENS.
    """
    if not _is_name_start(view, i, after_title):
        return i
    m, lex = view.morph, view.lex
    particles = lex.words("name_particles")
    lineage = lex.words("nasab_particles") | lex.words("clan_particles")
    if m.has_article(view.key(i)) and not _before_nasab(view, i):
        return i + 1  # «واتهم الصفدي جماعات …»: a name opening with the article is a bare surname
    first_bare = m.bare(view.key(i)) if m.name_clitic(view.key(i)) else view.key(i)
    j = i + 1
    words = 0 if first_bare in particles else 1
    while j < len(view) and words < MAX_NAME_TOKENS:
        if hyphen_joins(view, i, j):
            j += 2  # «كوليندا غرابار-كيتاروفيتش», «مارك-أندريه تير شتيغن»: one name across the hyphen
            words += 1
            continue
        k = view.key(j)
        prev = first_bare if j == i + 1 else view.key(j - 1)
        if view.is_punct(j) or any(ch.isdigit() for ch in view.tokens[j].text):
            break  # «أبو الفتوح 15 يوما»: a number ends a name
        if prev in particles:
            if prev in lex.words("nasab_particles") and _is_common_noun(view, j):
                break  # «… ابن النظام» (son of the regime): no nasab; «عبد الملك», «أبو اللوم» are names
            j += 1  # «بن علي», «عبد ربه», «أبو الغيط»: a particle binds whatever word follows
            words += 1
            continue
        if not k or (k in lex.function_words and not _written_given_name(view, j)) or _ends_name(view, j):
            break  # no key: a tatweel standing alone («آل سعود ـ حفظه الله ـ»)
        if view.tag(j) == "O" and j - i >= 2 and f"{m.article}{k}" in lex.titles:
            break  # a post written bare after a full name: «فيصل بن بندر أمير منطقة الرياض», «… ملك البحرين»
        if _title_at(view, j) and not (view.tag(j) == "I-PERS" and m.has_article(k) and (
                j + 1 >= len(view) or view.is_punct(j + 1))):
            break
        if k in particles:
            if j + 1 < len(view) and not view.is_punct(j + 1) and (
                    view.tag(j + 1) in ("I-PERS", "B-PERS") or _looks_like_name_word(view, j + 1)):
                j += 1
                continue
            break
        if m.nisba_of(k) or m.country_of(k):
            break
        if view.tag(j) == "I-PERS":
            j += 1
            words += 1
            continue
        if view.tag(j) == "B-PERS" and m.starts_with_conjunction(k) and _joined_word(view, j) == "name":
            break  # «محمد ولافي»: the next person of a list
        compound = j - i >= 2 and view.key(j - 2) in particles  # «عبد ربه» is one given name
        if compound and view.tag(j) == "O" and m.is_first_name(k) and view.key(j - 2) in lineage:
            break  # after a father or clan a given name opens no surname: «عبدالله بن مساعد باسم شباب …»
        if j - i >= 2 and not (m.is_first_name(prev) or compound or m.has_article(k)):
            break  # a third name word follows a given name («أحمد محمود حسن»), not a surname
        if m.starts_with_conjunction(k) and view.tag(j) != "B-PERS" and not m.is_first_name(k):
            break
        if view.tag(j) == "O" and view.tag(j - 1) == "O" and j - 1 > i and not m.has_article(k):
            break  # untagged words add one surname, not a run of words («… منصور حفل التخرج»)
        if m.has_article(k) and view.tag(j) == "O" and j - i >= 2 and view.tag(j - 1) in ("B-PERS", "I-PERS") \
                and not (m.is_first_name(prev) or compound):
            break  # the tagger closed a full name; the object after it is no surname: «إنزو بيريز التدريبات»
        if m.has_article(k):
            # a surname with the article closes the name: «خالد العمري،»
            nxt = j + 1
            if nxt >= len(view) or view.is_punct(nxt) or view.key(nxt) in lex.function_words or \
                    _title_at(view, nxt) or m.starts_with_conjunction(view.key(nxt)):
                if k not in lex.organisations and k not in lex.titles:
                    j += 1
            break
        if view.tag(j) == "B-PERS" and not m.is_first_name(prev):
            break
        if view.tag(j - 1) in ("B-PERS", "I-PERS") and not (j == i + 1 and m.is_first_name(prev) or compound):
            break  # the tagger closed the name after a surname: «كيري اغتيال», «شكري أبلغه»
        j += 1
        words += 1
    while j > i + 1 and view.key(j - 1) in particles:
        j -= 1  # no name ends on a dangling «بن» or «آل»
    return j


HYPHENS = frozenset("-\u2010\u2013")


def hyphen_joins(view: SentView, i: int, j: int) -> bool:
    """Whether the hyphen at token j joins two parts of the person's name that starts at token i, written
    without a space on either side: a double surname after a given name («كوليندا غرابار-كيتاروفيتش», «ترينت
    ألكسندر-أرنولد») or a double given name before the surname («مارك-أندريه تير شتيغن»). A single word that is
    no given name before the hyphen, with no name word after the next, may be one of a pair («الثنائي
    ميسي-سواريز»), so it stays alone."""
    if j <= i or j + 1 >= len(view) or view.tokens[j].text not in HYPHENS or view.is_punct(j + 1):
        return False
    before, hyphen, after = view.tokens[j - 1], view.tokens[j], view.tokens[j + 1]
    if before.end != hyphen.start or hyphen.end != after.start or not after.text[:1].isalpha():
        return False
    # one word before the hyphen: a double given name when a surname follows («مارك-أندريه تير شتيغن»)
    return j - i >= 2 or view.morph.is_first_name(view.key(j - 1)) or view.tag(j + 2) in ("B-PERS", "I-PERS")


@lru_cache(maxsize=4)
def _numbered_heads(m: Morphology) -> frozenset[str]:
    """Heads of organisations named by a number after them («اللواء 93»), without the article."""
    return frozenset(m.without_article(w) for w in m.lexicon.words("numbered_unit_heads"))


def org_extent(view: SentView, i: int) -> int:
    """Return the end of an organisation phrase headed at token i (i when none): «وزارة الدفاع المصرية»,
    «تنظيم «داعش»»."""
    m = view.morph
    if not m.heads_organisation(view.key(i)):
        return i
    lex = view.lex
    orgs = lex.organisations
    singular = lex.words("nisba_singular_endings")
    epithets = lex.words("org_epithets")
    resumptive = lex.words("resumptive_prepositions")
    definite_head = any(m.has_article(stem) for _, stem in m.stems(view.key(i)))
    quoted = _quoted_name(view, i + 1) if not definite_head else i + 1
    if quoted > i + 1:
        return quoted  # «حركة «النهضة»», «تنظيم "داعش"»: the head and the name it quotes
    j = i + 1
    saw_nisba = False
    while j < len(view) and j - i < MAX_ORG_TOKENS:
        k = view.key(j)
        if view.is_punct(j):
            if k == "+" or (view.tokens[j].text == "+" and j + 1 < len(view)):
                j += 1
                continue
            break
        if k.isdigit():
            joined = view.tokens[j - 1].text == "+"  # «لجنة 5+5»
            if not joined and (j > i + 1 or m.without_article(view.key(i)) not in _numbered_heads(view.morph)):
                break  # «اعتقل تنظيم داعش 53 شخصا»: a count, not the name's number («اللواء 93»)
            j += 1
            continue
        if saw_nisba or _title_at(view, j) and view.key(j) not in orgs:
            break
        if k in lex.function_words or _is_name_start(view, j) and view.tag(j) in ("B-PERS", "I-PERS"):
            break
        if k in epithets or view.key(j + 1) in resumptive:
            break  # «داعش الإرهابي», «الحكومة المعترف بها»: a description, not part of the name
        if m.own_nisba(k):
            if not k.endswith(tuple(singular)):
                break  # «مصلحة الليبيين»: a plural nisba names people, not an institution
            if not definite_head and not m.has_article(k) and j == i + 1:
                break  # «شركة فرنسية», «قوات تركية»: an indefinite description
            saw_nisba = True
            j += 1
            continue
        if m.own_country(k):
            j += 1
            continue
        if k in orgs and orgs[k].kind == "head" and definite_head and not m.has_article(k):
            break  # «الحكومة تنظيم …»: a bare head after a definite one opens the next phrase
        if m.has_article(k) or k in lex.title_complements or k in orgs:
            j += 1
            continue
        if m.preposition_stem(k) in orgs and (definite_head or j > i + 1) \
                and m.preposition_stem(k) not in lex.words("ambiguous_org_names"):
            j += 1  # «مجلس التعاون لدول …»; not «قوات للجيش» (forces of the army)
            continue
        stem = m.lam_stem(k)
        if stem and definite_head and j > i + 1 and m.has_article(stem) and m.has_article(view.key(j - 1)) \
                and not m.title_readings(stem):
            j += 1  # «الهيئة العامة للاستثمار»; not «القوات الموالية للرئيس»
            continue
        if view.tag(j) in ("I-ORG",):
            j += 1
            continue
        close = _construct_close(view, i, j) if j == i + 1 and not definite_head else j
        if close > j:
            j = close  # «مجلس شورى ثوار بنغازي»: bare nouns in construct up to a place or a definite noun
            if view.key(j) in lex.places:
                j += 1
                break  # the place closes the name
            continue
        break
    if j - i < 2 and view.tag(i) not in ("B-ORG",):
        return i
    if definite_head and j == i + 2 and view.key(i + 1) not in orgs and not view.key(i + 1).endswith(tuple(singular)) \
            and m.without_article(m.stems(view.key(i))[-1][1]) in lex.words("class_heads"):
        return i  # «الحزب الحاكم», «الشركة المالكة»: a head of many and a participle describe, they do not name
    return j


def _construct_close(view: SentView, i: int, j: int) -> int:
    """Return the index of the place name or definite noun that closes a construct chain of at most two
    bare nouns starting at token j after the head at i («هيئة كبار العلماء», «مجلس شورى ثوار درنة»), else j."""
    m, lex = view.morph, view.lex
    if view.key(i) in lex.words("verbal_heads") or m.bare(view.key(i)) in lex.words("verbal_heads"):
        return j
    # a feminine nisba («إرهابية») is an adjective; a bare «ي» ending may be a noun's «ى» («شورى»)
    endings = tuple(e for e in lex.words("nisba_singular_endings") if len(e) > 1)
    for k in range(j, min(j + 3, len(view))):
        key = view.key(k)
        if k > j and (m.has_article(key) or key in lex.places):
            return k
        if view.is_punct(k) or not key or key[0].isdigit() or key in lex.function_words or m.has_article(key) \
                or m.starts_with_conjunction(key) or m.looks_like_verb(key) or _title_at(view, k) \
                or m.nisba_of(key) or key in lex.organisations or view.tag(k) in ("B-PERS", "I-PERS") \
                or key.endswith(endings) or m.enclitic(view.tokens[k].text) or m.preposition_stem(key):
            return j
    return j


def _quoted_name(view: SentView, i: int) -> int:
    """Return the end after the closing quote of a short quoted name opening at token i, else i."""
    close = NAME_QUOTES.get(view.tokens[i].text) if i < len(view) else None
    if close is None:
        return i
    for j in range(i + 1, min(len(view), i + MAX_ORG_TOKENS)):
        if view.tokens[j].text == close:
            return j + 1 if j > i + 1 else i
        if view.is_punct(j):
            return i
    return i
