"""`marsad watch`: poll RSS/Atom feeds politely, fetch and extract new articles, store them, link what changed."""

from marsad.watch.config import FeedSpec, WatchConfig, WatchConfigError, load_watch_config
from marsad.watch.fetch import Fetched, Fetcher, FetchError
from marsad.watch.monitor import PollReport, poll

__all__ = ["FeedSpec", "FetchError", "Fetched", "Fetcher", "PollReport", "WatchConfig", "WatchConfigError",
           "load_watch_config", "poll"]
