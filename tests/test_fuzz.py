"""Property-based tests of extraction on hostile input: random Unicode, mixed scripts, right-to-left and other
format marks, broken HTML, huge lines and deeply nested markup. Whatever comes in, the only exception that may
escape is the documented one-line InputError; every offset stays inside the text and indexes what it claims;
the document validates against the contract. Example counts are modest so CI stays fast."""

from __future__ import annotations

import json
import random

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import read_bytes
from marsad.model import Document
from tests.conftest import need_shared

# words that wake the pipeline's rules up: names, posts, places, event triggers, dates, quotes, negation
WORDS = tuple(("التقى وزير الخارجية المصري سامح شكري نظيره الليبي محمد سيالة في القاهرة اليوم الثلاثاء وبحث الجانبان "
         "التعاون الأمني وقال إن البلدين اتفقا على تشكيل لجنة مشتركة لم يلتق الرئيس الأمريكي جو بايدن أمس "
         "هاجمت قوات الجيش مواقع المسلحين في طرابلس يوم 12 مارس 2021 الأسبوع المقبل أكد أن «التعاون مستمر» "
         "بحسب وكالة الأنباء الرسمية سبوتنيك عبد الله الثني رئيس الحكومة المؤقتة دعا إلى وقف إطلاق النار "
         "واشنطن الرياض 1442 هـ ١٤ رمضان").split())
MARKS = ("\u200f", "\u200e", "\u202b", "\u202c", "\u202e", "\u2066", "\u2069", "\u200c", "\u200d", "\u0640",
         "\u064e", "\u0651", "\ufeff", "\u00a0", "\u2028", "\u0085", "\r", "\t", "\n\n", "\x00", "\ufffd")
LATIN = ("Reuters", "AFP", "U.S.", "the", "Minister", "http://example.com/a?b=1", "@user", "#tag", "2021-03-02",
         "😀", "𝔸", "中文", "русский", "עברית", "۱۲۳", "٣", "...", "—", "(", ")", "[", "]", "«", "»", ":", "،", "؛")
TAGS = ("<p>", "</p>", "<div>", "</div>", "<b", "<br/>", "<!--", "-->", "<script>", "</script>", "<style>",
        "<![CDATA[", "]]>", "&amp;", "&#x", "&#1589;", "&nbsp", "<article>", "</article", "<h1>", "<table><tr><td>",
        "<a href='", "'>", "<meta property=\"article:published_time\" content=\"2021-13-45\">", "<title>", "</",
        "<?xml", "<!DOCTYPE html>", "<html dir=\"rtl\">", "<p dir=rtl>", ">", "<", "\"", "'")

tokens = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(LATIN),
                   st.text(max_size=6))
mixed_text = st.lists(tokens, max_size=150).map(lambda ws: " ".join(ws))
arabic_heavy = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS)), min_size=5, max_size=200).map(
    lambda ws: " ".join(ws))
broken_html = st.lists(st.one_of(st.sampled_from(TAGS), st.sampled_from(WORDS), st.sampled_from(MARKS)),
                       max_size=200).map(lambda ws: "".join(w if w.startswith(("<", "&", ">")) else f" {w} "
                                                             for w in ws))


@pytest.fixture(scope="module")
def schema():
    return json.loads(need_shared("contract", "document.schema.json").read_text(encoding="utf-8"))


def check(doc: Document, schema: dict) -> None:
    """Assert the document's offsets index its text and it validates against the contract."""
    data = doc.to_dict()
    jsonschema.validate(data, schema)
    text, n = data["text"], len(data["text"])

    def inside(span: dict) -> None:
        assert 0 <= span["start"] <= span["end"] <= n, span
        if "text" in span:
            assert text[span["start"]:span["end"]] == span["text"], span

    for s in data["sentences"]:
        inside(s)
    for e in data["entities"]:
        for m in e["mentions"]:
            inside(m)
    for t in data["times"]:
        inside(t)
    for ev in data["events"]:
        inside(ev["evidence"])
        if ev["trigger"]:
            inside(ev["trigger"])
        for m in ev["mentions"]:
            inside(m)
    for q in data["quotes"]:
        inside(q)
    assert Document.from_dict(json.loads(json.dumps(data))).to_dict() == data


def analysed_or_refused(text: str, schema: dict, meta: dict | None = None) -> Document | None:
    """Return the document of `text`, or None when it is refused with a one-line InputError (checked)."""
    try:
        doc = analyse(text, meta or {"id": "fuzz", "published": "2021-03-02"})
    except InputError as err:
        assert "\n" not in str(err) and err.reason
        return None
    check(doc, schema)
    return doc


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=st.text(max_size=400))
def test_random_unicode(text, schema):
    analysed_or_refused(text, schema)


@FAST
@given(text=mixed_text)
def test_mixed_scripts_and_marks(text, schema):
    analysed_or_refused(text, schema)


@FAST
@given(text=arabic_heavy, published=st.one_of(st.none(), st.sampled_from(
    ["2021-03-02", "2021-02-30", "1990", "2021-03", "not a date", "0000-00-00", "2021-03-02T25:61:00Z"])))
def test_arabic_with_format_marks_and_odd_dates_yields_documents(text, published, schema):
    analysed_or_refused(text, schema, {"id": "fuzz", "published": published, "title": text[:20] or None})


@FAST
@given(html=broken_html)
def test_broken_html_through_the_reader_and_the_core(html, schema):
    for rec in read_bytes(html.encode("utf-8"), "page.html", "html"):
        if isinstance(rec, InputError):
            assert "\n" not in str(rec)
            continue
        analysed_or_refused(rec.text, schema, rec.meta())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), fmt=st.sampled_from(["text", "html", "jsonl", "json", "feed"]))
def test_random_bytes_in_any_format(data, fmt, schema):
    for rec in read_bytes(data, f"item.{fmt}", fmt):
        if isinstance(rec, InputError):
            assert "\n" not in str(rec) and rec.item.startswith("item.")
            continue
        analysed_or_refused(rec.text, schema, rec.meta())


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), glue=st.sampled_from([" ", "\u200f ", "", "\u0640"]))
def test_a_huge_line(seed, glue, schema):
    """One line of 3,000 words with no full stop (or 3,000 words glued into one token)."""
    words = random.Random(seed).choices([*WORDS, "،", "و"], k=3000)
    analysed_or_refused(glue.join(words), schema)


@pytest.mark.parametrize("depth", [50, 300, 3000])
def test_deeply_nested_markup(depth, schema):
    body = "التقى وزير الخارجية المصري سامح شكري نظيره الليبي محمد سيالة في القاهرة اليوم."
    html = f"<html><body>{'<div><span>' * depth}<p>{body}</p>{'</span></div>' * depth}</body></html>"
    for rec in read_bytes(html.encode("utf-8"), "deep.html", "html"):
        if isinstance(rec, InputError):
            assert "\n" not in str(rec)
            continue
        analysed_or_refused(rec.text, schema, rec.meta())
    analysed_or_refused(html, schema)  # markup handed to the core as if it were text


def test_the_core_refuses_nothing_silently(schema):
    """Control: an ordinary article passes through the same checks (the properties are not vacuous)."""
    doc = analysed_or_refused(" ".join(WORDS), schema)
    assert doc is not None and doc.entities and doc.events
