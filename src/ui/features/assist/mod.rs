//! 呼叫工作人员 (issue 12, item 5): a button that records a call for staff on the server and
//! shows a full-screen notice with the kiosk id and the window to go to. No routes of its own:
//! the shell mounts [`AssistButton`] among its controls; staff answer calls on the admin screen.

pub mod context;
pub mod messages;
pub mod widgets;

pub use widgets::assist_button::AssistButton;
pub use widgets::assist_notice::AssistNotice;
