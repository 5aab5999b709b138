-- The reference server's schema (the one it created before migrations were versioned; every
-- statement is IF NOT EXISTS so a database from then takes this version as it is).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS certificates (
  identifier TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  holder_code TEXT NOT NULL,
  state TEXT NOT NULL,
  valid_to TEXT,
  record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS services (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS windows (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hall_items (
  kind TEXT PRIMARY KEY,
  records TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  source_file TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
  case_no TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  accepted TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
  id INTEGER PRIMARY KEY,
  review_no TEXT NOT NULL UNIQUE,
  check_code TEXT NOT NULL,
  rating TEXT NOT NULL,
  tags TEXT NOT NULL,
  comment TEXT NOT NULL,
  phone TEXT,
  channel INTEGER NOT NULL,
  kiosk_id TEXT,
  case_no TEXT,
  window_id TEXT,
  service_id TEXT,
  created_at TEXT NOT NULL,
  created_day TEXT NOT NULL,
  day_seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  due_by TEXT
);
CREATE INDEX IF NOT EXISTS reviews_day ON reviews(created_day, day_seq);
CREATE INDEX IF NOT EXISTS reviews_case ON reviews(case_no);
CREATE TABLE IF NOT EXISTS review_events (
  review_id INTEGER NOT NULL REFERENCES reviews(id),
  seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (review_id, seq)
);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  review_id INTEGER NOT NULL REFERENCES reviews(id),
  receipt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS catalog_versions (
  version INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  source_number TEXT NOT NULL,
  replaces TEXT NOT NULL,
  imported INTEGER NOT NULL,
  entries TEXT NOT NULL
);
