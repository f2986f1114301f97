"""Role assignment: who acts and who is acted on among the parties named in a trigger's segment."""

from __future__ import annotations

from marsad.extract.events.hit import _Hit, _names_word, _verb_forms
from marsad.extract.events.kinds import FORCE_TYPES, STANCE_TYPES, UNNAMED_ACTOR_TYPES, VICTIM_NISBA_MODES
from marsad.extract.events.mentions import NISBA_REACH, _mentions_in
from marsad.model import Document, Entity
from marsad.text.morphology import Morphology
from marsad.text.normalize import join_keys, norm_char_key

TITLE_REACH = 80  # characters between an organisation in a title and the name the title belongs to


def _in_person_titles(m: Morphology, mentions: list[tuple[int, Entity]]) -> set[str]:
    """Return the ids of organisations and places named only inside the post of a person named next to them:
    in «نائبة السفير الأمريكي لدى الأمم المتحدة كيلي كيري» the UN is part of her post, in «سفيرة فلسطين لدى
    هولندا، روان أبو يوسف» the Netherlands, in «منار الزبيدي ممثلة جماعة …» her group: none is a party."""
    inside: dict[str, bool] = {}
    for pos, e in mentions:
        if e.type not in ("ORG", "LOC"):
            continue
        key = m.without_article(norm_char_key(e.name))  # «للأمم المتحدة» holds «الأمم المتحدة» without its alef
        titled = any(p.type == "PER" and 0 < abs(later - pos) <= TITLE_REACH and any(
            key in m.without_article(norm_char_key(t)) for t in p.titles) for later, p in mentions)
        inside[e.id] = inside.get(e.id, True) and titled
    return {i for i, only in inside.items() if only}


