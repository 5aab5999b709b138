//! `kiosk-server export-db FILE` / `import-db FILE`: a hall's whole database as JSON Lines, to
//! move it from SQLite to PostgreSQL (or back). Line 1 is a header with the row count of every
//! table; then one `{"table": …, "row": {column: value}}` line per row, tables in [`TABLES`]
//! order. The import loads everything in one transaction into a database that holds no
//! reviews and no catalog versions yet, then compares the counts it finds with the header's.

use std::io::{BufRead, Write};

use serde_json::{Map, Value};

use super::{Store, StoreError, TABLES};

pub const FORMAT: &str = "enforcement-kiosk-db";

/// The columns each table travels with (PostgreSQL's set; SQLite orders certificates by rowid,
/// which travels as `ord`).
pub fn columns(table: &str) -> &'static [&'static str] {
    match table {
        "meta" => &["key", "value"],
        "certificates" => &[
            "identifier",
            "ord",
            "number",
            "holder_code",
            "state",
            "valid_to",
            "record",
        ],
        "services" | "windows" => &["id", "ord", "record"],
        "hall_items" => &["kind", "records", "imported_at", "source_file"],
        "cases" => &["case_no", "service_id", "window_id", "accepted", "status"],
        "catalog_versions" => &[
            "version",
            "created_at",
            "actor",
            "source_file",
            "source_sha256",
            "source_number",
            "replaces",
            "imported",
            "entries",
        ],
        "reviews" => &[
            "id",
            "review_no",
            "check_code",
            "rating",
            "tags",
            "comment",
            "phone",
            "channel",
            "kiosk_id",
            "case_no",
            "window_id",
            "service_id",
            "created_at",
            "created_day",
            "day_seq",
            "state",
            "due_by",
        ],
        "review_events" => &["review_id", "seq", "state", "at", "note"],
        "idempotency" => &["key", "body_hash", "review_id", "receipt"],
        "assist_calls" => &[
            "id",
            "kiosk_id",
            "assist_window",
            "created_at",
            "answered_at",
        ],
        _ => &[],
    }
}

/// The row count per table, as the header and the check print it.
pub type Counts = Vec<(String, i64)>;

/// Rows as column → value, per table.
pub type Tables = Vec<(String, Vec<Map<String, Value>>)>;

fn io(e: std::io::Error) -> StoreError {
    StoreError::Config(format!("dump file: {e}"))
}

