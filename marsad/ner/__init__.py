"""Named-entity tagging: a CRF trained on ANERcorp with lexicon and word-cluster features."""
