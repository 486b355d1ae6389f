INSERT INTO customers (id, name, city) VALUES
  (1, 'Aiko', 'Tokyo'),
  (2, 'Bruno', 'São Paulo'),
  (3, 'Chitra', 'Kolkata'),
  (4, 'Dara', 'Dublin');

INSERT INTO orders (id, customer_id, placed_at, total) VALUES
  (101, 1, '2024-03-01 15:30:00+00', 120.50),
  (102, 1, '2024-03-02 23:10:00+00', 79.50),
  (103, 2, '2024-03-03 02:45:00+00', 42.00),
  (104, 3, '2024-03-03 18:00:00+00', 310.25);
