"""Latin names: usual English spellings from the lexicon table, rules otherwise; safe from many threads."""

from concurrent.futures import ThreadPoolExecutor

from marsad.extract import latin
from marsad.extract.entities import romanize


def test_world_figures_take_their_usual_english_spelling():
    assert latin.romanize("كيري") == "Kerry"
    assert latin.romanize("سيرجي لافروف") == "Sergei Lavrov"


def test_table_words_combine_with_the_dictionary_for_unlisted_names():
    assert latin.romanize("جيمس كاميرون") == "James Cameron"  # two listed words, never listed together


def test_entities_keeps_romanize_importable_and_threads_agree():
    names = ["جورج ميلر", "فلاديمير بوتين", "عادل الجبير", "خالد بن سلمان"] * 20
    latin.romanize.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(romanize, names))
    latin.romanize.cache_clear()
    assert parallel == [romanize(n) for n in names]
    assert parallel[0] == "George Miller"
