"""A trigger found in a sentence (`_Hit`) and the lexicon word tests read around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.lexicon import Lexicon, Trigger
from marsad.model import Sentence
from marsad.text.morphology import Morphology


@dataclass(slots=True)
class _Hit:
    """A trigger found in a sentence: token range, lexicon entry and segment bounds (chars)."""

    sent: Sentence
    tok_start: int
    tok_end: int
    trigger: Trigger
    seg_start: int = 0
    seg_end: int = 0
    participants: list[str] = field(default_factory=list)
    modality: str | None = None  # set when the sentence decides it («هدد بإعدام»: threatened, not done)
    subject_is_act: bool = False  # a verb whose subject is the act before it («قصف إسرائيلي استهدف …»)
    denied: bool = False  # the topic of a denial («نفت … بشأن لقاء»): reported as not happening
    own_clause: bool = False  # opens a new clause of its sentence with its own subject («…، ليجري بعدها روحاني …»)
    governed_by: _Hit | None = None  # the threat, demand or refusal right before that this act is the object of
    role_rules: list[str] = field(default_factory=list)  # the role rules that decided its actor and recipients


@lru_cache(maxsize=8)
def _verb_forms(lexicon: Lexicon, name: str) -> frozenset[str]:
    """Every inflected trigger form of the past-verb lemmas of the lexicon list `name`."""
    lemmas = lexicon.words(name)
    return frozenset(lemmas | {f for w in lemmas for f in lexicon.trigger_forms(f"V:{w}")})


def _names_word(m: Morphology, toks: list, name: str) -> bool:
    """Whether a word of the lexicon list `name` stands among `toks`, read through its proclitics and article."""
    words = m.lexicon.words(name)
    return any(s in words or m.without_article(s) in words for t in toks for _, s in m.stems(t.key))
