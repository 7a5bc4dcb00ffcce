/// What an offering item counts (Acronis `measurement_unit`), which decides how PSA quantities
/// become quotas (P2) and usage becomes PSA quantities (B3, B6).
///
/// Other units (compute points in `seconds`, `n/a` features) are not billed or quota'd by these
/// rules.
public enum OfferingItemUnit: String, Sendable, Hashable, CaseIterable {
    /// Whole things: devices, seats, mailboxes (`quantity`).
    case count = "quantity"
    /// Storage in bytes; PSA quantities are GB (see ``StorageBilling/bytesPerGigabyte``).
    case bytes
}
