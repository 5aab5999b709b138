//! 呼叫工作人员 (issue 12, item 5): a kiosk calls staff; staff see the open calls and mark them
//! answered. A call holds the kiosk id, the window the person is sent to and the times:
//! nothing about the person.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `POST /assist`: the kiosk (its id travels in `X-Kiosk-Id`) asks for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistRequest {
    /// The window the kiosk sends the person to (its `assist_window`); may be empty.
    #[serde(default)]
    pub window: String,
}

/// One call for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistCall {
    pub id: u64,
    pub kiosk_id: String,
    #[serde(default)]
    pub window: String,
    /// RFC 3339, China time.
    pub created_at: String,
    /// When staff marked it answered; absent while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
}
