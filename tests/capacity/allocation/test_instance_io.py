"""Instances as folders of CSV files: round trip, and errors that name file, row and column."""
import csv

import pytest

from puente.capacity.allocation import InstanceError, Rules, generate, read_instance, solve, write_instance


def rewrite(path, column, row_number, value):
    """Set `column` of data row `row_number` (1 = first row after the header) in a CSV file."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    if column not in header:
        header.append(column)
        for r in rows[1:]:
            r.append("")
    rows[row_number][header.index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


@pytest.fixture
def folder(tmp_path):
    problem = generate("tiny", 11, Rules(max_share=0.3, border_factor=2.0))
    write_instance(problem, tmp_path)
    return tmp_path


def test_round_trip_keeps_the_problem(tmp_path):
    problem = generate("small", 4, Rules(max_share=0.3, threat_weights={"fentanyl": 5.0}))
    write_instance(problem, tmp_path)
    again = read_instance(tmp_path)
    assert again.rules == problem.rules
    assert again.requests == problem.requests
    assert again.sessions == problem.sessions
    assert dict(again.programs) == dict(problem.programs)
    assert dict(again.agencies) == dict(problem.agencies)
    assert solve(again).allocations == solve(problem).allocations


def test_rules_argument_wins_over_rules_json(folder):
    assert read_instance(folder).rules.border_factor == 2.0
    assert read_instance(folder, Rules(border_factor=1.1)).rules.border_factor == 1.1


def test_submitted_at_decides_the_order(folder):
    path = folder / "requests.csv"
    rewrite(path, "submitted_at", 1, "2024-03-01T09:00:00")
    rewrite(path, "submitted_at", 2, "2024-01-15")
    problem = read_instance(folder)
    assert problem.requests[1].order == 0 and problem.requests[0].order == 1


@pytest.mark.parametrize(
    ("file", "column", "row", "value", "message"),
    [
        ("requests.csv", "seats", 3, "two", "must be a whole number"),
        ("requests.csv", "seats", 2, "0", "must be 1 or more"),
        ("requests.csv", "months", 1, "3;13", "month must be 1 to 12"),
        ("requests.csv", "months", 1, "March", "months must be whole numbers"),
        ("requests.csv", "agency_id", 4, "nobody", "unknown agency 'nobody'"),
        ("requests.csv", "program_id", 2, "P9999", "unknown program 'P9999'"),
        ("requests.csv", "request_id", 2, "R000001", "duplicate id"),
        ("requests.csv", "submitted_at", 2, "yesterday", "ISO 8601"),
        ("sessions.csv", "month", 2, "0", "must be 1 or more"),
        ("sessions.csv", "capacity", 1, "-3", "must be 0 or more"),
        ("sessions.csv", "program_id", 3, "", "required"),
        ("programs.csv", "threat_relevance", 1, "-2", "greater than 0"),
        ("programs.csv", "critical", 2, "maybe", "must be 1/0"),
        ("agencies.csv", "remote", 3, "2", "must be 1/0"),
    ],
)
def test_bad_rows_name_file_row_and_column(folder, file, column, row, value, message):
    rewrite(folder / file, column, row, value)
    with pytest.raises(InstanceError) as caught:
        read_instance(folder)
    error = caught.value
    assert (error.file, error.row, error.column) == (file, row + 1, column)
    assert message in str(error)
    assert str(error).startswith(f"{file}, row {row + 1}, column {column}: ")


def test_missing_column_and_missing_file(folder):
    path = folder / "sessions.csv"
    text = path.read_text(encoding="utf-8").replace("capacity", "seats", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstanceError, match=r"sessions.csv, row 1, column capacity: missing column"):
        read_instance(folder)
    (folder / "agencies.csv").unlink()
    with pytest.raises(InstanceError, match="agencies.csv: file not found"):
        read_instance(folder)


def test_bad_rules_json_names_the_rule(folder):
    (folder / "rules.json").write_text('{"max_share": 3}', encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        read_instance(folder)
    assert caught.value.file == "rules.json" and caught.value.column == "max_share"
