"""Parallel extraction gives the same records as one process, long files read in page ranges included."""

from actionplans.extract import batch
from conftest import CORPUS

LONG = CORPUS / "v3-hmpps-2022-hmp-wyvern-fields-long.pdf"
SHORT = CORPUS / "v3-hmpps-2021-hmp-ashcombe.pdf"


def test_a_long_file_read_in_ranges_by_two_workers_matches_one_process():
    assert batch.page_count(str(LONG)) > batch.SPLIT_PAGES  # so the range path really runs
    one = batch.run([str(LONG), str(SHORT)], workers=1, annotate=False, keep_documents=True)
    two = batch.run([str(LONG), str(SHORT)], workers=2, annotate=False, keep_documents=True)
    assert [o.status for o in two.outcomes] == ["loaded", "loaded"]
    assert [d.model_dump(mode="json") for d in two.documents] == [d.model_dump(mode="json") for d in one.documents]


def test_a_truncated_long_file_fails_cleanly_beside_a_good_one(tmp_path):
    data = LONG.read_bytes()
    bad = tmp_path / "long-truncated.pdf"
    bad.write_bytes(data[: len(data) // 2])  # the cross-reference table is gone
    run = batch.run([str(bad), str(SHORT)], workers=2, annotate=False)
    assert [(o.status, o.reason) for o in run.outcomes] == [("failed", "damaged PDF"), ("loaded", None)]
