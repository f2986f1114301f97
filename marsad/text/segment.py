"""Sentence segmentation and tokenisation with character offsets."""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.model import Sentence, Token
from marsad.text.normalize import norm_char_key

TOKEN_RE = re.compile(
    r"[\u0621-\u063A\u0640-\u065F\u0670-\u06D3\u06FA-\u06FF]+"  # Arabic letters, marks, tatweel
    r"|[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,/:][0-9\u0660-\u0669\u06F0-\u06F9]+)*"
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"
    r"|\S"
)
_TERMINAL = set(".!?؟…")
_OPEN_QUOTES = {"«": "»", "“": "”", "(": ")"}
_MAX_QUOTE_SPAN = 600  # a quote left open this long is treated as a stray mark


# words recur: each distinct one is keyed once (bounded, as the morphology's caches are)
_word_key = lru_cache(maxsize=1 << 15)(norm_char_key)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of text[start:end] with absolute offsets and normalised keys."""
    end = len(text) if end is None else end
    key = _word_key
    return [
        Token(m.start(), m.end(), (w := m.group()), key(w))
        for m in TOKEN_RE.finditer(text, start, end)
    ]


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of `text`: split at . ! ? ؟ … and line breaks, never inside quotes.

    A quotation mark opened in a sentence holds the break until it closes, unless a line
    break comes first or it stays open implausibly long.
    """
    out: list[Sentence] = []
    n = len(text)
    i = 0
    start = 0
    stack: list[tuple[str, int]] = []
    straight_open = -1

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and any(c.isalnum() for c in text[a:b]):
            out.append(Sentence(a, b))

    while i < n:
        c = text[i]
        if c == "\n":
            emit(start, i)
            start = i + 1
            stack.clear()
            straight_open = -1
        elif c in _OPEN_QUOTES:
            stack.append((_OPEN_QUOTES[c], i))
        elif (stack and c == stack[-1][0]) or (c == '"' and straight_open >= 0):
            if c == '"':
                straight_open = -1
            else:
                stack.pop()
            # «… مستعدون.» closes a sentence when the quote itself ended with a full stop
            if not stack and straight_open < 0 and i > 0 and text[i - 1] in _TERMINAL and (
                    i + 1 >= n or text[i + 1].isspace()):
                emit(start, i + 1)
                start = i + 1
        elif c == '"':
            straight_open = i
        elif c in _TERMINAL:
            j = i
            while j + 1 < n and text[j + 1] in _TERMINAL:
                j += 1
            run = text[i:j + 1]
            is_number_dot = c == "." and i > 0 and text[i - 1].isdigit() and j + 1 < n and text[j + 1].isdigit()
            quoted = (stack and i - stack[-1][1] < _MAX_QUOTE_SPAN) or (
                straight_open >= 0 and i - straight_open < _MAX_QUOTE_SPAN)
            ellipsis_joint = run == ".."  # headline joint «… 2014 .. وفد»
            if not is_number_dot and not quoted and not ellipsis_joint:
                k = j + 1
                while k < n and text[k] in "\"”»)'’":
                    k += 1
                if k >= n or text[k].isspace():
                    emit(start, k)
                    start = k
                    i = k
                    stack.clear()
                    straight_open = -1
                    continue
            i = j
        i += 1
    emit(start, n)
    return out


def segment(text: str) -> list[Sentence]:
    """Return the sentences of `text`, each with its tokens."""
    sents = split_sentences(text)
    for s in sents:
        s.tokens = tokenize(text, s.start, s.end)
    return sents
