"""communique: turn news stories into political event data.

import communique
coder = communique.load()
for article, events in coder.pipe(communique.read_articles(["stories.jsonl"])):
    ...
"""

__version__ = "0.1.0"

from .records import Actor, Article, Event, Mention  # noqa: E402
from .settings import Settings  # noqa: E402
from .sources import read_articles  # noqa: E402


def load(**options):
    """Load a Coder with the bundled tables and the installed spaCy pipeline.

    options: Settings fields (keep_negated, keep_hypothetical, statements, quad_scheme, batch_size,
        workers, max_chars, max_sentences, max_record_bytes, story_timeout, model;
        lexicon: a verb table, or a PETRARCH verb dictionary or discard list;
        actors: a user's actor dictionary, YAML or CSV, or a PETRARCH actor or agent dictionary;
        each one path or a list of them, as communique.load(lexicon="CAMEO.verbpatterns.txt")).
    Returns a ready Coder; ``coder.notes`` lists what PETRARCH dictionaries held that was not loaded.
    """
    from .pipeline import Coder

    return Coder(Settings(**options))


__all__ = ["load", "read_articles", "Article", "Actor", "Event", "Mention", "Settings", "__version__"]
