"""The nomination benchmark runs end to end and reports every figure (timings are not checked)."""
import json

from puente.bench.nominations import main, run


def test_run_reports_every_figure(capsys):
    report = run(3_000, as_json=False, repeat=1)
    text = capsys.readouterr().out
    for label in ("solve seconds (median of 1)", "value as % of LP bound", "assigned:", "conflicts after repair: 0",
                  "peak memory (ru_maxrss", "target solve <= 10 s: met"):
        assert label in text
    assert report["conflicts_after_repair"] == 0
    assert report["percent_of_lp_bound"] >= 99.5
    assert report["size"]["candidates"] == 3_000
    assert all(report["targets"].values())


def test_json_output(capsys):
    assert main({"n": 1500, "json": True, "repeat": 1, "seed": 3}) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == "synthetic, 1,500 candidates, seed 3"
    assert report["assigned"] > 0
