import Foundation

/// One row of a `csv_v2_0` usage report (acronis-api.md 9.3): a tenant's usage of one offering
/// item (on one storage, for infra items) over the report's period.
///
/// - ``absolute``: the value at the end of the period (as of 23:59:59 UTC of the end date).
/// - ``delta``: the difference between the start and the end of the period.
/// - ``effective``: the figure to bill, delta for cumulative items (compute points) and
///   absolute otherwise (how the WHMCS parser bills; the sandbox writes it so, inferred).
///
/// Values are in the item's measurement unit (items, bytes, seconds), as the live usages are.
public struct AcronisUsageReportRow: Sendable, Hashable {
    public var tenantID: String
    public var tenantKind: String?
    /// The offering item name (with its edition prefix).
    public var name: String
    /// The usage name without prefix, when the report has the column.
    public var usageName: String?
    public var applicationID: String?
    public var edition: String?
    /// The storage, for infra items.
    public var infraID: String?
    public var measurementUnit: String?
    public var absolute: AcronisUsageFigures
    public var delta: AcronisUsageFigures
    public var effective: AcronisUsageFigures

    public init(
        tenantID: String, tenantKind: String? = nil, name: String, usageName: String? = nil, applicationID: String? = nil,
        edition: String? = nil, infraID: String? = nil, measurementUnit: String? = nil, absolute: AcronisUsageFigures,
        delta: AcronisUsageFigures, effective: AcronisUsageFigures
    ) {
        self.tenantID = tenantID
        self.tenantKind = tenantKind
        self.name = name
        self.usageName = usageName
        self.applicationID = applicationID
        self.edition = edition
        self.infraID = infraID
        self.measurementUnit = measurementUnit
        self.absolute = absolute
        self.delta = delta
        self.effective = effective
    }
}
