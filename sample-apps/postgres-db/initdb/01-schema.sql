CREATE TABLE customers (
  id      integer PRIMARY KEY,
  name    text NOT NULL,
  city    text NOT NULL
);

CREATE TABLE orders (
  id          integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  placed_at   timestamptz NOT NULL,
  total       numeric(10, 2) NOT NULL CHECK (total >= 0)
);

CREATE INDEX orders_by_customer ON orders (customer_id);

CREATE VIEW customer_totals AS
  SELECT c.name, count(o.id) AS orders, coalesce(sum(o.total), 0) AS spent
  FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
  GROUP BY c.name;
