//! Review storage on SQLite: every SQL statement about reviews (the PostgreSQL ones are in
//! `store::pg`); [`super::Store`] calls these on a blocking thread.

use enforcement_kiosk::contract::{Rating, ReviewEvent, ReviewReceipt, ReviewState, ReviewStatus};
use enforcement_kiosk::domain::date::Date;
use enforcement_kiosk::domain::review::{self, StatsRow};
use rusqlite::{params, Connection, OptionalExtension};

/// 评价渠道 code for a hall self-service terminal (domain.md §2.3).
pub const CHANNEL_KIOSK: i64 = 5;

/// A validated review ready to store.
#[derive(Debug, Clone, Default)]
pub struct NewReview {
    pub rating: Rating,
    pub tags: Vec<String>,
    pub comment: String,
    pub phone: Option<String>,
    pub kiosk_id: Option<String>,
    pub case_no: Option<String>,
    pub window_id: Option<String>,
    pub service_id: Option<String>,
}

/// Clock values and settings for one submission.
#[derive(Debug, Clone)]
pub struct SubmitContext {
    pub today: Date,
    pub now: String,
    pub deadline_days: u32,
    pub check_code: String,
}

#[derive(Debug)]
pub enum SubmitOutcome {
    Created(ReviewReceipt),
    /// The key was seen before with the same body: the first receipt.
    Replayed(ReviewReceipt),
}

#[derive(Debug)]
pub enum SubmitError {
    /// The key was seen before with another body.
    Conflict,
    /// The case already has the maximum number of reviews.
    CaseLimit,
    Db(super::StoreError),
}

impl From<rusqlite::Error> for SubmitError {
    fn from(e: rusqlite::Error) -> Self {
        SubmitError::Db(e.into())
    }
}

impl From<super::StoreError> for SubmitError {
    fn from(e: super::StoreError) -> Self {
        SubmitError::Db(e)
    }
}

/// Stores a review with its first history event and the idempotency record in one
/// transaction (committed before this returns). Call with the single writer connection.
pub fn submit_review(
    conn: &mut Connection,
    key: &str,
    body_hash: &str,
    new: &NewReview,
    ctx: &SubmitContext,
) -> Result<SubmitOutcome, SubmitError> {
    let tx = conn.transaction()?;
    let seen: Option<(String, String)> = tx
        .prepare_cached("SELECT body_hash, receipt FROM idempotency WHERE key = ?1")?
        .query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((hash, receipt)) = seen {
        if hash != body_hash {
            return Err(SubmitError::Conflict);
        }
        return match serde_json::from_str(&receipt) {
            Ok(r) => Ok(SubmitOutcome::Replayed(r)),
            Err(e) => Err(SubmitError::Db(e.into())),
        };
    }
    if let Some(case_no) = &new.case_no {
        let n: i64 = tx
            .prepare_cached("SELECT COUNT(*) FROM reviews WHERE case_no = ?1")?
            .query_row(params![case_no], |r| r.get(0))?;
        if n >= i64::from(review::MAX_REVIEWS_PER_CASE) {
            return Err(SubmitError::CaseLimit);
        }
    }
    let day = ctx.today.to_string();
    let seq: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(day_seq), 0) + 1 FROM reviews WHERE created_day = ?1")?
        .query_row(params![day], |r| r.get(0))?;
    let review_no = review::review_no(ctx.today, seq.clamp(0, i64::from(u32::MAX)) as u32);
    let state = review::initial_state(new.rating);
    let due_by = new
        .rating
        .is_bad()
        .then(|| review::due_date(ctx.today, ctx.deadline_days).to_string());
    let tags = serde_json::to_string(&new.tags).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "INSERT INTO reviews (review_no, check_code, rating, tags, comment, phone, channel, kiosk_id,
           case_no, window_id, service_id, created_at, created_day, day_seq, state, due_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        review_no,
        ctx.check_code,
        new.rating.as_str(),
        tags,
        new.comment,
        new.phone,
        CHANNEL_KIOSK,
        new.kiosk_id,
        new.case_no,
        new.window_id,
        new.service_id,
        ctx.now,
        day,
        seq,
        state.as_str(),
        due_by,
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO review_events (review_id, seq, state, at, note) VALUES (?1, 1, ?2, ?3, ?4)",
    )?
    .execute(params![id, state.as_str(), ctx.now, ""])?;
    let receipt = ReviewReceipt {
        review_no,
        check_code: ctx.check_code.clone(),
        rating: new.rating,
        created_at: ctx.now.clone(),
        due_by,
        queued: false,
    };
    let receipt_json = serde_json::to_string(&receipt).unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO idempotency (key, body_hash, review_id, receipt) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![key, body_hash, id, receipt_json])?;
    tx.commit()?;
    Ok(SubmitOutcome::Created(receipt))
}

/// A stored review's status plus what a lookup must match against.
#[derive(Debug, Clone)]
pub struct StoredStatus {
    pub status: ReviewStatus,
    pub check_code: String,
    pub phone: Option<String>,
}

/// id, rating, state, due_by, check_code, phone
type StatusRow = (i64, String, String, Option<String>, String, Option<String>);

