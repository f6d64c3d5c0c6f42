"""Imported by the batch runner's fork server (`batch._context`) when the run annotates: everything a worker loads
at start-up (`batch._warm`: the pipeline, dateparser's data, the word lists, the language model) is loaded once,
here, in the process every worker is forked from, so each worker starts warm instead of loading it all itself."""

from .batch import _warm

_warm(True)
