//! 好差评 messages.

crate::messages!(
    /// Review messages.
    R {
    Title => "政务服务好差评", "Rate our service";
});
