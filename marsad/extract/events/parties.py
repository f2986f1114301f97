"""Which named mentions take part, and on which side: topic and cited parties dropped, parties joined in a
list, an oblique «لـ» agent, a visited state, a delegation, an anaphoric trigger."""

from __future__ import annotations

from marsad.extract.events.clauses import LIST_COMMAS
from marsad.extract.events.hit import _Hit, _verb_forms
from marsad.extract.events.mentions import _mentions_in
from marsad.extract.events.places import _visit_goal
from marsad.model import Document
from marsad.text.morphology import Morphology
from marsad.text.normalize import join_keys, norm_char_key


def _delegation(m: Morphology, hit: _Hit) -> bool:
    """A state meets as a delegation («وفد أمني مصري») or by its name next to the trigger."""
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    keys = [k for t in toks for _, k in m.stems(t.key)[:2]]
    if any(k in m.lexicon.words("delegation_nouns") for k in keys):
        return True
    nxt = hit.sent.tokens[hit.tok_end:hit.tok_end + 2]
    return any(m.nisba_of(t.key) for t in nxt)


def _visited_state_is_no_visitor(m: Morphology, doc: Document, hit: _Hit, actors: list[str],
                                 recipients: list[str]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) with the state a visit verb takes as its goal made the one visited: in «الوزير
    الذي زار السعودية مؤخرا» Saudi Arabia is visited, not the visitor."""
    if hit.trigger.mode != "visit" or hit.trigger.kind not in ("V", "I") or not actors:
        return actors, recipients
    goal = _visit_goal(m, doc, hit)
    state = f"country:{goal.country}" if goal is not None and goal.country else None
    if state is None or actors[0] != state:
        return actors, recipients
    return actors[1:], [state] + [r for r in recipients if r != state]


COMPLEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN"})  # «اتهم X بـ…», «طالب X بـ…», «دعا X إلى …»


CHARGED_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})  # acts done to someone for something (`charge_cues`)


def _without_topic_parties(m: Morphology, doc: Document, hit: _Hit, parties: list[tuple[int, str]],
                           recipients: list[str]) -> list[str]:
    """Return the recipients without the parties named only in what the act is about: after the complement of
    an accusation or a demand («اتهمت الحكومة تركيا بدعم حزب العمال»: Turkey is accused, the PKK is what it is
    accused of supporting; «دعت فرنسا روسيا إلى الضغط على النظام»), or after a comparison («على غرار الولايات
    المتحدة»; lexicon `comparison_words`)."""
    toks = [t for t in hit.sent.tokens[hit.tok_end:] if t.start < hit.seg_end]
    comparisons, complements = m.lexicon.words("comparison_words"), m.lexicon.words("complement_prepositions")
    charges = m.lexicon.words("charge_cues")
    verb = hit.trigger.type in COMPLEMENT_TYPES and hit.trigger.kind != "N"
    named = [(mn.start, mn.end) for e in doc.entities for mn in e.mentions
             if toks and toks[0].start <= mn.start < hit.seg_end]
    cut = None
    for j, t in enumerate(toks):
        if any(a <= t.start < b for a, b in named):
            continue  # «جيروزاليم بوست»: a name's «ب» opens no complement
        key = m.bare(t.key)
        two = join_keys([t.key, toks[j + 1].key]) if j + 1 < len(toks) else ""
        if key in comparisons or two in comparisons:
            cut = t.start
            break
        if hit.trigger.type in CHARGED_TYPES and (key in charges or two in charges):
            cut = t.start  # «اعتقال أبو الفتوح على خلفية قضايا مرتبطة بتنظيم الإخوان»: what he is held for
            break
        alongside = j + 1 < len(toks) and m.bare(toks[j + 1].key) in m.lexicon.words("alongside_words")
        complement = (key in complements and not alongside) or (
            key[:1] in m.lexicon.words("instrument_prepositions") and m.preposition_stem(key) is not None)
        # «اتهمت النيابة الشخصين بالتعاون مع الموساد»: a verb whose object comes before its «ب» (not «ندد ب…»)
        accused_before = j > 0 and hit.trigger.form in _verb_forms(m.lexicon, "object_then_complement_verbs")
        if verb and complement and (accused_before or any(
                toks[0].start <= pos < t.start and i in recipients for pos, i in parties)):
            cut = t.start  # the one accused or asked is named (or told) before the complement
            break
    if cut is None:
        return recipients
    later = {i for pos, i in parties if pos >= cut} - {i for pos, i in parties if pos < cut}
    return [r for r in recipients if r not in later]


def _on_a_side(m: Morphology, hit: _Hit, parties: list[tuple[int, str]]) -> set[str]:
    """Return the parties named right after a word of leading, backing or partnership (lexicon `side_cues`): they
    stand with the party before them, so are never acted on («بقيادة السعودية», «المدعومة من التحالف»)."""
    cues = m.lexicon.words("side_cues")
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    after_cue = []  # the tokens right after a cue of one or two words
    for j, t in enumerate(toks):
        two = join_keys([t.key, toks[j + 1].key]) if j + 1 < len(toks) else ""
        width = 2 if two in cues else 1 if t.key in cues else 0
        if width and j + width < len(toks):
            after_cue.append(toks[j + width])
    return {i for pos, i in parties if any(t.start <= pos < t.end for t in after_cue)}


def _trigger_refers_back(m: Morphology, hit: _Hit) -> bool:
    text = " ".join(t.text for t in hit.sent.tokens[hit.tok_start:hit.tok_end])
    k = norm_char_key(text)
    anaphoric = m.lexicon.words("anaphoric_nouns")
    return any(m.has_article(rest) or rest in anaphoric for _, rest in m.stems(k)) or (
        bool(m.enclitic(text)) and len(k) > 4)


CITED_REACH = 3  # words after «بحسب» / «وفقا لـ» (and «ما» + its verb) where the cited source may be named


def _cited_sources(m: Morphology, doc: Document, hit: _Hit) -> set[str]:
    """Return the ids of those named right after «بحسب» / «وفقا لـ» / «نقلا عن» in the hit's sentence, within
    CITED_REACH words, past «ما» and its verb («وفقا لما نقلته وكالة …», «بحسب ما ذكر مصدر قضائي لفرانس برس»)."""
    cues = m.lexicon.words("attribution_cues")
    toks = hit.sent.tokens  # a source cited anywhere in the sentence is no party to what it tells
    out: set[str] = set()
    for j, t in enumerate(toks):
        two = join_keys([t.key, toks[j + 1].key]) if j + 1 < len(toks) else ""
        if t.key not in cues and m.bare(t.key) not in cues and two not in cues:
            continue  # «وفقا» keeps its «و»: the word, then the word read past a conjunction
        start = j + (2 if two in cues else 1)
        if start < len(toks) and toks[start].key in m.lexicon.words("attribution_fillers"):
            start += 2  # «وفقا لما نقلته وكالة …», «بحسب ما ذكر مصدر …»: past «ما» and its verb
        after = toks[start:start + CITED_REACH]
        if not after:
            continue
        for pos, e in _mentions_in(doc, after[0].start, after[-1].end + 40):
            if pos < after[-1].end:
                out.add(e.id)
    return out


def _party_end(doc: Document, pos: int) -> int:
    """Return where the party named at `pos` ends: its longest entity mention there, else its word."""
    ends = [mn.end for e in doc.entities for mn in e.mentions if mn.start == pos]
    if ends:
        return max(ends)
    nxt = doc.text.find(" ", pos)
    return len(doc.text) if nxt < 0 else nxt


def _joins(m: Morphology, doc: Document, gap: str, party: str, pos: int) -> bool:
    """Whether the text between two parties joins them in one list: «و» or a comma («طائرات أمريكية وبريطانية»,
    «السعودية والإمارات»), with the second one's post or rank after it («السيسي والعاهل الأردني الملك عبد الله»)."""
    words = gap.split()
    compact = "".join(words)
    if not compact and doc.text[pos:pos + 1] in m.conjunctions:
        return True  # the party's own word carries the «و» («وبريطانية»)
    if compact and (compact in LIST_COMMAS or (compact[-1] in m.conjunctions and compact[:-1] in LIST_COMMAS)):
        return True
    entity = doc.entity(party)
    if not words or not words[0].startswith(tuple(m.conjunctions)) or entity is None or not entity.titles:
        return False
    allowed = {norm_char_key(w) for t in entity.titles for w in t.split()}
    first = norm_char_key(words[0])
    return (first in allowed or first[1:] in allowed) and all(norm_char_key(w) in allowed for w in words[1:])


