"""Named-entity tagging behind the `NerModel` protocol (`base`); the shipped model (`tagger`) is a
convolutional network under a CRF, loaded from a checked model directory (`modeldir`)."""
