-- 呼叫工作人员: calls for staff (kiosk id, window, times; nothing about the person). The
-- partial unique index keeps at most one open call per kiosk, across replicas.
CREATE TABLE assist_calls (
  id BIGSERIAL PRIMARY KEY,
  kiosk_id TEXT NOT NULL,
  assist_window TEXT NOT NULL,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE UNIQUE INDEX assist_calls_one_open ON assist_calls(kiosk_id) WHERE answered_at IS NULL;