def _joined_actors(m: Morphology, doc: Document, parties: list[tuple[int, str]], actors: list[str],
                   recipients: list[str]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) with the parties listed right after the first actor, joined by «و» or a comma,
    made actors too: «قطعت السعودية والإمارات والبحرين ومصر علاقاتها مع قطر» — four states act, Qatar is acted on."""
    if not actors:
        return actors, recipients
    order = sorted(set(parties))
    start = next((pos for pos, i in order if i == actors[0]), None)
    if start is None:
        return actors, recipients
    end, more = _party_end(doc, start), []
    for pos, i in order:
        if pos <= start or pos < end:
            continue
        if not _joins(m, doc, doc.text[end:pos], i, pos):
            break
        if i not in actors and i not in more:
            more.append(i)
        end = max(end, _party_end(doc, pos))
    if not more:
        return actors, recipients
    return actors + more, [r for r in recipients if r not in more]


def _oblique(m: Morphology, doc: Document, pos: int, proclitic: bool = True) -> bool:
    """Whether the party named at `pos` follows a preposition («على قطر», «مع نظيره»; with `proclitic`, also
    one written on it: «لحركة …»)."""
    if proclitic and pos > 0 and doc.text[pos - 1:pos] in m.prepositions:
        return True
    before = doc.text[max(0, pos - 40):pos].split()
    if not before or norm_char_key(before[-1]) not in m.lexicon.words("object_prepositions"):
        return False
    # «مسلحون من تنظيم داعش»: some of the party, who may act; «كل من السعودية والبحرين»: each of them
    if len(before) < 2 or norm_char_key(before[-1]) not in m.lexicon.words("partitive_words"):
        return True
    head = m.without_article(m.bare(norm_char_key(before[-2])))
    if head in m.lexicon.words("each_words"):
        # «أعلنت كل من السعودية والبحرين»: each acts, right after the verb; «في كل من الكويت وتونس» are places and
        # «ناشدت المحكمة كل من إيران وأمريكا» (after the subject, a noun) are acted on
        prev = m.bare(norm_char_key(before[-3])) if len(before) > 2 else ""
        return prev in m.lexicon.words("location_prepositions") or m.has_article(prev)
    return head not in m.lexicon.words("unnamed_people")


def _no_oblique_actor(m: Morphology, doc: Document, parties: list[tuple[int, str]], actors: list[str],
                      recipients: list[str], proclitic: bool = True) -> tuple[list[str], list[str]]:
    """Move an actor named after a preposition to the recipients: in «فرضت الدول الأربع عقوبات على قطر» Qatar
    is sanctioned. The first party not after one acts, if any; else nobody named does."""
    where = {i: pos for pos, i in reversed(parties)}
    if not all(i in where and _oblique(m, doc, where[i], proclitic) for i in actors):
        return actors, recipients
    rest = [i for _, i in parties if i not in actors and not _oblique(m, doc, where[i], proclitic)]
    new_actor = rest[:1]
    return new_actor, [i for i in dict.fromkeys(actors + recipients) if i not in new_actor]
