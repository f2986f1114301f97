"""A trained choice of where an event took place among the places its sentence and the article's lead name.

The place rules (`marsad.extract.events.places`, `.story`) take the first place after a location preposition in
the trigger's segment, leave out topics, lists, datelines and posts abroad, and lend the lead's place to later
events of the same story. On unseen news about a fifth of events come out with a place error: a place the
sentence or the lead names left out, or a destination, a topic, a launch site taken. This model reads every place
named in the trigger's sentence, the article's first two sentences and the sentences right before and after,
where it stands (before or after the trigger, how far, behind which preposition or word, in which part of the
sentence), what kind of place it is, whether the rules chose it and what they made of it (a topic, a list item, a
dateline, a post abroad), and one conditional logit spreads the probability over those places and "no place
named". It is trained by `scripts/train_places.py` on the hand-written places of `eval/roles-dev/places-*.jsonl`.
A model lives in a directory with `meta.json` (format, training data, cross-validated figures) and `weights.json`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol

from marsad.extract.weights_dir import read_weights_dir
from marsad.model import Document, Event, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "models" / "place-model"
FORMAT = "marsad-place-model/1"
LEAD_SENTENCES = 2  # the article's first sentences, where the story's place is usually told
DISTANCES = (1, 2, 3, 5, 8, 13, 21)  # upper bounds of the token-distance buckets
MAX_OPTIONS = 16
# what the place rules' own tests say of a mention: a topic or list item, where a statement was made, a dateline or
# a post abroad, a name inside an organisation's name or a person's post; the model never chooses such a mention
VETOES = frozenset({"topic_or_list", "statement_place", "dateline_or_post", "inside=org", "inside=title"})


@dataclass(frozen=True)
class PlaceOption:
    """One place the event may have taken place in: a mention of a place entity (`pos`, `end` its characters;
    `origin` "segment" (the trigger's segment), "sentence" (elsewhere in its sentence), "lead" (the article's
    first sentences), "near" (the sentence before or after), "told" (a sentence that tells the same happening
    again, merged into the event)), or the rules' place when no mention of it stands
    there (`origin` "rule", `pos` -1)."""

    name: str
    country: str | None
    pos: int
    end: int
    origin: str


def _sentence_index(doc: Document, pos: int) -> int:
    return next((k for k, s in enumerate(doc.sentences) if s.start <= pos < s.end), -1)


def _place_mentions(doc: Document, sent: Sentence) -> list[tuple[int, int, str, str | None]]:
    out = [(mn.start, mn.end, e.name, e.country) for e in doc.entities if e.type == "LOC" for mn in e.mentions
           if sent.start <= mn.start and mn.end <= sent.end]
    return sorted(out)


def sentence_order(doc: Document, hit: Any, ev: Event) -> list[tuple[int, str]]:
    """Return the sentences (index, origin) where what the event's options are read from stands: its own sentence
    (origin ""), the sentences merged into it as the same happening ("told"), the article's first sentences
    ("lead") and the sentences right before and after ("near"), in that order."""
    here = _sentence_index(doc, hit.sent.start)
    told = [k for k in dict.fromkeys(_sentence_index(doc, mn.start) for mn in ev.mentions) if k not in (here, -1)]
    order: list[tuple[int, str]] = [(here, ""), *((k, "told") for k in told)]
    order += [(k, "lead") for k in range(min(LEAD_SENTENCES, len(doc.sentences))) if k != here and k not in told]
    order += [(k, "near") for k in (here - 1, here + 1)
              if 0 <= k < len(doc.sentences) and k >= LEAD_SENTENCES and k not in told]
    return order


def place_options(doc: Document, hit: Any, ev: Event) -> list[PlaceOption]:
    """Return the places an event may have taken place in: every place mention of the trigger's sentence (not
    inside the trigger), of the other sentences that tell the same happening, of the article's first sentences
    and of the sentences right before and after (`sentence_order`), and the rules' place when none of them
    names it."""
    trig = (hit.sent.tokens[hit.tok_start].start, hit.sent.tokens[hit.tok_end - 1].end)
    out: list[PlaceOption] = []
    for k, origin in sentence_order(doc, hit, ev):
        for a, b, name, country in _place_mentions(doc, doc.sentences[k]):
            if not origin:
                if trig[0] <= a < trig[1]:
                    continue
                where = "segment" if hit.seg_start <= a < hit.seg_end else "sentence"
            else:
                where = origin
            out.append(PlaceOption(name, country, a, b, where))
    out = out[:MAX_OPTIONS]
    if ev.location and not any(o.name == ev.location.get("name") for o in out):
        out.append(PlaceOption(ev.location["name"], ev.location.get("country"), -1, -1, "rule"))
    return out


def bucket(n: int) -> str:
    """Return the name of the token-distance bucket (DISTANCES) of `n`."""
    return next((str(b) for b in DISTANCES if n <= b), f">{DISTANCES[-1]}")


def _kind(m: Morphology, name: str) -> str:
    p = m.lexicon.places.get(norm_char_key(name))
    return p.kind if p is not None else "other"


def words_between(sent: Sentence, pos: int, anchor: int, trig_end: int) -> int:
    """Return how many words of `sent` stand between what starts at `pos` and the trigger running from `anchor` to
    `trig_end` (before the trigger, the words of what starts at `pos` count too)."""
    return sum(1 for t in sent.tokens if min(trig_end, pos) <= t.start < max(anchor, pos))


def token_before(sent: Sentence, pos: int) -> Any:
    """Return the token of `sent` right before character `pos` (None at the sentence's start)."""
    return next((t for t in reversed(sent.tokens) if t.end <= pos), None)


def _inside_names(m: Morphology, doc: Document, opts: list[PlaceOption]) -> dict[int, str]:
    """Return, for options named inside an organisation's name («ولاية سيناء») or a person's post («ولي عهد
    أبوظبي»), "org" or "title" by the option's position: a place that names no place of a happening."""
    from marsad.extract.events.mentions import _mentions_in
    from marsad.extract.events.roles import _in_person_titles

    out: dict[int, str] = {}
    orgs = [(mn.start, mn.end) for e in doc.entities if e.type == "ORG" for mn in e.mentions]
    for o in opts:
        if o.pos >= 0 and any(a <= o.pos and o.end <= b and (a, b) != (o.pos, o.end) for a, b in orgs):
            out[o.pos] = "org"
    for k in {_sentence_index(doc, o.pos) for o in opts if o.pos >= 0 and o.pos not in out}:
        sent = doc.sentences[k]
        mentions = _mentions_in(doc, sent.start, sent.end)
        titled = _in_person_titles(m, mentions)
        for pos, e in mentions:
            if e.id in titled and pos not in out:
                out[pos] = "title"
    return out


def features(m: Morphology, doc: Document, hit: Any, ev: Event, opts: list[PlaceOption]) -> list[list[str]]:
    """Return the feature names of each option, "no place named" first."""
    from marsad.extract.events.places import _dateline_or_post, _statement_place, _topic_or_list, _visit_goal

    t_type, mode = hit.trigger.type, hit.trigger.mode
    rule_name = (ev.location or {}).get("name")
    anchor = hit.sent.tokens[hit.tok_start].start
    trig_end = hit.sent.tokens[hit.tok_end - 1].end
    parties = {p.removeprefix("country:") for p in ev.actors + ev.recipients if p.startswith("country:")}
    preps = m.lexicon.words("location_prepositions")
    in_sentence = any(o.origin in ("segment", "sentence") for o in opts)
    none = ["none", f"none&T={t_type}", f"none&mode={mode}", f"none&rule={rule_name is not None}",
            f"none&sent={in_sentence}", f"none&T&rule={t_type}|{rule_name is not None}",
            f"none&modality={ev.modality}"]
    out = [none]
    sent_no = {o.pos: _sentence_index(doc, o.pos) for o in opts if o.pos >= 0}
    kinds = [_kind(m, o.name) for o in opts]
    # the states whose towns are named among the options, by where the town stands
    town_states = {(o.country, o.origin) for o, k in zip(opts, kinds, strict=True) if k != "country" and o.country}
    named_states = {o.country for o, k in zip(opts, kinds, strict=True) if k == "country" and o.country}
    inside = _inside_names(m, doc, opts)
    here_names = {o.name for o in opts if o.origin in ("segment", "sentence")}
    goal_entity = _visit_goal(m, doc, hit) if mode == "visit" else None
    goal = next((o.pos for o in opts if goal_entity is not None and o.name == goal_entity.name
                 and o.origin in ("segment", "sentence")), -2)
    for o, kind in zip(opts, kinds, strict=True):
        chosen = o.name == rule_name
        f = ["bias", f"origin={o.origin}", f"origin&T={o.origin}|{t_type}", f"origin&mode={o.origin}|{mode}",
             f"kind={kind}", f"kind&T={kind}|{t_type}", f"kind&origin={kind}|{o.origin}",
             f"rule={chosen}", f"rule&origin={chosen}|{o.origin}", f"rule&T={chosen}|{t_type}",
             f"rule&kind={chosen}|{kind}"]
        if o.country and o.country in parties:
            f += [f"party_state={kind}", f"party_state&T={kind}|{t_type}"]
        if kind == "country":
            f += [f"holds_town={origin}" for state, origin in town_states if state == o.country]
        elif o.country in named_states:
            f.append("state_named")
        if o.pos < 0:
            out.append(f)
            continue
        if o.pos in inside:
            f += [f"inside={inside[o.pos]}", f"inside&T={inside[o.pos]}|{t_type}"]
        sent = doc.sentences[sent_no[o.pos]]
        mentions = sum(1 for e in doc.entities if e.name == o.name for _ in e.mentions)
        f.append(f"mentions={min(mentions, 4)}")
        if o.origin in ("segment", "sentence"):
            side = "before" if o.pos < anchor else "after"
            dist = words_between(sent, o.pos, anchor, trig_end)
            f += [f"side={side}", f"side&T={side}|{t_type}", f"side&mode={side}|{mode}",
                  f"dist={side}{bucket(dist)}", f"dist&T={side}{bucket(dist)}|{t_type}"]
            if _topic_or_list(m, doc, sent, o.pos, o.end):
                f += ["topic_or_list", f"topic_or_list&T={t_type}"]
            if _statement_place(m, sent, o.pos, anchor):
                f += ["statement_place", f"statement_place&T={t_type}"]
        if _dateline_or_post(m, doc, sent, o.pos):
            f += ["dateline_or_post", f"dateline_or_post&origin={o.origin}"]
        clitic = doc.text[o.pos - 1:o.pos] if o.pos > sent.start else ""
        prev = token_before(sent, o.pos)
        if clitic in m.prepositions:
            f += [f"clitic={clitic}", f"clitic&T={clitic}|{t_type}", f"clitic&origin={clitic}|{o.origin}"]
        if prev is not None:
            word = m.without_article(m.bare(prev.key))
            f += [f"prev={word}", f"prev&T={word}|{t_type}"]
            if word in preps:
                f += ["after_prep", f"after_prep&origin=|{o.origin}", f"after_prep&T=|{t_type}"]
        if o.origin not in ("segment", "sentence") and o.name in here_names:
            f.append("also_here")
        if o.pos == goal:
            f += ["visit_goal", f"visit_goal&origin={o.origin}"]
        if prev is not None and any(r.stem in m.lexicon.words("place_heads") or
                                    m.without_article(r.stem) in m.lexicon.words("place_heads")
                                    for r in m.readings(prev.key)):
            f += ["headed", f"headed&T={t_type}"]
        out.append(f)
    return out


def softmax(scores: list[float]) -> list[float]:
    """Return the softmax of a list of scores."""
    top = max(scores)
    e = [math.exp(z - top) for z in scores]
    total = sum(e)
    return [x / total for x in e]


class PlaceChooser(Protocol):
    """What chooses an event's place among its options (the place model; the trainer's recorder)."""

    def choose(self, m: Morphology, doc: Document, hit: Any, ev: Event, opts: list[PlaceOption]) -> dict | None:
        """Return the event's location (as `Event.location`) or None."""
        ...


def as_location(o: PlaceOption) -> dict:
    """Return an option as an event location."""
    return {"name": o.name, "country": o.country, "lat": None, "lon": None}


def _margin(value: float | None) -> float:
    return float("inf") if value is None else float(value)  # null in meta.json: the rules' choice is never taken away


def allowed(options: list[list[str]]) -> list[bool]:
    """Return, for each option after "nothing", whether the model may choose it: not where the place rules' own
    tests veto the mention (VETOES)."""
    return [not VETOES.intersection(f) for f in options[1:]]


@dataclass(frozen=True)
class ChoiceModel:
    """One conditional logit over "nothing" and the options; `margin` is how much likelier than the rules'
    choice another option must be to replace it, `remove_margin` how much likelier "nothing" must be to take the
    rules' choice away, `add_threshold` the probability an option needs where the rules chose nothing
    (`choose_option`). Each kind of model names its directory format in FORMAT."""

    weights: dict[str, float]
    margin: float
    meta: dict[str, Any]
    remove_margin: float = 1.0
    add_threshold: float = 0.0
    FORMAT: ClassVar[str] = ""

    def probabilities(self, options: list[list[str]]) -> list[float]:
        """Return the probability of each option (its feature names; "nothing" first)."""
        return softmax([sum(self.weights.get(x, 0.0) for x in f) for f in options])

    @classmethod
    def from_dir(cls, path: Path) -> Any:
        """Return the model of a directory, checked against its meta.json's format."""
        meta, weights = read_weights_dir(path, cls.FORMAT)
        return cls(weights=weights, margin=meta["margin"], meta=meta,
                   remove_margin=_margin(meta.get("remove_margin", 1.0)), add_threshold=meta.get("add_threshold", 0.0))


@dataclass(frozen=True)
class PlaceModel(ChoiceModel):
    """The place model: a `ChoiceModel` over the places `place_options` offers."""

    FORMAT: ClassVar[str] = FORMAT

    def choose(self, m: Morphology, doc: Document, hit: Any, ev: Event, opts: list[PlaceOption]) -> dict | None:
        """Return the likeliest place of the event (None: no place named), the rules' own unless another option
        is likelier by the model's margins; never a mention the rules' tests veto."""
        options = features(m, doc, hit, ev, opts)
        return decide(self.probabilities(options), opts, ev.location, self.margin, self.remove_margin,
                      self.add_threshold, allowed(options))


RULES = -1  # `choose_option`: the rules' own choice stands


def choose_option(probs: list[float], keys: list[str], rule_key: str | None, margin: float,
                  remove_margin: float = 1.0, add_threshold: float = 0.0, may: list[bool] | None = None) -> int:
    """Return which option wins ("nothing" first in `probs`, then one per key; the options of one key share
    their probability): RULES where the rules' choice (`rule_key`, None: nothing) stands, 0 for nothing, k for
    the k-th option. Another key replaces the rules' one only when it is `margin` times likelier and at least as
    likely as nothing; the rules' key is taken away only when "nothing" is `remove_margin` times likelier than it;
    where the rules chose nothing, a key is added only when it is `margin` times likelier than nothing and has a
    probability of `add_threshold` or more. An option `may` forbids adds nothing to its key and is never the one
    chosen, unless the rules chose that key (a veto keeps the model from choosing, not the rules). A rules' key no
    option names stands: the model cannot weigh it."""
    if rule_key is not None and rule_key not in keys:
        return RULES
    allowed_ = may or [True] * len(keys)
    by_key: dict[str, float] = {}
    first: dict[str, int] = {}
    for k, (p, key, ok) in enumerate(zip(probs[1:], keys, allowed_, strict=True), 1):
        if ok or key == rule_key:
            by_key[key] = by_key.get(key, 0.0) + p
            first.setdefault(key, k)
    best = max((n for n in by_key if n != rule_key), key=by_key.__getitem__, default=None)
    if rule_key is None:
        if best is not None and 0 < by_key[best] and by_key[best] >= max(margin * probs[0], add_threshold):
            return first[best]
        return RULES
    mine = by_key[rule_key]
    if best is not None and by_key[best] >= margin * mine and by_key[best] >= probs[0]:
        return first[best]
    if probs[0] >= remove_margin * mine and probs[0] > by_key.get(best, 0.0):
        return 0
    return RULES


def decide(probs: list[float], opts: list[PlaceOption], rule: dict | None, margin: float,
           remove_margin: float = 1.0, add_threshold: float = 0.0, may: list[bool] | None = None) -> dict | None:
    """Return the event's location as `choose_option` chooses among the places (the options of one name share
    their probability): the rules' `rule`, None (no place named) or the chosen option."""
    k = choose_option(probs, [o.name for o in opts], (rule or {}).get("name"), margin, remove_margin,
                      add_threshold, may)
    return rule if k == RULES else as_location(opts[k - 1]) if k else None


@cache
def shipped_place_model() -> PlaceModel | None:
    """Return the place model shipped with the package, or None when none is installed."""
    return PlaceModel.from_dir(SHIPPED_DIR) if (SHIPPED_DIR / "meta.json").is_file() else None
