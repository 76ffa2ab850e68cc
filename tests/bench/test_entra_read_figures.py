"""`make bench` prints what the live Entra directory read costs, measured under the mocks."""

from __future__ import annotations

from tools.bench import entra_reads
from tools.bench.figures import Report


def test_the_entra_read_figures_show_paged_reads_far_below_the_data_source_model() -> None:
    lines: list[str] = []
    report = Report(show=lines.append)
    entra_reads.measure(2_010, report)
    # 4 groups of 500: 4 member pages, 10 direct users read once each, 4 group-name
    # lookups and 10 UPNs resolved by the provider.
    assert report.value("entra_read_graph_requests_2010") == 28
    assert report.value("entra_read_data_source_model_2010") == 4 * 8 + 2_010 * 3
    assert lines == [
        "entra_read_graph_requests_2010: 28 requests",
        "entra_read_data_source_model_2010: 6062 requests",
    ]
