-- The reference server's schema on PostgreSQL: the SQLite tables, plus the rows that make the
-- database (not a process) enforce the rules across replicas: a counter row per day (gapless
-- review numbers), a counter row per case (at most two reviews), and the shared rate limits.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE certificates (
  identifier TEXT PRIMARY KEY,
  ord INTEGER NOT NULL,
  number TEXT NOT NULL,
  holder_code TEXT NOT NULL,
  state TEXT NOT NULL,
  valid_to TEXT,
  record TEXT NOT NULL
);
CREATE TABLE services (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE windows (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE hall_items (
  kind TEXT PRIMARY KEY,
  records TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  source_file TEXT NOT NULL
);
CREATE TABLE cases (
  case_no TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  accepted TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE TABLE reviews (
  id BIGSERIAL PRIMARY KEY,
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
  due_by TEXT,
  UNIQUE (created_day, day_seq)
);
CREATE INDEX reviews_case ON reviews(case_no);
CREATE TABLE review_events (
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (review_id, seq)
);
CREATE TABLE idempotency (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  receipt TEXT NOT NULL
);
-- The last review number given out each day (ek_take_number).
CREATE TABLE review_days (day TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
-- Numbers given out and not yet used by a committed review. The review's transaction deletes
-- its claim, or gives the number back (claimed_at = -infinity) when it stores nothing (a
-- replay, a conflict, the case limit); a claim older than 30 s belongs to a request that died
-- (a killed replica): the next review reuses it. So numbers are gapless once requests settle.
CREATE TABLE review_number_claims (
  day TEXT NOT NULL,
  seq INTEGER NOT NULL,
  claimed_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (day, seq)
);
-- Reviews per case: the row lock serialises the "at most two" check across replicas.
CREATE TABLE case_reviews (case_no TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE catalog_versions (
  version SERIAL PRIMARY KEY,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  source_number TEXT NOT NULL,
  replaces TEXT NOT NULL,
  imported INTEGER NOT NULL,
  entries TEXT NOT NULL
);
-- Token buckets shared by every replica (certificate and review look-ups). UNLOGGED: no WAL,
-- emptied by a crash of PostgreSQL, which only refills every bucket.
-- `ok`: whether the last request on the bucket got its token.
CREATE UNLOGGED TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  cap DOUBLE PRECISION NOT NULL,
  ok BOOLEAN NOT NULL,
  at TIMESTAMPTZ NOT NULL
);

-- The next review number of a day, in a transaction of its own that commits without waiting
-- for the disk (synchronous_commit off: the WAL is flushed by the review's own synchronous
-- commit, which comes later in the log, so an acknowledged review's number is never lost). The
-- day's counter row is thus locked for microseconds, not for a disk flush: reviews commit in
-- parallel (group commit) instead of one flush after another. A number given back or left by a
-- dead request is taken first.
CREATE FUNCTION ek_take_number(p_day TEXT, OUT seq INTEGER)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  UPDATE review_number_claims c SET claimed_at = clock_timestamp()
    WHERE (c.day, c.seq) = (
      SELECT x.day, x.seq FROM review_number_claims x
      WHERE x.day = p_day AND x.claimed_at < clock_timestamp() - interval '30 seconds'
      ORDER BY x.seq LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING c.seq INTO seq;
  IF seq IS NOT NULL THEN
    RETURN;
  END IF;
  INSERT INTO review_days AS d (day, last_seq) VALUES (p_day, 1)
    ON CONFLICT (day) DO UPDATE SET last_seq = d.last_seq + 1
    RETURNING d.last_seq INTO seq;
  INSERT INTO review_number_claims (day, seq, claimed_at) VALUES (p_day, seq, clock_timestamp());
END;
$$;

-- One review in one round trip, with a number from ek_take_number: claim the Idempotency-Key
-- (a transaction lock on its hash; a concurrent request with the same key waits until this
-- commits, then sees it; the primary key stays the guarantee), count the case, store the
-- review, its first event and the key's receipt, and settle the number's claim.
-- outcome: 'created' | 'replayed' (receipt = the stored one) | 'conflict' | 'case_limit'.
CREATE FUNCTION ek_submit_review(
  p_key TEXT, p_hash TEXT, p_day TEXT, p_no_prefix TEXT, p_check_code TEXT, p_rating TEXT,
  p_tags TEXT, p_comment TEXT, p_phone TEXT, p_channel INTEGER, p_kiosk TEXT, p_case TEXT,
  p_window TEXT, p_service TEXT, p_now TEXT, p_state TEXT, p_due_by TEXT, p_max_per_case INTEGER,
  p_receipt_head TEXT, p_receipt_tail TEXT, p_seq INTEGER,
  OUT outcome TEXT, OUT receipt TEXT, OUT review_no TEXT)
LANGUAGE plpgsql AS $$
DECLARE
  v_id BIGINT;
  v_hash TEXT;
  v_n INTEGER;
BEGIN
  -- The key first: a second request with it waits here until the first commits, then sees
  -- its row (each statement of a READ COMMITTED transaction reads what is committed).
  PERFORM pg_advisory_xact_lock(hashtext('ek_idem:' || p_key));
  SELECT i.body_hash, i.receipt INTO v_hash, receipt FROM idempotency i WHERE i.key = p_key;
  IF FOUND THEN
    outcome := CASE WHEN v_hash = p_hash THEN 'replayed' ELSE 'conflict' END;
  ELSIF p_case IS NOT NULL THEN
    INSERT INTO case_reviews AS c (case_no, n) VALUES (p_case, 1)
      ON CONFLICT (case_no) DO UPDATE SET n = c.n + 1 WHERE c.n < p_max_per_case
      RETURNING c.n INTO v_n;
    IF v_n IS NULL THEN
      outcome := 'case_limit';
    END IF;
  END IF;
  IF outcome IS NOT NULL THEN
    -- Nothing stored: the number goes back for the next review.
    UPDATE review_number_claims SET claimed_at = '-infinity' WHERE day = p_day AND seq = p_seq;
    RETURN;
  END IF;
  review_no := p_no_prefix || CASE WHEN p_seq < 1000000 THEN lpad(p_seq::text, 6, '0') ELSE p_seq::text END;
  INSERT INTO reviews (review_no, check_code, rating, tags, comment, phone, channel, kiosk_id,
      case_no, window_id, service_id, created_at, created_day, day_seq, state, due_by)
    VALUES (review_no, p_check_code, p_rating, p_tags, p_comment, p_phone, p_channel, p_kiosk,
      p_case, p_window, p_service, p_now, p_day, p_seq, p_state, p_due_by)
    RETURNING id INTO v_id;
  INSERT INTO review_events (review_id, seq, state, at, note) VALUES (v_id, 1, p_state, p_now, '');
  receipt := p_receipt_head || to_json(review_no)::text || p_receipt_tail;
  INSERT INTO idempotency (key, body_hash, review_id, receipt) VALUES (p_key, p_hash, v_id, receipt);
  DELETE FROM review_number_claims WHERE day = p_day AND seq = p_seq;
  outcome := 'created';
END;
$$;