pub fn load_status(conn: &Connection, review_no: &str) -> rusqlite::Result<Option<StoredStatus>> {
    let row: Option<StatusRow> = conn
        .prepare_cached(
            "SELECT id, rating, state, due_by, check_code, phone FROM reviews WHERE review_no = ?1",
        )?
        .query_row(params![review_no], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let Some((id, rating, state, due_by, check_code, phone)) = row else {
        return Ok(None);
    };
    let history = load_history(conn, id)?;
    Ok(Some(StoredStatus {
        status: ReviewStatus {
            review_no: review_no.to_string(),
            rating: Rating::parse(&rating),
            state: ReviewState::parse(&state),
            history,
            due_by,
        },
        check_code,
        phone,
    }))
}

fn load_history(conn: &Connection, id: i64) -> rusqlite::Result<Vec<ReviewEvent>> {
    let mut st = conn.prepare_cached(
        "SELECT state, at, note FROM review_events WHERE review_id = ?1 ORDER BY seq",
    )?;
    let rows = st.query_map(params![id], |r| {
        Ok(ReviewEvent {
            state: ReviewState::parse(&r.get::<_, String>(0)?),
            at: r.get(1)?,
            note: r.get(2)?,
        })
    })?;
    rows.collect()
}

#[derive(Debug)]
pub enum AdvanceError {
    NotFound,
    Illegal { from: ReviewState, to: ReviewState },
    Db(super::StoreError),
}

impl From<rusqlite::Error> for AdvanceError {
    fn from(e: rusqlite::Error) -> Self {
        AdvanceError::Db(e.into())
    }
}

impl From<super::StoreError> for AdvanceError {
    fn from(e: super::StoreError) -> Self {
        AdvanceError::Db(e)
    }
}

/// Moves a review to `to` (when the workflow allows it) and appends a history event.
pub fn advance(
    conn: &mut Connection,
    review_no: &str,
    to: ReviewState,
    note: &str,
    at: &str,
) -> Result<ReviewStatus, AdvanceError> {
    let tx = conn.transaction()?;
    let row: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, state FROM reviews WHERE review_no = ?1")?
        .query_row(params![review_no], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((id, state)) = row else {
        return Err(AdvanceError::NotFound);
    };
    let from = ReviewState::parse(&state);
    if !review::can_transition(from, to) {
        return Err(AdvanceError::Illegal { from, to });
    }
    tx.prepare_cached("UPDATE reviews SET state = ?1 WHERE id = ?2")?
        .execute(params![to.as_str(), id])?;
    tx.prepare_cached(
        "INSERT INTO review_events (review_id, seq, state, at, note)
         VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM review_events WHERE review_id = ?1), ?2, ?3, ?4)",
    )?
    .execute(params![id, to.as_str(), at, note])?;
    tx.commit()?;
    match load_status(conn, review_no)? {
        Some(s) => Ok(s.status),
        None => Err(AdvanceError::NotFound),
    }
}

/// The newest reviews first.
pub fn list_reviews(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<ReviewStatus>> {
    let nos: Vec<String> = {
        let mut st =
            conn.prepare_cached("SELECT review_no FROM reviews ORDER BY id DESC LIMIT ?1")?;
        let rows = st.query_map(params![i64::from(limit)], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::with_capacity(nos.len());
    for no in nos {
        if let Some(s) = load_status(conn, &no)? {
            out.push(s.status);
        }
    }
    Ok(out)
}

/// Reviews created between `from` and `to` (inclusive, `YYYY-MM-DD`), either bound optional.
pub fn stats_rows(
    conn: &Connection,
    from: Option<Date>,
    to: Option<Date>,
) -> rusqlite::Result<Vec<StatsRow>> {
    let from = from
        .map(|d| d.to_string())
        .unwrap_or_else(|| "0000-00-00".into());
    let to = to
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-99-99".into());
    // handled_on: the China-time day of the first 已整改/已解释/已回访 event (`at` is RFC 3339
    // in UTC+8, so its first ten characters are that day).
    let mut st = conn.prepare_cached(
        "SELECT rating, state, window_id, service_id, created_day, due_by,
           (SELECT MIN(substr(e.at, 1, 10)) FROM review_events e
             WHERE e.review_id = reviews.id AND e.state IN ('rectified', 'explained', 'revisited')),
           kiosk_id = ?3
         FROM reviews WHERE created_day >= ?1 AND created_day <= ?2",
    )?;
    let rows = st.query_map(params![from, to, crate::seed::DEMO_HISTORY_KIOSK], |r| {
        Ok(StatsRow {
            rating: Rating::parse(&r.get::<_, String>(0)?),
            state: ReviewState::parse(&r.get::<_, String>(1)?),
            window_id: r.get(2)?,
            service_id: r.get(3)?,
            day: r.get(4)?,
            due_by: r.get(5)?,
            handled_on: r.get(6)?,
            demo: r.get::<_, Option<bool>>(7)?.unwrap_or(false),
        })
    })?;
    rows.collect()
}

pub fn count_reviews(conn: &Connection) -> rusqlite::Result<u32> {
    conn.prepare_cached("SELECT COUNT(*) FROM reviews")?
        .query_row([], |r| r.get::<_, i64>(0))
        .map(|n| n.clamp(0, i64::from(u32::MAX)) as u32)
}
