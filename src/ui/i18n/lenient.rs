//! Lenient-list messages.

crate::messages!(
    /// Lenient-enforcement list messages.
    L {
    Title => "包容免罚清单", "Lenient enforcement lists";
    ChooseDomain => "请选择领域", "Choose a field";
    Entries => "条", "entries";
});
