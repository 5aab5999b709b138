//! Certificate messages.

crate::messages!(
    /// E-certificate messages.
    C {
    Title => "电子证照查询与核验", "E-certificate lookup and verification";
});
