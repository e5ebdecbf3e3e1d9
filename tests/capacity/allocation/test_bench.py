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


def test_ratio_target_is_judged_on_the_median_of_several_instances(capsys):
    report = run("small", None, as_json=False, repeat=1, seed=7, seeds=3)
    ratios = report["ratio_by_seed"]
    assert list(ratios) == [7, 8, 9]
    assert ratios[7] == report["weighted_ratio"]
    assert len(set(ratios.values())) == 3, "each seed is its own instance"
    assert report["weighted_ratio_median"] == sorted(ratios.values())[1]
    assert report["targets"]["weighted ratio >= 1.20 (median of the instances)"] == (sorted(ratios.values())[1] >= 1.20)
    assert "ratio over 3 instances (seeds 7–9): median" in capsys.readouterr().out


def test_json_output_and_instance_folder(tmp_path, capsys):
    from puente.capacity.allocation import generate, write_instance

    write_instance(generate("tiny", 5), tmp_path)
    main({"scale": "fletc", "instance": str(tmp_path), "json": True, "repeat": 1, "seed": 2024, "seeds": 5})
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == f"instance {tmp_path}"
    assert report["size"]["requests"] == 60
    assert len(report["ratio_by_seed"]) == 1, "a folder is one instance whatever --seeds says"
