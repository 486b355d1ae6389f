"""Inventory: a small Flask JSON API.

/report imports its module (reports.py, which pulls in csv and statistics) inside the handler,
the first time it is called: nothing imports it at start-up.
"""
import os
import signal
import sys

from flask import Flask, abort, jsonify, request

from store import Store

app = Flask(__name__)
store = Store()


@app.get("/")
def index():
    return jsonify(
        service="inventory",
        version="1.4.0",
        endpoints=["/items", "/items/<id>", "/report", "/report.csv", "/healthz"],
    )


@app.get("/healthz")
def healthz():
    # Lets a check prove that the report module really is loaded lazily.
    return jsonify(status="ok", items=len(store), report_loaded="reports" in sys.modules)


@app.get("/items")
def list_items():
    category = request.args.get("category")
    items = store.all(category)
    return jsonify(count=len(items), items=items)


@app.get("/items/<int:item_id>")
def get_item(item_id):
    item = store.get(item_id)
    if item is None:
        abort(404)
    return jsonify(item)


@app.post("/items")
def add_item():
    data = request.get_json(silent=True) or {}
    try:
        item = store.add(data.get("name"), data.get("category"), data.get("price"), data.get("quantity", 0))
    except ValueError as error:
        return jsonify(error=str(error)), 400
    return jsonify(item), 201


@app.get("/report")
def report():
    import reports  # lazy: loaded on the first report only

    return jsonify(reports.summary(store.all()))


@app.get("/report.csv")
def report_csv():
    import reports

    return app.response_class(reports.to_csv(store.all()), mimetype="text/csv")


@app.errorhandler(404)
def not_found(_error):
    return jsonify(error="not found", path=request.path), 404


@app.errorhandler(500)
def internal_error(_error):
    return jsonify(error="internal error", path=request.path), 500


def _stop(_signum, _frame):
    sys.exit(0)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    app.run(host="0.0.0.0", port=int(os.environ.get("INVENTORY_PORT", "8080")))
