"""A trained choice of who acts and who is acted on among the parties a sentence names around a trigger.

The event rules (`marsad.extract.events`) read the actor and the recipients off the clause: who stands before
the verb, after a preposition, after «من قبل». They are right for about a third of the events of unseen news,
and a rule written for one sample's errors seldom reaches the next sample's. This model takes the rules' choice as
one piece of evidence among others: for each candidate party (a person or organisation named in the sentence, a
state named or standing for a named party) it reads where the candidate stands (before or after the trigger, how
far, behind which clitic or word, across a comma or «أن»), what kind of party it is and what the rules made of it,
and two conditional logits spread the probability of acting and of being acted on over the candidates and
"nobody named". It decides only where the rules fell back on position or on a rule it measured better than. It is
trained by
`scripts/train_roles.py` on the hand-written gold roles of `eval/roles-dev/`. A model lives in a directory with
`meta.json` (format, thresholds, training data, cross-validated figures) and `weights.json`.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from marsad.extract.weights_dir import read_weights_dir
from marsad.model import Document, Entity
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "models" / "role-model"
FORMAT = "marsad-role-model/1"
ROLES = ("actor", "recipient")
STATE = "country:"
NAMED_PARTIES = ("PER", "ORG")
DISTANCES = (1, 2, 3, 5, 8, 13)  # upper bounds of the token-distance buckets
TRIGGER = "trigger"  # the lexicon class of trigger words (Token.lex)
# «و», alone or after a comma, joins list items; a comma alone more often opens an apposition («الرئيس التركي،
# رجب طيب أردوغان»)
COMMAS = ("", "،", ",")
STATE_KIND = "STATE"
# types whose actor and recipient are two sides: a state and its own minister cannot meet each other
TWO_SIDED = frozenset({"CONSULT"})


@dataclass(frozen=True)
class Candidate:
    """One party that may act or be acted on: `key` is an entity id or «country:XX»; `pos` the character offset
    of its mention nearest the trigger (None: the rules gave it without a mention in the sentence); `rule` what
    the rules chose ("A" actor, "R" recipient, "" neither); `origin` "party" (a party of the rules' segment),
    "sentence" (named elsewhere in the sentence), "state" (a state named in the sentence or the state of a
    named party), "between" (named after another trigger and before this one, which leaves out the parties before
    it: «اتهمت إسرائيل إيران بإطلاق …»), "anaphor" (an organisation told again by its head noun) or "rule"
    (given by the rules with no mention in the sentence, e.g. the sides of the last
    meeting that «الجانبان» stands for); `kind` PER, ORG or STATE; `joined_to` the candidate listed right
    before it with «و» («تركيا وقطر»), whose role it shares; `side` the state it is or serves."""

    key: str
    pos: int | None
    rule: str
    origin: str
    kind: str
    joined_to: str | None = None
    side: str | None = None  # the state it is or serves («JO» for Jordan and for its minister), when known


def _nearest(positions: list[int], anchor: int) -> int:
    return min(positions, key=lambda p: abs(p - anchor))


def candidates(m: Morphology, doc: Document, hit: Any, parties: list[tuple[int, str]], actors: list[str],
               recipients: list[str], mentions: list[tuple[int, Entity]], keeps: Callable[[Entity], bool],
               states: list[tuple[int, str]], anaphors: list[tuple[int, str]] = ()) -> list[Candidate]:
    """Return the candidate parties of a trigger hit: the rules' parties and choices, every person and
    organisation of `mentions` (the sentence's, in text order) that `keeps` allows, every state of `states`
    ((position, «country:XX») named in the sentence) or of a named party's nationality, and the organisations
    of `anaphors` (told again by their head noun, `anaphoric_parties`); one per key. A party
    the rules did not choose that is named before a complementizer the trigger follows («ذكرت الوكالة أن …») is
    the one who reports the clause, and one named before the trigger when another trigger comes first («أدانت
    السعودية الهجوم») is that act's party: both are left out, but for those named after the last such trigger
    (its object may do this act: «اتهمت إسرائيل إيران بإطلاق صواريخ»), kept with the origin "between"."""
    anchor = hit.sent.tokens[hit.tok_start].start
    comps = m.lexicon.words("complementizers")
    toks = hit.sent.tokens[:hit.tok_start]
    reported_from = anchor if any(TRIGGER in t.lex for t in toks) else \
        max((t.start for t in toks if t.key in comps), default=-1)
    # after another trigger: its object may be this act's doer («اتهمت إسرائيل إيران بإطلاق صواريخ»)
    between_from = max((t.end for t in toks if TRIGGER in t.lex), default=anchor)
    pos_of: dict[str, list[int]] = {}
    origin: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for pos, key in parties:
        pos_of.setdefault(key, []).append(pos)
        origin.setdefault(key, "party")
    for pos, e in mentions:
        if e.type in NAMED_PARTIES and keeps(e):
            pos_of.setdefault(e.id, []).append(pos)
            origin.setdefault(e.id, "sentence")
            kinds[e.id] = e.type
            if e.country:
                pos_of.setdefault(f"{STATE}{e.country}", []).append(pos)
                origin.setdefault(f"{STATE}{e.country}", "state")
    for pos, key in states:
        pos_of.setdefault(key, []).append(pos)
        origin.setdefault(key, "state")
    for pos, key in anaphors:
        pos_of.setdefault(key, []).append(pos)
        origin.setdefault(key, "anaphor")
    types = {e.id: e.type for e in doc.entities}
    countries = {e.id: e.country for e in doc.entities if e.country}
    ends = _mention_ends(hit, parties, mentions, states)
    out = []
    for key in dict.fromkeys(actors + recipients + [k for _, k in parties] + list(pos_of)):
        rule = "A" if key in actors else "R" if key in recipients else ""
        between = False
        if not rule and all(p < reported_from for p in pos_of.get(key, [reported_from])):
            if not all(between_from <= p < anchor for p in pos_of.get(key, [-1])):
                continue
            between = True
        kind = "STATE" if key.startswith(STATE) else kinds.get(key) or types.get(key, "ORG")
        at = pos_of.get(key)
        pos = _nearest(at, anchor) if at else None
        side = key.removeprefix(STATE) if key.startswith(STATE) else countries.get(key)
        out.append(Candidate(key, pos, rule, "between" if between else origin.get(key, "rule"), kind,
                             _listed_after(m, doc, ends, key, pos), side))
    return out


def anaphoric_parties(m: Morphology, doc: Document, sent: Any,
                      keeps: Callable[[Entity], bool]) -> list[tuple[int, str]]:
    """Return (position, entity id) for each word of the sentence that tells again, by its head noun with the
    article, an organisation named only before the sentence («وطالبت المنظمة» after «منظمة الصحة العالمية», «هاجم
    التنظيم» after «تنظيم داعش»): the organisation of that head named last. Words inside a mention are not read."""
    inside = [(mn.start, mn.end) for e in doc.entities for mn in e.mentions if sent.start <= mn.start < sent.end]
    latest: dict[str, tuple[int, Entity]] = {}
    for e in doc.entities:
        words = norm_char_key(e.name).split()
        if e.type != "ORG" or len(words) < 2 or not keeps(e):
            continue
        before = [mn.start for mn in e.mentions if mn.start < sent.start]
        if not before or any(sent.start <= mn.start < sent.end for mn in e.mentions):
            continue
        head = m.without_article(words[0])
        if head not in latest or max(before) > latest[head][0]:
            latest[head] = (max(before), e)
    out = []
    for t in sent.tokens:
        if any(a <= t.start < b for a, b in inside):
            continue
        for _, stem in m.stems(t.key):
            found = latest.get(m.without_article(stem)) if m.has_article(stem) else None
            if found is not None:
                out.append((t.start, found[1].id))
                break
    return out


def _mention_ends(hit: Any, parties: list[tuple[int, str]], mentions: list[tuple[int, Entity]],
                  states: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Return (start, end, key) of each mention of a candidate in the sentence: persons and organisations by
    their mentions, a state by the place name or the word that names it."""
    ends = {(pos, mn.end, e.id) for pos, e in mentions if e.type in NAMED_PARTIES
            for mn in e.mentions if mn.start == pos}
    by_id = {e.id: e for _, e in mentions}
    place_end = {pos: mn.end for pos, e in mentions if e.type == "LOC" for mn in e.mentions if mn.start == pos}
    word_end = {t.start: t.end for t in hit.sent.tokens}
    for pos, key in list(parties) + list(states):
        if key.startswith(STATE):
            end = place_end.get(pos) or word_end.get(pos) or next(
                (t.end for t in hit.sent.tokens if t.start <= pos < t.end), pos)
            ends.add((pos, end, key))
        elif key in by_id:
            ends |= {(pos, mn.end, key) for mn in by_id[key].mentions if mn.start == pos}
    return sorted(ends)


def _opens_with_conjunction(m: Morphology, doc: Document, pos: int) -> bool:
    """Return whether the mention at `pos` starts with a conjunction that is no letter of the name («وقطر» for
    Qatar; not «واشنطن», «وليد»): the names of the entities mentioned there do not start with it."""
    letter = doc.text[pos:pos + 1]
    if letter not in m.list_conjunctions or doc.text[pos - 1:pos] != " ":
        return False
    names = [e.name for e in doc.entities for mn in e.mentions if mn.start == pos]
    return bool(names) and not any(n.startswith(letter) for n in names)


def _listed_after(m: Morphology, doc: Document, ends: list[tuple[int, int, str]], key: str,
                  pos: int | None) -> str | None:
    """Return the key of the party named right before `pos` with only «و» between, or None; None also for a
    state that stands at `pos` only as the nationality of the party named there."""
    if pos is None or not any(start == pos and k == key for start, _, k in ends):
        return None
    joints = {comma + c for comma in COMMAS for c in m.list_conjunctions}
    gap_end = pos + 1 if _opens_with_conjunction(m, doc, pos) else pos
    before = [(end, k) for start, end, k in ends if k != key and end <= pos and
              doc.text[end:gap_end].replace(" ", "") in joints]
    return max(before)[1] if before else None


def verb_agreement(m: Morphology, form: str, kind: str) -> str:
    """Return what subject a trigger verb's written form agrees with: "f" (feminine singular), "m", "pl"
    (plural or dual) or "" (a noun, or no verb the lexicon marked); `form` the trigger's form, `kind` its
    lexicon mark (V past, I imperfect)."""
    c = m.lexicon.clitics
    word = norm_char_key(form.split(" ")[0])
    if kind not in ("V", "I") or not word:
        return ""
    if word.endswith(c.get("verb_plural_ending", ())):
        return "pl"
    if kind == "V":
        return "f" if word.endswith(c.get("verb_feminine_past", ())) else "m"
    if word[:1] in m.future and len(word) > 4:
        word = word[1:]
    return "f" if word[:1] in c.get("verb_feminine_prefix", ()) else \
        "m" if word[:1] in c.get("verb_masculine_prefix", ()) else ""


def noun_agreement(m: Morphology, key: str) -> str:
    """Return the agreement of the noun that heads a name (a normalised key): "f" for a feminine ending, "pl"
    for a masculine plural, "m" otherwise."""
    c = m.lexicon.clitics
    word = m.without_article(m.bare(key))
    if word.endswith(c.get("noun_feminine_ending", ())):
        return "f"
    return "pl" if word.endswith(c.get("noun_plural_ending", ())) else "m"


def _bucket(n: int) -> str:
    return next((str(b) for b in DISTANCES if n <= b), f">{DISTANCES[-1]}")


def features(m: Morphology, doc: Document, hit: Any, cands: list[Candidate]) -> list[list[str]]:
    """Return the feature names of each candidate of a hit, in the order of `cands`."""
    toks = hit.sent.tokens
    starts = [t.start for t in toks]
    trig = hit.trigger
    t0, t1 = hit.tok_start, hit.tok_end - 1
    comps = m.lexicon.words("complementizers")
    index = {c.key: (bisect.bisect_right(starts, c.pos) - 1 if c.pos is not None else None) for c in cands}
    placed = sorted(i for i in index.values() if i is not None)
    nationalities = {f"{STATE}{e.country}" for e in doc.entities if e.country and e.id in index}
    entities = {e.id: e for e in doc.entities if e.id in index}
    anchor = toks[t0].start
    speakers = {q.speaker for q in doc.quotes if q.speaker and q.start <= anchor < q.end}
    cues = m.lexicon.words("quote_cues")
    trig_stem = m.without_article(m.bare(toks[t0].key))
    verb_agrees = verb_agreement(m, trig.form, trig.kind)
    out = []
    for c in cands:
        i = index[c.key]
        f = ["bias", f"rule={c.rule}", f"kind={c.kind}", f"origin={c.origin}", f"rule&kind={c.rule}|{c.kind}",
             f"rule&T={c.rule}|{trig.type}", f"rule&origin={c.rule}|{c.origin}", f"n={min(len(cands), 5)}"]
        if c.key in nationalities:
            f.append("nationality")
        f += [f"by={r}|{c.rule}" for r in hit.role_rules]  # which rules chose, and what
        if i is None:
            f.append("side=none")
            out.append(f)
            continue
        side = "b" if i < t0 else "a" if i > t1 else "in"
        between = range(i + 1, t0) if side == "b" else range(t1 + 1, i) if side == "a" else range(0)
        dist = len(between) + 1 if side != "in" else 0
        rank = sum(1 for j in placed if (i < j < t0) or (t1 < j < i))
        f += [f"side={side}", f"side&ord={side}|{trig.order}", f"side&tk={side}|{trig.kind}",
              f"side&T={side}|{trig.type}", f"side&kind={side}|{c.kind}", f"side&rule={side}|{c.rule}",
              f"dist={side}{_bucket(dist)}", f"rank={side}{min(rank, 2)}",
              f"seg={hit.seg_start <= c.pos < hit.seg_end}"]
        if placed and i == placed[0]:
            f.append("first_named")
        tok = toks[i]
        e = entities.get(c.key)
        if e is not None and e.type == "ORG":
            f.append(f"head={m.without_article(m.bare(tok.key))}")  # «قوات», «وزارة», «تنظيم»
        if e is not None and e.titles:
            f.append("titled")
        if e is not None:
            f.append(f"mentions={min(len(e.mentions), 4)}")
        if c.key in speakers:  # says the words the trigger stands in
            f += ["speaker", f"speaker&T={trig.type}"]
        if i > 0 and m.bare(toks[i - 1].key) in cues:
            f += ["after_cue", f"after_cue&T={trig.type}"]
        if c.kind == "STATE":
            f.append(f"state_from={'nisba' if m.own_nisba(tok.key) else 'name'}")
        if verb_agrees:  # «اتهمت السعودية», «يتهم إسرائيل»: a state takes a feminine verb
            agrees = "f" if c.kind == "STATE" else "m" if c.kind == "PER" else noun_agreement(m, tok.key)
            f += [f"agree={verb_agrees}|{agrees}|{side}", f"agree&next={verb_agrees}|{agrees}|{i == t1 + 1}"]
        f.append(f"trig&side={trig_stem}|{side}")
        if c.pos > tok.start:  # the mention starts after a clitic of its word («بالحوثيين», «لروسيا»)
            clitic = doc.text[tok.start:c.pos]
            f += [f"clitic={clitic}", f"clitic&T={clitic}|{trig.type}"]
        if i > 0:
            prev = m.bare(toks[i - 1].key)
            f += [f"prev={prev}", f"prev&side={prev}|{side}", f"prev&T={prev}|{trig.type}"]
        if side == "a" and i == t1 + 1:
            f.append("right_after")
        if any(toks[j].key in comps for j in between):
            f.append(f"across_comp={side}")
        if any(toks[j].text in COMMAS[1:] for j in between):
            f.append(f"across_comma={side}")
        if any(j in index.values() for j in between):
            f.append(f"behind_party={side}")
        if any(TRIGGER in toks[j].lex for j in between):  # «أدانت السعودية الهجوم»: the subject of another act
            f += [f"behind_trigger={side}", f"behind_trigger&T={side}|{trig.type}"]
        out.append(f)
    return out


def none_features(hit: Any, cands: list[Candidate]) -> list[str]:
    """Return the features of the option that nobody named takes the role (the same for both roles)."""
    trig = hit.trigger
    return ["none", f"none&T={trig.type}", f"none&ord={trig.order}", f"none&tk={trig.kind}",
            f"none&n={min(len(cands), 5)}", f"none&ruleA={any(c.rule == 'A' for c in cands)}",
            f"none&ruleR={any(c.rule == 'R' for c in cands)}",
            *(f"none&by={r}|{any(c.rule == 'A' for c in cands)}|{any(c.rule == 'R' for c in cands)}"
              for r in hit.role_rules)]


class RoleChooser(Protocol):
    """What chooses the actors and recipients of a hit among its candidates (the role model; the trainer's
    recorder)."""

    def assign(self, m: Morphology, doc: Document, hit: Any, cands: list[Candidate]) -> tuple[list[str], list[str]]:
        """Return (actors, recipients): candidate keys."""
        ...


def decides(role_rules: list[str], decides_after: list[str] | tuple[str, ...]) -> bool:
    """Return whether the model chooses after these role rules: only when every rule that decided is one of
    `decides_after` (the rules' positional defaults, and the rules the model measured better than). A rule
    written for one construction («قتل القيادي X», «من قبل», «تعرض لهجوم») keeps its choice."""
    return set(role_rules) <= set(decides_after)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    e = [math.exp(z - top) for z in scores]
    total = sum(e)
    return [x / total for x in e]


@dataclass(frozen=True)
class RoleModel:
    """Two conditional logits, one per role (weights["actor"], weights["recipient"]): each spreads the
    probability of taking the role over the option "nobody named" and the candidates; `thresholds` say what
    probability a second party needs to share a role."""

    weights: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    meta: dict[str, Any]

    def probabilities(self, role: str, options: list[list[str]]) -> list[float]:
        """Return the probability of each option (its feature names; "nobody named" first) taking `role`."""
        w = self.weights[role]
        return _softmax([sum(w.get(x, 0.0) for x in f) for f in options])

    def assign(self, m: Morphology, doc: Document, hit: Any, cands: list[Candidate]) -> tuple[list[str], list[str]]:
        """Return (actors, recipients) of a hit: where `decides` lets the model choose (meta.json
        `decides_after`), the pair `decide` makes from the model's probabilities; elsewhere the rules' choice."""
        if not decides(hit.role_rules, self.meta.get("decides_after", ())):
            return rule_choice(cands)
        options = [none_features(hit, cands), *features(m, doc, hit, cands)]
        return decide(self.probabilities("actor", options), self.probabilities("recipient", options), cands,
                      self.thresholds["actor"], self.thresholds["recipient"], hit.trigger.type in TWO_SIDED)

    @classmethod
    def from_dir(cls, path: Path) -> RoleModel:
        """Return the model of a directory, checked against its meta.json's format."""
        meta, weights = read_weights_dir(path, FORMAT)
        return cls(weights=weights, thresholds=meta["thresholds"], meta=meta)


def rule_choice(cands: list[Candidate]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) as the rules chose them, in the rules' order."""
    return [c.key for c in cands if c.rule == "A"], [c.key for c in cands if c.rule == "R"]


def _in_text_order(keys: list[int], cands: list[Candidate]) -> list[str]:
    return [cands[k - 1].key for k in sorted(keys, key=lambda k: (cands[k - 1].pos is None, cands[k - 1].pos or 0))]


def decide(actor_probs: list[float], recipient_probs: list[float], cands: list[Candidate], actor_extra: float,
           recipient_extra: float, two_sided: bool = False) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) from the probabilities of the options ("nobody named" first, then each
    candidate): the likeliest pair of an actor option and a recipient option that are not the same candidate
    takes the roles, and another candidate shares a role when its probability reaches the role's threshold; a
    party chosen to act is not also acted on (the one rule of the pipeline and of cross-validation). With
    `two_sided` (a meeting), a state and a party serving it are one side and never stand on both."""
    n = len(actor_probs)

    def allowed(a: int, r: int) -> bool:
        if a == 0 or r == 0:
            return True
        ca, cr = cands[a - 1], cands[r - 1]
        return a != r and not (two_sided and STATE_KIND in (ca.kind, cr.kind) and ca.side and ca.side == cr.side)

    best_a, best_r = max(((a, r) for a in range(n) for r in range(n) if allowed(a, r)),
                         key=lambda ar: actor_probs[ar[0]] * recipient_probs[ar[1]])
    actors = [best_a] if best_a else []
    actors += [k for k in range(1, n) if k != best_a and k != best_r and actor_probs[k] >= actor_extra]
    recipients = [best_r] if best_r else []
    recipients += [k for k in range(1, n) if k not in actors and k != best_r and recipient_probs[k] >= recipient_extra]
    _with_lists(actors, recipients, cands)
    _with_lists(recipients, actors, cands)
    return _in_text_order(actors, cands), _in_text_order(recipients, cands)


def _with_lists(chosen: list[int], other: list[int], cands: list[Candidate]) -> None:
    """Add to `chosen` (option numbers) every candidate listed after a chosen one, not in `other`."""
    index = {c.key: k for k, c in enumerate(cands, 1)}
    grew = True
    while grew:
        grew = False
        for k, c in enumerate(cands, 1):
            if k not in chosen and k not in other and c.joined_to is not None and index.get(c.joined_to) in chosen:
                chosen.append(k)
                grew = True


@cache
def shipped_role_model() -> RoleModel | None:
    """Return the role model shipped with the package, or None when none is installed."""
    return RoleModel.from_dir(SHIPPED_DIR) if (SHIPPED_DIR / "meta.json").is_file() else None
