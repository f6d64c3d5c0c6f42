"""Imported by the batch runner's fork server (`batch._context`) when the run annotates: everything a worker loads
at start-up (`batch._warm`: the pipeline, dateparser's data, the word lists, the language model) is loaded once,
here, in the process every worker is forked from, so each worker starts warm instead of loading it all itself; and
what preparing texts for the recurring links loads (`batch._warm_forms`), which the workers do for the writer."""

from .batch import _warm, _warm_forms

_warm(True)
_warm_forms()
