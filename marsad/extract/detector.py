"""A trained check on trigger hits: does this sentence report a happening of this PLOVER type?

Trigger words say what an event would be; whether the sentence reports one that happened (rather
than naming a threat, a fear, an anniversary or a policy) depends on the words around them. The
model is a logistic regression per event type over sparse features of the sentence and its
trigger hits, trained by `python -m marsad.extract.train_detector` on the dev half of the Arabic
PLOVER gold standard (../shared/data/events/gsr/). A model lives in a directory with `meta.json`
(format, types, thresholds, training data, cross-validated scores) and `weights.json`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from marsad.extract.weights_dir import read_weights_dir
from marsad.model import Sentence
from marsad.text.morphology import Morphology

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "models" / "event-detector"
FORMAT = "marsad-event-detector/1"
WINDOW = 3  # words either side of a trigger read as its neighbours
ASSERTED = "mod=asserted"  # the rules read the act as told as done (not planned, hypothetical)
NOT_NEGATED = "neg=False"
OPENING_VERB = "opening_verb"  # the sentence opens with the trigger as a past-tense verb («شنت طائرات … غارات»)
CLAUSE_VERB = "clause_verb"  # a reported clause opens with it («… إن الطيران نفذ ضربة جوية»)


def _stem(m: Morphology, key: str) -> str:
    readings = m.stems(key)
    return readings[-1][1] if readings else key


def features(m: Morphology, sent: Sentence, hits: list[tuple[int, int, Any]], named: bool, modality: str,
             negated: bool) -> list[str]:
    """Return the feature names of a sentence and its trigger hits of one type.

    `hits` are (first token, end token, Trigger); `named` says whether any hit found a named
    participant; `modality` and `negated` are what the rules read for the first hit.
    """
    toks = sent.tokens
    feats = {"bias", f"mod={modality}", f"neg={negated}", f"named={named}"}
    stems = [_stem(m, t.key) for t in toks]
    feats.update(f"w={s}" for s in stems if len(s) > 1)
    feats.update(f"b={a}_{b}" for a, b in zip(stems, stems[1:], strict=False) if len(a) > 1 and len(b) > 1)
    if any(ch.isdigit() for t in toks for ch in t.text):
        feats.add("digits")
    victims = m.lexicon.words("casualty_words")
    for j, t in enumerate(toks):
        if any(ch.isdigit() for ch in t.text) and any(s in victims for s in stems[j + 1:j + 4]):
            feats.add("casualty_count")  # «مقتل 6 مدنيين», «20 قتيلا»
        if len(t.text) == 4 and t.text.isdigit():
            feats.add("year")
    for start, end, trig in hits:
        feats.add(f"trig={trig.form}")
        feats.add(f"tkind={trig.kind}")
        feats.add(f"tmode={trig.mode}")
        feats.add(f"torder={trig.order}")
        feats.add(f"tpos={min(start, 6)}")
        feats.add(f"art={m.has_article(stems[start])}")
        for j in range(max(0, start - WINDOW), start):
            feats.add(f"l={stems[j]}")
        for j in range(end, min(len(toks), end + WINDOW)):
            feats.add(f"r={stems[j]}")
        if start <= 1 and trig.kind == "V":
            feats.add(OPENING_VERB)
        comps = m.lexicon.words("complementizers")
        if trig.kind == "V" and any(toks[j].key in comps for j in range(max(0, start - 3), start)):
            feats.add(CLAUSE_VERB)  # «قال مصدر إن مسلحين هاجموا …»
        if start > 0:
            feats.add(f"l1={stems[start - 1]}")
        if end < len(toks):
            feats.add(f"r1={stems[end]}")
    feats.add(f"nhits={min(len(hits), 3)}")
    return sorted(feats)


def decide(probability: float, feats: list[str], threshold: float,
           accept_features: list[str] | tuple[str, ...]) -> bool:
    """Return the detector's verdict on one hit: a feature that is accepted outright, or the probability
    at or above the type's threshold (the one rule for the pipeline and for cross-validation)."""
    return any(f in feats for f in accept_features) or probability >= threshold


@dataclass(frozen=True)
class EventDetector:
    """One logistic regression over features shared by all types (weights["*"]) and the same features
    per type (weights[type]): `probability(type, feats)` in [0, 1]; types it was not trained on pass."""

    weights: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    meta: dict[str, Any]

    def covers(self, typ: str) -> bool:
        """Return whether the model was trained for this event type."""
        return typ in self.weights and typ != "*"

    def probability(self, typ: str, feats: list[str]) -> float:
        """Return the model's probability that a sentence with these features reports an event of `typ`."""
        shared, own = self.weights.get("*", {}), self.weights[typ]
        z = sum(shared.get(f, 0.0) + own.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, typ: str, feats: list[str]) -> bool:
        """Return whether a hit of `typ` passes (always, for a type the model does not cover)."""
        if not self.covers(typ):
            return True
        return decide(self.probability(typ, feats), feats, self.thresholds[typ],
                      self.meta.get("accept_features", {}).get(typ, ()))

    @classmethod
    def from_dir(cls, path: Path) -> EventDetector:
        """Return the model of a directory, checked against its meta.json's format."""
        meta, weights = read_weights_dir(path, FORMAT)
        return cls(weights=weights, thresholds=meta["thresholds"], meta=meta)


@cache
def shipped_detector() -> EventDetector | None:
    """Return the detector shipped with the package, or None when none is installed."""
    return EventDetector.from_dir(SHIPPED_DIR) if (SHIPPED_DIR / "meta.json").is_file() else None
