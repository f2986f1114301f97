"""The feed list of `marsad watch` (FEEDS.yaml): the feeds to poll and how politely.

```yaml
interval: 900          # seconds between two polls (--interval overrides it)
timeout: 20            # seconds a request may take, the whole page included
max_bytes: 5000000     # a larger feed or page is refused
host_delay: 2          # seconds between two requests to one host
feeds:
  - url: https://example.com/rss.xml
    name: Example News # the outlet (default: the page's site name, else the feed's title)
  - https://example.org/atom.xml
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from marsad.errors import MarsadError

DEFAULTS = {"interval": 900.0, "timeout": 20.0, "max_bytes": 5_000_000, "host_delay": 2.0}
USER_AGENT = "Marsad/0.1 (news event monitor; polite polling)"


class WatchConfigError(MarsadError):
    """A feed list that cannot be used; the message names the file and what is wrong, in one line."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed to poll and the outlet name its articles get (None: from the page or the feed)."""

    url: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """The feeds and the limits of polling them."""

    feeds: tuple[FeedSpec, ...]
    interval: float = DEFAULTS["interval"]
    timeout: float = DEFAULTS["timeout"]
    max_bytes: int = int(DEFAULTS["max_bytes"])
    host_delay: float = DEFAULTS["host_delay"]
    user_agent: str = USER_AGENT


def _http_url(value: Any) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load_watch_config(path: Path) -> WatchConfig:
    """Return the feed list in a YAML file; raise WatchConfigError (one line) when it cannot be used."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise WatchConfigError(f"{path}: cannot read ({err.strerror or err})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise WatchConfigError(f"{path}: not YAML ({str(err).splitlines()[0]})") from None
    if isinstance(data, list):
        data = {"feeds": data}
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list) or not data["feeds"]:
        raise WatchConfigError(f"{path}: expected a 'feeds:' list of feed URLs")
    feeds = []
    for n, one in enumerate(data["feeds"], 1):
        url, name = (one.get("url"), one.get("name")) if isinstance(one, dict) else (one, None)
        if not _http_url(url):
            raise WatchConfigError(f"{path}: feed {n}: not an http(s) URL: {url!r}")
        feeds.append(FeedSpec(str(url), None if name is None else str(name)))
    limits: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (
                key in ("timeout", "max_bytes") and value == 0):
            raise WatchConfigError(f"{path}: {key}: expected a positive number, got {value!r}")
        limits[key] = int(value) if key == "max_bytes" else float(value)
    known = [*DEFAULTS, "feeds", "user_agent"]
    unknown = [str(k) for k in data if k not in known]
    if unknown:
        raise WatchConfigError(f"{path}: unknown setting {', '.join(unknown)}; known: {', '.join(known)}")
    return WatchConfig(tuple(feeds), user_agent=str(data.get("user_agent") or USER_AGENT), **limits)
