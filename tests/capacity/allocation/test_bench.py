"""The allocation benchmark runs end to end and reports every figure (timings are not checked)."""
import json

from puente.bench.allocation import main, run


def test_run_reports_every_figure(capsys):
    report = run("small", None, as_json=False, repeat=1)
    text = capsys.readouterr().out
    for label in (
        "solve seconds", "objective as % of LP bound", "ratio", "critical-program service rate",
        "remote-region seat share", "peak memory (ru_maxrss", "share of seats by weight class",
    ):
        assert label in text
    assert report["gap_to_lp_bound"] <= 0.001
    assert report["weighted_ratio"] > 1.0
    assert set(report["shares_by_class"]) == {"critical", "border", "remote", "underserved", "none"}


def test_json_output_and_instance_folder(tmp_path, capsys):
    from puente.capacity.allocation import generate, write_instance

    write_instance(generate("tiny", 5), tmp_path)
    main({"scale": "fletc", "instance": str(tmp_path), "json": True, "repeat": 1, "seed": 2024})
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == f"instance {tmp_path}"
    assert report["size"]["requests"] == 60
