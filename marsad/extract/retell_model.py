"""A trained judge of whether a later event of an article tells an earlier one again.

The merge rules (`marsad.extract.events.merge`) join mentions of one happening as the events are built: an
anaphoric «الاجتماع», the same named party, a casualty tied to its attack. What they leave is the largest class
of wrong outputs on unseen news: a headline's strike told again in the body with other parties, a «الضربات»
three paragraphs on, sanctions named again by what they cost. Of the gold's retellings most stand in another
sentence than the event they retell and only a quarter keep its parties, so this model reads what two events
tell: the trigger word, mode, date and place, the numbers and words their sentences share, the entities named
in both, how far apart they are and whether the later one is definite or anaphoric, and whether their parties
agree. A later event whose probability of retelling an earlier one of its type passes the model's threshold is
folded into it: the earlier event keeps its roles and gains the later one's mention (and its date or place when
it had none). It is trained by `scripts/train_retell.py` on the gold rows of `eval/roles-dev/`; a model lives in
a directory with `meta.json` (format, threshold, training data, cross-validated figures) and `weights.json`.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import cache
from pathlib import Path

from marsad.extract.events.kinds import FORCE_TYPES, VERBAL_TYPES
from marsad.extract.events.merge import _refers_back, _same_word
from marsad.extract.weights_dir import read_weights_dir
from marsad.model import Document, Event
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "models" / "retell-model"
FORMAT = "marsad-retell-model/1"
TALK_TYPES = VERBAL_TYPES | {"CONSULT"}
DIGITS = re.compile(r"\d+")
MIN_WORD = 4  # letters of the shortest word counted in two sentences' overlap (shorter ones are particles)


def _group(event_type: str) -> str:
    return "force" if event_type in FORCE_TYPES else "talk" if event_type in TALK_TYPES else "other"


def _relation(a: list[str], b: list[str]) -> str:
    """How two role lists relate: both empty, one empty, the same, sharing some, or disjoint."""
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return "both_empty"
    if not sa or not sb:
        return "one_empty"
    return "same" if sa == sb else "share" if sa & sb else "disjoint"


def _bucket(value: float, bounds: tuple[float, ...]) -> str:
    """Return the index of the first bound `value` is below (len(bounds) past the last) as a string."""
    return str(next((k for k, b in enumerate(bounds) if value < b), len(bounds)))


class PairReader:
    """What a pair of events of one document share, read once per event: sentence numbers, words, entities."""

    def __init__(self, m: Morphology, doc: Document, events: list[Event]) -> None:
        self.m, self.doc, self.events = m, doc, events
        self._starts = [s.start for s in doc.sentences]
        self._words: dict[int, set[str]] = {}
        self._entities: dict[int, set[str]] = {}
        self._mentions = sorted((mm.start, e.id) for e in doc.entities for mm in e.mentions)

    def sentence(self, ev: Event) -> int:
        """Return the number of the sentence an event's evidence starts in."""
        return bisect.bisect_right(self._starts, ev.evidence.start) - 1

    def words(self, k: int) -> set[str]:
        """Return the content words (without a leading conjunction) of event k's evidence."""
        if k not in self._words:
            m = self.m
            keys = (norm_char_key(w) for w in self.events[k].evidence.text.split())
            self._words[k] = {m.bare(x) for x in keys if len(x) >= MIN_WORD}
        return self._words[k]

    def entities(self, k: int) -> set[str]:
        """Return the ids of the entities named in event k's evidence."""
        if k not in self._entities:
            ev = self.events[k].evidence
            lo = bisect.bisect_left(self._mentions, (ev.start, ""))
            hi = bisect.bisect_left(self._mentions, (ev.end, ""))
            self._entities[k] = {eid for _, eid in self._mentions[lo:hi]}
        return self._entities[k]

    def features(self, i: int, j: int) -> list[str]:
        """Return the feature names of «event j tells event i again» (i before j, the same type)."""
        m, doc = self.m, self.doc
        prev, ev = self.events[i], self.events[j]
        f = [f"type={ev.type}", "same_word" if _same_word(m, prev, ev) else "other_word"]
        f.append("mode=" + ("same" if prev.mode == ev.mode else
                            "one_none" if (prev.mode is None) != (ev.mode is None) else "differ"))
        if prev.mode and ev.mode and prev.mode != ev.mode:
            f.append("modes=" + "|".join(sorted((prev.mode, ev.mode))))
        dp, de = (prev.date or {}).get("value"), (ev.date or {}).get("value")
        f.append("date=" + ("both_none" if not dp and not de else "one_none" if not dp or not de else
                            "same" if dp == de else "differ"))
        lp = norm_char_key((prev.location or {}).get("name") or "")
        le = norm_char_key((ev.location or {}).get("name") or "")
        f.append("place=" + ("both_none" if not lp and not le else "one_none" if not lp or not le else
                             "same" if lp == le else "differ"))
        f.append("act=" + _relation(prev.actors, ev.actors))
        f.append("rec=" + _relation(prev.recipients, ev.recipients))
        if set(ev.actors) & set(prev.recipients) or set(ev.recipients) & set(prev.actors):
            f.append("crossed")
        sp, se = self.sentence(prev), self.sentence(ev)
        f.append("dist=" + ("0" if se <= sp else "1" if se == sp + 1 else "2-3" if se <= sp + 3 else
                            "4-6" if se <= sp + 6 else "7+"))
        if sp == 0:
            f.append("p_head")
        if prev.modality != ev.modality:
            f.append("modality_differ")
        if prev.negated != ev.negated:
            f.append("neg_differ")
        nums_p, nums_e = set(DIGITS.findall(prev.evidence.text)), set(DIGITS.findall(ev.evidence.text))
        if nums_e:
            f.append("num_shared" if nums_p & nums_e else "num_differ")
        wp, we = self.words(i), self.words(j)
        f.append("jac=" + _bucket(len(wp & we) / max(1, len(wp | we)), (0.1, 0.2, 0.35)))
        f.append("ents=" + _bucket(len(self.entities(i) & self.entities(j)), (1, 2)))
        between = sum(1 for k in range(i + 1, j) if self.events[k].type == ev.type)
        f.append("between=" + _bucket(between, (1, 2)))
        if _refers_back(m, doc, ev):
            f.append("anaphor")
        if se <= sp and prev.trigger is not None and ev.trigger is not None:
            lo, hi = sorted((prev.trigger.end, ev.trigger.start))
            f.append("gap=" + _bucket(len(doc.text[lo:hi].split()), (3, 7)))
            if any(m.starts_with_conjunction(norm_char_key(w)) and len(w) > 3
                   for w in doc.text[prev.trigger.end:ev.trigger.start].split()[-2:]):
                f.append("conj_before")
        if not [p for p in ev.participants if not p.startswith("country:")]:
            f.append("e_unnamed")
        if not ev.actors and not ev.recipients:
            f.append("e_bare")
        if not prev.actors and not prev.recipients:
            f.append("p_bare")
        if ev.trigger is not None and ev.trigger.text.split():
            key = norm_char_key(ev.trigger.text.split()[0])
            if any(m.has_article(s) for _, s in m.stems(key)):
                f.append("e_def")
        group = _group(ev.type)
        return ["bias", *f, *(f"{group}&{x}" for x in f if not x.startswith("type="))]


