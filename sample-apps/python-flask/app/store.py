"""In-memory inventory, seeded with a few items."""
import threading

_SEED = [
    ("espresso beans", "coffee", 14.5, 12),
    ("filter papers", "coffee", 3.25, 40),
    ("burr grinder", "equipment", 89.0, 3),
    ("milk jug", "equipment", 11.75, 8),
    ("green tea", "tea", 6.5, 20),
]


class Store:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = {}
        self._next_id = 1
        for name, category, price, quantity in _SEED:
            self.add(name, category, price, quantity)

    def __len__(self):
        return len(self._items)

    def all(self, category=None):
        with self._lock:
            items = [dict(i) for i in self._items.values()]
        if category:
            items = [i for i in items if i["category"] == category]
        return items

    def get(self, item_id):
        with self._lock:
            item = self._items.get(item_id)
            return dict(item) if item else None

    def add(self, name, category, price, quantity=0):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name is required")
        if not isinstance(category, str) or not category.strip():
            raise ValueError("category is required")
        if not isinstance(price, (int, float)) or isinstance(price, bool) or price < 0:
            raise ValueError("price must be a non-negative number")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
            raise ValueError("quantity must be a non-negative integer")
        with self._lock:
            item = {
                "id": self._next_id,
                "name": name.strip(),
                "category": category.strip(),
                "price": float(price),
                "quantity": quantity,
            }
            self._items[item["id"]] = item
            self._next_id += 1
            return dict(item)
