"""Cross-article resolution: actors over time, near-duplicate articles, stories and canonical events."""