class RetellModel:
    """A logistic model of «a later event tells an earlier one again» and the threshold it merges at."""

    def __init__(self, weights: dict[str, float], threshold: float, meta: dict | None = None) -> None:
        self.weights, self.threshold, self.meta = weights, threshold, meta or {}

    @classmethod
    def from_dir(cls, path: Path) -> RetellModel:
        """Return the model of a directory; raise ValueError when its meta.json names another format."""
        meta, weights = read_weights_dir(path, FORMAT)
        return cls(weights, float(meta["threshold"]), meta)

    def probability(self, feats: list[str]) -> float:
        """Return the probability that a pair with these features is one happening told twice."""
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def fold_retold(self, m: Morphology, doc: Document, events: list[Event]) -> list[Event]:
        """Return the events with each one that tells an earlier kept event of its type again folded into it."""
        reader = PairReader(m, doc, events)
        kept: list[int] = []
        for j, ev in enumerate(events):
            best, target = self.threshold, None
            for i in kept:
                if may_retell(events[i], ev):
                    p = self.probability(reader.features(i, j))
                    if p > best:
                        best, target = p, i
            if target is None:
                kept.append(j)
            else:
                absorb(events[target], ev)
        return [events[k] for k in kept]


def may_retell(prev: Event, ev: Event) -> bool:
    """Whether `ev` may tell `prev` again: the same type, and not split from the same mention (one sentence's
    rounds of bilateral meetings share their trigger and are different happenings)."""
    same_trigger = prev.trigger is not None and ev.trigger is not None and prev.trigger.start == ev.trigger.start
    return prev.type == ev.type and not same_trigger


def absorb(target: Event, retelling: Event) -> None:
    """Fold a retelling into the event it tells: its mentions added, its date and place taken where the event
    had none; the event's roles stay its own."""
    if all(x.start != retelling.evidence.start for x in target.mentions):
        target.mentions.extend(retelling.mentions or [retelling.evidence])
    target.date = target.date or retelling.date
    target.location = target.location or retelling.location
    target.contexts = list(dict.fromkeys(target.contexts + retelling.contexts))


@cache
def shipped_retell_model() -> RetellModel | None:
    """Return the retelling model shipped with the package, or None when none is installed."""
    return RetellModel.from_dir(SHIPPED_DIR) if (SHIPPED_DIR / "meta.json").is_file() else None