/// Writes every table of `store` to `out`; the counts written.
pub async fn export(store: &Store, out: &mut impl Write) -> Result<Counts, StoreError> {
    let mut tables: Vec<(String, Vec<Map<String, Value>>)> = Vec::new();
    for t in TABLES {
        tables.push((t.to_string(), read_table(store, t).await?));
    }
    let counts: Counts = tables
        .iter()
        .map(|(t, rows)| (t.clone(), rows.len() as i64))
        .collect();
    let header = serde_json::json!({
        "format": FORMAT,
        "version": 1,
        "source": store.kind(),
        "counts": counts.iter().map(|(t, n)| (t.clone(), Value::from(*n))).collect::<Map<_, _>>(),
    });
    writeln!(out, "{header}").map_err(io)?;
    for (t, rows) in tables {
        for row in rows {
            let line = serde_json::json!({"table": t, "row": row});
            writeln!(out, "{line}").map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    Ok(counts)
}

async fn read_table(
    store: &Store,
    table: &'static str,
) -> Result<Vec<Map<String, Value>>, StoreError> {
    let cols = columns(table);
    match store {
        Store::Sqlite(db) => {
            let db = db.clone();
            tokio::task::spawn_blocking(move || {
                db.read(|c| -> Result<_, StoreError> {
                    let (select, order) = if table == "certificates" {
                        let others: Vec<&str> =
                            cols.iter().copied().filter(|c| *c != "ord").collect();
                        (others.join(", "), "rowid")
                    } else {
                        (cols.join(", "), "rowid")
                    };
                    let mut st =
                        c.prepare(&format!("SELECT {select} FROM {table} ORDER BY {order}"))?;
                    let names: Vec<String> =
                        st.column_names().iter().map(|s| s.to_string()).collect();
                    let mut rows = st.query([])?;
                    let mut out = Vec::new();
                    while let Some(r) = rows.next()? {
                        let mut m = Map::new();
                        for (i, n) in names.iter().enumerate() {
                            use rusqlite::types::ValueRef;
                            let v = match r.get_ref(i)? {
                                ValueRef::Null => Value::Null,
                                ValueRef::Integer(n) => Value::from(n),
                                ValueRef::Real(f) => Value::from(f),
                                ValueRef::Text(t) => {
                                    Value::from(String::from_utf8_lossy(t).into_owned())
                                }
                                ValueRef::Blob(_) => Value::Null,
                            };
                            m.insert(n.clone(), v);
                        }
                        if table == "certificates" {
                            m.insert("ord".into(), Value::from(out.len() as i64));
                        }
                        out.push(m);
                    }
                    Ok(out)
                })
            })
            .await
            .map_err(|e| StoreError::Config(format!("export task: {e}")))?
        }
        Store::Postgres(p) => {
            let c = p.raw_client().await?;
            let order = match table {
                "certificates" | "services" | "windows" => "ord",
                "reviews" | "assist_calls" => "id",
                "catalog_versions" => "version",
                "review_events" => "review_id, seq",
                _ => "1",
            };
            let rows = c
                .query(
                    &format!(
                        "SELECT row_to_json(x)::text FROM (SELECT {} FROM {table} ORDER BY {order}) x",
                        cols.join(", ")
                    ),
                    &[],
                )
                .await?;
            rows.iter()
                .map(|r| match serde_json::from_str(r.get::<_, &str>(0))? {
                    Value::Object(m) => Ok(m),
                    _ => Err(StoreError::Config("row is not an object".into())),
                })
                .collect()
        }
    }
}

/// Reads a dump: its header counts and the rows per table.
pub fn read(input: impl BufRead) -> Result<(Counts, Tables), StoreError> {
    let mut lines = input.lines();
    let header: Value = match lines.next() {
        Some(l) => serde_json::from_str(&l.map_err(io)?)?,
        None => return Err(StoreError::Config("empty dump file".into())),
    };
    if header["format"] != FORMAT {
        return Err(StoreError::Config(format!(
            "not a {FORMAT} dump (written by `kiosk-server export-db`)"
        )));
    }
    let counts: Counts = TABLES
        .iter()
        .map(|t| (t.to_string(), header["counts"][*t].as_i64().unwrap_or(0)))
        .collect();
    let mut tables: Tables = TABLES.iter().map(|t| (t.to_string(), Vec::new())).collect();
    for line in lines {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        let t = v["table"].as_str().unwrap_or("");
        let Some(slot) = tables.iter_mut().find(|(n, _)| n == t) else {
            return Err(StoreError::Config(format!(
                "unknown table {t:?} in the dump"
            )));
        };
        match v.get("row") {
            Some(Value::Object(m)) => slot.1.push(m.clone()),
            _ => return Err(StoreError::Config("a line without a row".into())),
        }
    }
    Ok((counts, tables))
}

/// Loads a dump into `store` (which must hold no reviews and no catalog versions: a fresh
/// database), replacing its reference data, in one transaction; returns the header's counts
/// and the counts found afterwards.
pub async fn import(store: &Store, input: impl BufRead) -> Result<(Counts, Counts), StoreError> {
    let (expected, tables) = read(input)?;
    let before = store.table_counts().await?;
    let busy = before
        .iter()
        .any(|(t, n)| (t == "reviews" || t == "catalog_versions") && *n > 0);
    if busy {
        return Err(StoreError::Config(
            "the target database already holds reviews or catalog versions; import into a fresh one".into(),
        ));
    }
    match store {
        Store::Sqlite(db) => {
            let db = db.clone();
            tokio::task::spawn_blocking(move || {
                db.write(|c| -> Result<(), StoreError> {
                    let tx = c.transaction()?;
                    for t in TABLES.iter().rev() {
                        tx.execute(&format!("DELETE FROM {t}"), [])?;
                    }
                    for (t, rows) in &tables {
                        let cols: Vec<&str> = columns(t)
                            .iter()
                            .copied()
                            .filter(|c| !(t == "certificates" && *c == "ord"))
                            .collect();
                        let marks: Vec<String> =
                            (1..=cols.len()).map(|i| format!("?{i}")).collect();
                        let mut st = tx.prepare(&format!(
                            "INSERT INTO {t} ({}) VALUES ({})",
                            cols.join(", "),
                            marks.join(", ")
                        ))?;
                        let mut rows = rows.clone();
                        if t == "certificates" {
                            rows.sort_by_key(|r| r.get("ord").and_then(Value::as_i64).unwrap_or(0));
                        }
                        for r in &rows {
                            let vals: Vec<rusqlite::types::Value> = cols
                                .iter()
                                .map(|c| match r.get(*c) {
                                    Some(Value::String(s)) => {
                                        rusqlite::types::Value::Text(s.clone())
                                    }
                                    Some(Value::Number(n)) => match n.as_i64() {
                                        Some(i) => rusqlite::types::Value::Integer(i),
                                        None => {
                                            rusqlite::types::Value::Real(n.as_f64().unwrap_or(0.0))
                                        }
                                    },
                                    Some(Value::Bool(b)) => {
                                        rusqlite::types::Value::Integer(i64::from(*b))
                                    }
                                    _ => rusqlite::types::Value::Null,
                                })
                                .collect();
                            st.execute(rusqlite::params_from_iter(vals))?;
                        }
                    }
                    tx.commit()?;
                    Ok(())
                })
            })
            .await
            .map_err(|e| StoreError::Config(format!("import task: {e}")))??;
        }
        Store::Postgres(p) => {
            let mut c = p.raw_client().await?;
            let tx = c.transaction().await?;
            tx.batch_execute(&format!(
                "TRUNCATE {}, review_days, review_number_claims, case_reviews",
                TABLES.join(", ")
            ))
            .await?;
            for (t, rows) in &tables {
                for chunk in rows.chunks(500) {
                    let json = Value::Array(chunk.iter().cloned().map(Value::Object).collect())
                        .to_string();
                    tx.execute(
                        &format!(
                            "INSERT INTO {t} ({cols}) SELECT {cols} FROM json_populate_recordset(NULL::{t}, $1::text::json)",
                            cols = columns(t).join(", ")
                        ),
                        &[&json],
                    )
                    .await?;
                }
            }
            // What the database itself keeps for the rules: the sequences after the imported
            // ids, each day's last number, each case's count.
            tx.batch_execute(
                "SELECT setval(pg_get_serial_sequence('reviews', 'id'), COALESCE((SELECT MAX(id) FROM reviews), 0) + 1, false);
                 SELECT setval(pg_get_serial_sequence('catalog_versions', 'version'), COALESCE((SELECT MAX(version) FROM catalog_versions), 0) + 1, false);
                 SELECT setval(pg_get_serial_sequence('assist_calls', 'id'), COALESCE((SELECT MAX(id) FROM assist_calls), 0) + 1, false);
                 INSERT INTO review_days (day, last_seq) SELECT created_day, MAX(day_seq) FROM reviews GROUP BY created_day;
                 INSERT INTO case_reviews (case_no, n) SELECT case_no, COUNT(*) FROM reviews WHERE case_no IS NOT NULL GROUP BY case_no;",
            )
            .await?;
            tx.commit().await?;
        }
    }
    let after = store.table_counts().await?;
    Ok((expected, after))
}

/// The count check as printed: one line per table, `ok` or `MISMATCH`.
pub fn check_lines(expected: &Counts, found: &Counts) -> (Vec<String>, bool) {
    let mut all_ok = true;
    let mut lines = vec![format!("{:<18} {:>10} {:>10}", "table", "dump", "database")];
    for (t, n) in expected {
        let got = found
            .iter()
            .find(|(f, _)| f == t)
            .map(|(_, g)| *g)
            .unwrap_or(-1);
        let ok = got == *n;
        all_ok &= ok;
        lines.push(format!(
            "{t:<18} {n:>10} {got:>10}  {}",
            if ok { "ok" } else { "MISMATCH" }
        ));
    }
    (lines, all_ok)
}
