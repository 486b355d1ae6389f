"""Stock report. Imported only by the /report routes, on first use."""
import csv
import io
import statistics


def summary(items):
    prices = [i["price"] for i in items]
    by_category = {}
    for item in items:
        entry = by_category.setdefault(item["category"], {"items": 0, "units": 0, "value": 0.0})
        entry["items"] += 1
        entry["units"] += item["quantity"]
        entry["value"] = round(entry["value"] + item["price"] * item["quantity"], 2)
    return {
        "items": len(items),
        "units": sum(i["quantity"] for i in items),
        "stock_value": round(sum(i["price"] * i["quantity"] for i in items), 2),
        "price_mean": round(statistics.mean(prices), 2) if prices else None,
        "price_median": statistics.median(prices) if prices else None,
        "categories": by_category,
    }


def to_csv(items):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "category", "price", "quantity", "value"])
    for i in sorted(items, key=lambda i: i["id"]):
        writer.writerow([i["id"], i["name"], i["category"], f'{i["price"]:.2f}', i["quantity"],
                         f'{i["price"] * i["quantity"]:.2f}'])
    return out.getvalue()
