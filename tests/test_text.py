from hypothesis import given
from hypothesis import strategies as st

from marsad.text.clean import clean_text
from marsad.text.normalize import FUSING_HEADS, NormView, fuses, join_keys, name_key, norm_char_key, phrase_heads
from marsad.text.segment import split_sentences, tokenize


def test_name_key_unifies_spellings():
    assert name_key("عبدالله الثنى") == name_key("عبد الله الثني")
    assert name_key("السيسى") == name_key("السيسي")
    assert name_key("إبراهيم") == name_key("ابراهيم")
    assert name_key("مُحَمَّد") == "محمد"
    assert name_key("الحكومـــة") == "الحكومه"


def test_norm_char_key_keeps_length_without_marks():
    assert len(norm_char_key("مصرى")) == 4
    assert norm_char_key("٢٠٢٠") == "2020"


def test_normview_maps_back_to_original_offsets():
    text = "قال الرَّئيسُ المصريُّ إنّ"
    view = NormView.of(text)
    i = view.key.index("المصري")
    s, e = view.to_original(i, i + len("المصري"))
    assert text[s:e] == "المصريُّ"


@given(st.text(alphabet="اأىةيمصرَُّـ٢ a.", max_size=40))
def test_normview_key_and_offsets_agree_character_by_character(text):
    view = NormView.of(text)
    assert len(view.key) == len(view.offsets)
    assert view.offsets == [i for i, c in enumerate(text) if norm_char_key(c)]
    assert view.key == "".join(norm_char_key(text[i]) for i in view.offsets)


_WORDS = sorted(FUSING_HEADS) + ["الله", "الرحمن", "حضر", "اللقاء", "بحضور", "وعبد", "قال"]


@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), max_size=6),
       st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
def test_a_phrase_is_found_only_from_its_heads_or_a_word_that_fuses(phrases, words):
    table = {join_keys(p) for p in phrases}  # phrase tables hold name keys
    if join_keys(words) in table:
        assert words[0] in phrase_heads(table) or fuses(words[0]) or len(words) == 1 and words[0] in table


def test_sentences_split_on_arabic_punctuation_but_not_inside_quotes():
    text = 'قال الوزير: "الوضع صعب. لكننا مستعدون." ثم غادر. هل انتهى الأمر؟ نعم\nسطر جديد'
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert sents[0] == 'قال الوزير: "الوضع صعب. لكننا مستعدون."'
    assert "هل انتهى الأمر؟" in sents
    assert sents[-1] == "سطر جديد"


def test_sentences_do_not_split_decimals_or_headline_joints():
    text = "ارتفع المؤشر 2.5 في المئة .. وتراجع النفط. انتهى"
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert sents == ["ارتفع المؤشر 2.5 في المئة .. وتراجع النفط.", "انتهى"]


def test_tokens_carry_offsets_and_keys():
    text = "وأكد اللواءُ، أمس: «لا»"
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
    assert [t.text for t in tokenize(text)][:3] == ["وأكد", "اللواءُ", "،"]


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآءؤئ ًٌٍَُِّْـ.،؟!«»\"\n 0123456789", max_size=200))
def test_every_token_and_sentence_maps_back(text):
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        for tok in tokenize(text, s.start, s.end):
            assert text[tok.start:tok.end] == tok.text


def test_clean_removes_boilerplate_and_repeated_headline():
    raw = ("عنوان الخبر هنا\n\nعنوان الخبر هنا\n\nنص الخبر الأول&amp;الثاني.&\n(تستمر)\n"
           "فقرة أخرى&nbsp;هنا.\n\nأفكارك وتعليقاتك\nالتعليقات")
    cleaned = clean_text(raw)
    assert cleaned.count("عنوان الخبر هنا") == 1
    assert "تستمر" not in cleaned and "تعليقات" not in cleaned
    assert "&" not in cleaned
    assert "الأول الثاني" in cleaned or "الأول&الثاني" not in cleaned
    assert "فقرة أخرى هنا." in cleaned


def test_continuation_markers_come_from_the_lexicon(tmp_path):
    import shutil

    from marsad.lexicon import LEXICON_DIR, Lexicon

    raw = "نص الخبر (البقية) ويتواصل هنا (يتبع)"
    assert clean_text(raw) == "نص الخبر (البقية) ويتواصل هنا"
    directory = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (directory / "continuation_markers.txt").open("a", encoding="utf-8") as f:
        f.write("البقية\n")
    assert clean_text(raw, Lexicon(directory)) == "نص الخبر ويتواصل هنا"
