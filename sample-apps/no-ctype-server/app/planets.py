"""The planets table, read from data/planets.json when this module is first imported."""
import json
import os
import statistics

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "planets.json"), encoding="utf-8") as f:
    PLANETS = json.load(f)


def render():
    rows = "".join(
        f"<tr><td>{p['name']}</td><td>{p['moons']}</td><td>{p['au']}</td></tr>" for p in PLANETS
    )
    moons = [p["moons"] for p in PLANETS]
    return (
        "<html><body><h1>Planets</h1><table>" + rows + "</table>"
        f"<p>median moons: {statistics.median(moons)}; mean distance: {statistics.mean(p['au'] for p in PLANETS):.2f} AU</p>"
        "</body></html>\n"
    )