def _roles(m: Morphology, doc: Document, hit: _Hit, mentions: list[tuple[int, str]]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) of a hit from where its named participants stand.

    `mentions` are (position, id) of the parties: persons and organisations by entity id, states named as
    such by «country:XX». A verb's first named participant acts («شنت القوات غارات على …», «ونفت روسيا …»),
    except that «استقبل A B» makes B
    the guest who acts; after a verbal noun («اغتيال النائب العام») the ones named after it are acted
    on and the one before it acts («قامت السلطات بالقبض على …»); a participant after «من قبل» / «على يد»
    acts whatever the trigger.
    """
    ids = list(dict.fromkeys(i for _, i in mentions))
    trig_at = hit.sent.tokens[hit.tok_start].start
    text_after = [(pos, i) for pos, i in mentions if pos > trig_at]
    agent_at = _agent_marker_at(m, hit)
    agents = [i for pos, i in text_after if agent_at is not None and pos > agent_at]
    if agents and hit.trigger.mode == "interception":
        # «أسقطت الدفاعات طائرة أطلقها الحوثيون»: who fired what was shot down is the one acted on
        others = [i for i in ids if i not in agents]
        hit.role_rules.append("interception_agents")
        return others[:1], others[1:] + list(dict.fromkeys(agents))
    if agents:
        # after a verbal noun those before it reported it («أعلنت الوزارة مقتل … برصاص الجيش»): no party
        pool = list(dict.fromkeys(i for _, i in text_after)) if hit.trigger.order == "np" else ids
        hit.role_rules.append("agent_marker")
        return agents[:1], [i for i in pool if i not in agents]
    if _undergoes(m, hit):
        # «تعرضت دورية للجيش لهجوم …»: who underwent the act is named before it; who did it only after «شنه»
        before = list(dict.fromkeys(i for pos, i in mentions if pos < trig_at))
        by = _undergone_from(m, hit, text_after)
        hit.role_rules.append("undergoes")
        return by, [i for i in dict.fromkeys(before + ids) if i not in by]
    if _passive_killing(m, hit):
        # «قال مسؤولون إن خاشقجي قتل داخل القنصلية»: those named in its clause were killed, not those reporting it
        toks = hit.sent.tokens[:hit.tok_start]
        opener = next((t.start for t in reversed(toks) if t.key in m.lexicon.words("complementizers")), -1)
        hit.role_rules.append("passive_killing")
        return [], list(dict.fromkeys(i for pos, i in mentions if pos > opener))
    if _passive_count(m, hit) or hit.subject_is_act:
        hit.role_rules.append("passive_count")
        return [], ids  # «اعتقل 5 أشخاص», «قتل 12 مدنيا»: a number after the verb is what it was done to
    antecedent = _relative_subject(m, doc, hit)
    if antecedent is not None:
        # «الحكومة التركية التي تحتجز القس برونسون»: the noun before the relative pronoun acts
        hit.role_rules.append("relative_subject")
        return [antecedent], [i for i in ids if i != antecedent]
    before = list(dict.fromkeys(i for pos, i in mentions if pos < trig_at))
    if hit.trigger.order == "sv" and _own_subject(m, hit):
        # «ودانوا العملية التركية», «رفضهم قرار …»: the subject is the verb's or noun's pronoun, told before it
        hit.role_rules.append("own_subject")
        return before[:1], [i for i in ids if i not in before[:1]]
    if hit.trigger.order == "os" and len(ids) >= 2:
        hit.role_rules.append("order_os")
        return ids[1:], ids[:1]
    if hit.trigger.order == "ag" and text_after:
        first = text_after[0][1]  # «بطلب من روسيا»: the one named right after the phrase
        hit.role_rules.append("order_ag")
        return [first], [i for i in ids if i != first]
    if hit.trigger.order == "np":
        if hit.trigger.type in STANCE_TYPES:
            right_after = {t.start for t in hit.sent.tokens[hit.tok_end:hit.tok_end + 2]
                           if m.nisba_of(t.key) and m.lexicon.places.get(t.key) is None}
            stance = [i for pos, i in mentions if pos in right_after and i.startswith("country:")]
            if stance:  # «انتقادات كندية للسعودية»: the nisba's state criticises
                hit.role_rules.append("stance_nisba")
                return stance[:1], [i for i in ids if i != stance[0]]
        after = [i for i in ids if i not in before]
        if hit.trigger.type == "ASSAULT" and (hit.trigger.mode or "") in ("", "assassination"):
            hit.role_rules.append("death_told")
            return [], after  # «أعلنت وزارة الصحة مقتل …», «أكد المرصد مصرع …»: who tells of a death did not kill
        hit.role_rules.append("noun_before")
        return before[:1], after + before[1:]
    if ids and mentions[0][0] > trig_at and _killed_person(doc, hit, ids[0]):
        hit.role_rules.append("killed_person")
        return [], ids  # «قتل القيادي X», «اغتيل الصحفي X»: a person named after a killing verb was killed
    if ids and mentions[0][0] > trig_at and _subject_unnamed(m, doc, hit, mentions[0][0]):
        hit.role_rules.append("subject_unnamed")
        return [], ids  # «هاجم مسلحون مقر الشرطة», «قصفت مواقع لتنظيم داعش»: who acted is not named
    comp = _complement_after(m, hit)
    if comp is not None and ids:
        # «وحذر السبت من أن النظام السوري سيدفع ثمنا»: a party of the clause after «أن» is not the verb's subject
        inside = {i for pos, i in mentions if pos > comp} - {i for pos, i in mentions if pos <= comp}
        if ids[0] in inside:
            outside = [i for i in ids if i not in inside]
            hit.role_rules.append("complement_clause")
            return outside[:1], outside[1:] + [i for i in ids if i in inside]
    hit.role_rules.append("first_named")
    return ids[:1], ids[1:]


def _relative_subject(m: Morphology, doc: Document, hit: _Hit) -> str | None:
    """Return the party named right before a relative pronoun that a verb trigger follows («التي تحتجز»): a
    person or organisation ending at most one word before the pronoun; else None."""
    toks = hit.sent.tokens
    if hit.trigger.kind not in ("V", "I") or hit.tok_start < 2 or \
            toks[hit.tok_start - 1].key not in m.lexicon.words("relative_pronouns"):
        return None
    rel = toks[hit.tok_start - 1].start
    near = toks[max(0, hit.tok_start - 3)].start  # the name itself, or a nisba after it
    before = [(pos, e) for pos, e in _mentions_in(doc, hit.sent.start, rel) if e.type in ("PER", "ORG")]
    # «مارتن غريفيث، مبعوث الأمم المتحدة الذي دعا»: the UN is part of his post; he is the one who called
    titled = _in_person_titles(m, before)  # organisations only: a person is never inside another's post
    persons = [e for _, e in before if e.type == "PER"]
    ends = [(mn.end, e) for _, e in before for mn in e.mentions
            if hit.sent.start <= mn.start and near <= mn.end <= rel]
    if not ends:
        return None
    last = max(ends, key=lambda x: x[0])[1]
    return persons[-1].id if last.id in titled and persons else last.id


def _complement_after(m: Morphology, hit: _Hit) -> int | None:
    """Return where a complementizer («أن», «بأن») opens a clause after a verb trigger in its segment, or None."""
    if hit.trigger.kind not in ("V", "I"):
        return None
    words = m.lexicon.words("complementizers")
    return next((t.start for t in hit.sent.tokens[hit.tok_end:] if t.start < hit.seg_end and t.key in words), None)


def _undergoes(m: Morphology, hit: _Hit) -> bool:
    """Whether a verbal noun is the object of a verb of undergoing before it in its segment («تعرضت دورية
    للجيش لهجوم», «يتعرض الصحفيون للاعتقال»; lexicon `undergo_verbs`): its subject is acted on, not acting."""
    if m.lam_stem(hit.sent.tokens[hit.tok_start].key) is None:
        return False
    toks = [t for t in hit.sent.tokens[:hit.tok_start] if t.start >= hit.seg_start]
    return _names_word(m, toks, "undergo_verbs")


def _undergone_from(m: Morphology, hit: _Hit, after: list[tuple[int, str]]) -> list[str]:
    """Return the party an undergone act came from: the first one named after it behind «من», within
    UNDERGONE_REACH words («لانتقادات حادة من منظمة العفو»), else none."""
    toks = hit.sent.tokens
    for j in range(hit.tok_end, min(len(toks), hit.tok_end + UNDERGONE_REACH)):
        if toks[j].key in m.lexicon.words("partitive_words"):
            nxt = toks[j + 1].start if j + 1 < len(toks) else -1
            return [i for pos, i in after if pos == nxt][:1]
    return []


UNDERGONE_REACH = 3  # words after an undergone act where «من» and the one it came from may stand
UNNAMED_STATE_REACH = 3  # words after unnamed people where their state's nisba or name may stand


def _own_subject(m: Morphology, hit: _Hit) -> bool:
    """Whether a trigger carries its own subject: a verb in the plural («دانوا», «يطالبون»; `plural_verb_endings`)
    or a verbal noun with a possessive pronoun («رفضهم», «زيارته»). Who acts is then named before it, if at all."""
    tok = hit.sent.tokens[hit.tok_start]
    if hit.tok_end - hit.tok_start != 1:
        return False
    if hit.trigger.kind == "N":
        return bool(m.enclitic(tok.text)) and len(tok.key) > PRONOUN_NOUN_MIN
    if hit.trigger.kind in ("V", "I"):
        key = m.bare(tok.key)
        if hit.trigger.kind == "I" and m.is_first_person(key):
            return True  # «سنتعاون مع الرئيس أردوغان»: we, the speaker's side, cooperate
        if hit.trigger.kind == "V" and _verbal_noun_with_pronoun(m, hit):
            return True
        return len(key) > PRONOUN_NOUN_MIN and any(key.endswith(e) for e in m.lexicon.words("plural_verb_endings"))
    return False


def _verbal_noun_with_pronoun(m: Morphology, hit: _Hit) -> bool:
    """Whether a verb trigger that carries a pronoun reads as the verbal noun of the same letters with its
    possessor («جدد الوزراء رفضهم قرار …», «بعد تظاهرهم», «على رفضهم الانفصال»): the pronoun is read off to
    find it, no «ت» or «وا» of a verb stands before it, and the word before is a preposition or a noun with
    the article, where a verb with an object pronoun does not stand («الذين قتلتهم», «وحذرهم»)."""
    tok = hit.sent.tokens[hit.tok_start]
    pronoun = m.enclitic(tok.text)
    if not pronoun or hit.tok_start == 0 or any(m.lexicon.triggers.get(s) for _, s in m.stems(tok.key)):
        return False
    base = m.bare(tok.key)[:-len(pronoun)]
    if base.endswith(tuple(m.lexicon.words("verb_subject_endings"))):
        return False
    prev = hit.sent.tokens[hit.tok_start - 1]
    if prev.start < hit.seg_start or not prev.text[-1:].isalpha():
        return False
    key = m.bare(prev.key)
    return m.has_article(key) or key in m.lexicon.words("object_prepositions")


PRONOUN_NOUN_MIN = 4  # letters a word keeps besides the ending that makes it carry its subject


def _plain_noun_after(m: Morphology, doc: Document, hit: _Hit) -> bool:
    """Whether the word right after a verb (past any date) names unnamed people who are its subject («ويتهم
    سكان محليون الحكومة …», «يطالب محتجون بإقالة …»; lexicon `unnamed_people`), not followed by the nisba
    of their state («مسؤولون أمريكيون») or by «من» and the group they belong to."""
    times = [(x.start, x.end) for x in doc.times]
    toks = hit.sent.tokens
    for j in range(hit.tok_end, len(toks)):
        t = toks[j]
        if t.start >= hit.seg_end:
            return False
        if any(a <= t.start < b for a, b in times):
            continue
        word = m.without_article(m.bare(t.key))
        if word in m.lexicon.words("quantity_words") or word in m.lexicon.words("crowd_nouns") or (
                word in m.lexicon.words("partitive_words") and j > hit.tok_end):
            continue  # «مئات المحتجين», «مجموعة من المتظاهرين»: a count or a group of the people who act
        if word not in m.lexicon.words("unnamed_people"):
            return False
        nxt = []
        for t in toks[j + 1:j + 1 + UNNAMED_STATE_REACH]:
            if t.key in m.lexicon.words("object_prepositions") or m.preposition_stem(t.key) is not None or (
                    m.has_article(t.key) and not m.nisba_of(t.key)):
                break  # «ندد الوزراء بقرار الرئيس الأمريكي …», «اتهم الانفصاليون القوات الأوكرانية»: the object's
            nxt.append(t)
        # «مسؤولون أمريكيون», «وزراء خارجية مصر والأردن»: the people of a named state; «مسلحون من داعش»: of a group
        partitive = j + 1 < len(toks) and toks[j + 1].key in m.lexicon.words("partitive_words")
        return not partitive and not any(m.nisba_of(t.key) or m.country_of(m.bare(t.key)) for t in nxt)
    return False


def _killed_person(doc: Document, hit: _Hit, first: str) -> bool:
    """Whether a killing verb's first party after it is a person: in news «قتل/اغتيل + a person» is passive
    («قُتلت الناشطة …»); one who kills is a force, a group or a state, or named before the verb."""
    trig = hit.trigger
    if trig.type != "ASSAULT" or trig.kind != "V" or (trig.mode or "") not in VICTIM_NISBA_MODES:
        return False
    e = doc.entity(first)
    return e is not None and e.type == "PER"


def _subject_unnamed(m: Morphology, doc: Document, hit: _Hit, first: int) -> bool:
    """Whether the subject slot of an attack or arrest verb is taken by an unnamed noun before the first
    named party after the verb («مسلحون», «مواقع»): that party is then the object. Words that may stand
    between a verb and its subject (a body of a state, a title, a nisba, an adjective, a date) do not."""
    if hit.trigger.kind not in ("V", "I") or hit.trigger.order != "sv":
        return False
    if hit.trigger.type not in UNNAMED_ACTOR_TYPES:
        return _plain_noun_after(m, doc, hit)
    lex = m.lexicon
    # «حركة» before «الجهاد الإسلامي»: a generic head of the named party's own name
    slot_words = lex.words("group_nouns") | lex.words("act_adjectives") | lex.words("generic_org_heads")
    toks = hit.sent.tokens
    first_tok = next((j for j in range(hit.tok_end, len(toks)) if toks[j].end > first), len(toks))
    nisba_first = m.nisba_of(toks[first_tok].key) is not None if first_tok < len(toks) else False
    partitive, quantities = lex.words("partitive_words"), lex.words("quantity_words")
    for j in range(hit.tok_end, first_tok):
        t = toks[j]
        if any(a <= t.start < b for a, b in ((x.start, x.end) for x in doc.times)):
            continue
        if nisba_first and first_tok - j <= NISBA_REACH:
            continue  # «المسؤولون الإيرانيون», «رجلا الأمن الأوكرانيان»: the noun the acting state's nisba describes
        if j + 1 < first_tok and toks[j + 1].key in partitive and m.bare(t.key) not in quantities:
            continue  # «مسلحون من جماعة …»: some of the named party
        stems = [s for _, s in m.stems(t.key)] + [m.without_article(m.bare(t.key))]
        if m.nisba_of(t.key) or t.key in partitive or m.heads_organisation(t.key) or any(
                s in slot_words or s in lex.title_first_words or s in lex.function_words for s in stems):
            continue
        return not any(ch.isdigit() for ch in t.text)
    return False


def _passive_count(m: Morphology, hit: _Hit) -> bool:
    """Whether a past verb is read as passive: a count of people right after it («قتل 6 أشخاص», «قتل أربعة
    من الجنود»)."""
    if hit.trigger.kind != "V" or hit.tok_end >= len(hit.sent.tokens):
        return False
    nxt = hit.sent.tokens[hit.tok_end]
    if not any(ch.isdigit() for ch in nxt.text) and m.bare(nxt.key) not in m.lexicon.words("quantity_words"):
        return False
    victims = m.lexicon.words("casualty_words")
    return any(s in victims for t in hit.sent.tokens[hit.tok_end + 1:hit.tok_end + 3] for _, s in m.stems(t.key))


def _passive_killing(m: Morphology, hit: _Hit) -> bool:
    """Whether a past verb of killing (`undergone_verbs`) has no object, so reads as passive: a preposition of
    place, time or cause right after it («قتلوا في هجوم», «قتل جراء القصف»; lexicon `passive_cues`)."""
    if hit.trigger.kind != "V" or hit.tok_end >= len(hit.sent.tokens):
        return False
    if m.bare(hit.sent.tokens[hit.tok_start].key) not in _verb_forms(m.lexicon, "undergone_verbs"):
        return False
    return m.bare(hit.sent.tokens[hit.tok_end].key) in m.lexicon.words("passive_cues")


def _agent_marker_at(m: Morphology, hit: _Hit) -> int | None:
    """Return where «من قبل» / «على يد» stands after the trigger in its segment, or None. A relative verb
    («نفذها», «أطلقها») names who carried out an act of force; after a stance it tells of the weapon or attack
    the stance is about («تندد الرياض باستخدام صواريخ أطلقها الحوثيون»), not who takes the stance."""
    markers = m.lexicon.words("agent_markers")
    toks = [t for t in hit.sent.tokens[hit.tok_end:] if t.start < hit.seg_end]
    for a, b in zip(toks, toks[1:], strict=False):
        if join_keys([a.key, b.key]) in markers:
            return a.start
        # «بيد أن» is "but", not "by the hand of"
        if a.key in markers and hit.trigger.type in FORCE_TYPES | {"PROTEST"} and \
                b.key not in m.lexicon.words("complementizers"):
            return a.start
    return None
