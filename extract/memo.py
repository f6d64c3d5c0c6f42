"""Remembering the table stages' pure text tests.

The table stages ask the same questions of the same texts many times: an entry's text so far at each of its lines,
a first and a second reading of every row under the document's habits, and plans that repeat their owners, dates
and whole cells. `remember` keeps the answers of a function of strings (and lists or tuples of strings) only; its
answer must depend on its arguments alone.
"""

from __future__ import annotations

import functools


def remember(maxsize: int = 8192):
    """Decorator: `fn`'s answers, remembered by argument (lists passed as tuples, so they can be keys; `fn` must
    only read them). Answers are shared: only for functions that return immutable values."""
    def wrap(fn):
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            for a in args:
                if type(a) is list:
                    args = tuple([tuple(x) if type(x) is list else x for x in args])
                    break
            return cached(*args, **kwargs)
        call.cache_info, call.cache_clear = cached.cache_info, cached.cache_clear
        return call
    return wrap
