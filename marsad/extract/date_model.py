"""A trained choice of when an event took place among the dates its sentence and the article's lead give.

The date rules (`marsad.extract.events.dates`, `.story`) take the nearest dating expression of the trigger's own
clause and lend the lead's day to later acts of its kind. On unseen news a quarter of the events the text dates come
out undated, and a fifth of the events it does not date get a date (the day a report was made, the date of another
happening). This model reads every resolved date of the trigger's sentence, of the sentences telling the same
happening again, of the article's first two sentences and of the sentences right before and after: where it stands,
which words give it, how precise it is, how it lies against the publication day, whether the rules chose it; one
conditional logit spreads the probability over those dates and "no date given". It is trained by
`scripts/train_dates.py` on the hand-written dates of `eval/roles-dev/places-*.jsonl` and decides as the place model
does (`marsad.extract.place_model.choose_option`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol

from marsad.extract.place_model import (
    MAX_OPTIONS,
    RULES,
    ChoiceModel,
    bucket,
    choose_option,
    sentence_order,
    token_before,
    words_between,
)
from marsad.model import Document, Event, TimeExpr
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "models" / "date-model"
FORMAT = "marsad-date-model/1"


@dataclass(frozen=True)
class DateOption:
    """One date the event may have taken place on: a resolved time expression and where it stands (`origin` as
    for the place model's options)."""

    time: TimeExpr
    origin: str


def date_options(doc: Document, hit: Any, ev: Event) -> list[DateOption]:
    """Return the dates an event may have taken place on: the resolved dating expressions of its sentence, of the
    sentences telling it again, of the article's first sentences and of the neighbouring sentences, in that
    order."""
    from marsad.extract.events.dates import _dates_in

    out: list[DateOption] = []
    for k, origin in sentence_order(doc, hit, ev):
        sent = doc.sentences[k]
        for t in _dates_in(doc.times, sent.start, sent.end):
            if t.value:
                where = origin or ("segment" if hit.seg_start <= t.start < hit.seg_end else "sentence")
                out.append(DateOption(t, where))
    return out[:MAX_OPTIONS]


def _against_published(value: str, published: str | None) -> str:
    if not published:
        return "unknown"
    day = published[:len(value)]
    return "same" if value == day else "before" if value < day else "after"


def features(m: Morphology, doc: Document, hit: Any, ev: Event, opts: list[DateOption]) -> list[list[str]]:
    """Return the feature names of each option, "no date given" first."""
    from marsad.extract.events.dates import _own_clause

    t_type, mode = hit.trigger.type, hit.trigger.mode
    rule_value = (ev.date or {}).get("value")
    anchor = hit.sent.tokens[hit.tok_start].start
    trig_end = hit.sent.tokens[hit.tok_end - 1].end
    in_sentence = any(o.origin in ("segment", "sentence") for o in opts)
    ruled = rule_value is not None
    out = [["none", f"none&T={t_type}", f"none&mode={mode}", f"none&rule={ruled}", f"none&sent={in_sentence}",
            f"none&modality={ev.modality}", f"none&T&rule={t_type}|{ruled}"]]
    for o in opts:
        t = o.time
        words = t.text.split()
        head = m.without_article(m.bare(norm_char_key(words[0]))) if words else ""
        chosen = t.value == rule_value
        when = _against_published(t.value or "", doc.published)
        f = ["bias", f"origin={o.origin}", f"origin&T={o.origin}|{t_type}", f"rule={chosen}",
             f"rule&origin={chosen}|{o.origin}", f"rule&T={chosen}|{t_type}", f"precision={t.precision}",
             f"precision&origin={t.precision}|{o.origin}", f"kind={t.kind}", f"head={head}",
             f"head&origin={head}|{o.origin}", f"when={when}", f"when&modality={when}|{ev.modality}",
             f"when&T={when}|{t_type}"]
        if o.origin in ("segment", "sentence"):
            side = "before" if t.start < anchor else "after"
            dist = words_between(hit.sent, t.start, anchor, trig_end)
            f += [f"side={side}", f"side&T={side}|{t_type}", f"dist={side}{bucket(dist)}",
                  f"own_clause={_own_clause(m, hit, t, doc.times)}"]
        sent = next((s for s in doc.sentences if s.start <= t.start < s.end), None)
        prev = token_before(sent, t.start) if sent is not None else None
        if prev is not None:
            word = m.without_article(m.bare(prev.key))
            f += [f"prev={word}", f"prev&T={word}|{t_type}"]
        out.append(f)
    return out


def as_date(o: DateOption) -> dict:
    """Return an option as an event date."""
    return {"value": o.time.value, "precision": o.time.precision, "text": o.time.text}


def decide(probs: list[float], opts: list[DateOption], rule: dict | None, margin: float,
           remove_margin: float = 1.0, add_threshold: float = 0.0) -> dict | None:
    """Return the event's date as `choose_option` chooses among the dates (the options of one value share their
    probability): the rules' `rule`, None (no date given) or the chosen option."""
    k = choose_option(probs, [str(o.time.value) for o in opts], (rule or {}).get("value"), margin, remove_margin,
                      add_threshold)
    return rule if k == RULES else as_date(opts[k - 1]) if k else None


class DateChooser(Protocol):
    """What chooses an event's date among its options (the date model; the trainer's recorder)."""

    def choose(self, m: Morphology, doc: Document, hit: Any, ev: Event, opts: list[DateOption]) -> dict | None:
        """Return the event's date (as `Event.date`) or None."""
        ...


@dataclass(frozen=True)
class DateModel(ChoiceModel):
    """The date model: a `marsad.extract.place_model.ChoiceModel` over the dates `date_options` offers."""

    FORMAT: ClassVar[str] = FORMAT

    def choose(self, m: Morphology, doc: Document, hit: Any, ev: Event, opts: list[DateOption]) -> dict | None:
        """Return the likeliest date of the event (None: no date given), the rules' own unless another is
        likelier by the model's margins."""
        probs = self.probabilities(features(m, doc, hit, ev, opts))
        return decide(probs, opts, ev.date, self.margin, self.remove_margin, self.add_threshold)


@cache
def shipped_date_model() -> DateModel | None:
    """Return the date model shipped with the package, or None when none is installed."""
    return DateModel.from_dir(SHIPPED_DIR) if (SHIPPED_DIR / "meta.json").is_file() else None
