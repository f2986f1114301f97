"""The letter sets the NER features read, from `lexicon/ner_feature_letters.tsv` (fixed at training)."""

from __future__ import annotations

from marsad.lexicon import default_lexicon

_LETTERS = {name: letters for name, letters in default_lexicon().rows("ner_feature_letters.tsv")}

ARTICLE = _LETTERS["article"]
ARTICLE_CLITICS = _LETTERS["article_clitics"]  # a clitic read before the article: «والوزير», «بالوزير»
PROCLITICS = _LETTERS["proclitics"]
BARE_CLITICS = _LETTERS["bare_clitics"]  # dropped to find a word in vector, cluster and hint tables
LAM = _LETTERS["lam"]
ALEF = _LETTERS["alef"]
