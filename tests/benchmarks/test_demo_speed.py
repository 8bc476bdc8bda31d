"""Writing the 11,000-firm demo database (the issue asks for well under a minute)."""

from db import audit, demo


def test_demo_11000_firms(benchmark, tmp_path):
    counter = iter(range(100))

    def make():
        path = tmp_path / f"demo-{next(counter)}.sqlite"
        return path, demo.generate(path, firms=11_000)

    path, report = benchmark.pedantic(make, rounds=2, iterations=1)
    assert report.firms == 11_000
    assert audit.verify(path).ok
