import BridgeValues

/// How a PSA marks a line as pay-as-you-go (P2).
///
/// - ConnectWise: an addition custom field, by default named `PAYG`, set to true.
/// - Autotask: a contract user-defined field, by default `Acronis PAYG`, set to Yes (the
///   integration creates the field when it is missing; a contract without a value is prepaid,
///   the Autotask guide's default).
///
/// Field names are matched ignoring case and surrounding spaces. A checkbox value counts when it
/// is true; a text value counts when, trimmed, it equals one of ``trueValues`` ignoring case
/// (so a ConnectWise text field holding "true" and an Autotask UDF holding "yes" both count).
/// Numbers, empty values and missing fields mean prepaid.
public struct PAYGMarker: Sendable, Hashable {
    /// The field's name.
    public var fieldName: String
    /// The text values that mean pay-as-you-go, lower-cased.
    public var trueValues: Set<String>

    /// A marker with this field name and these values meaning pay-as-you-go (matched ignoring case).
    public init(fieldName: String, trueValues: Set<String>) {
        self.fieldName = fieldName
        self.trueValues = Set(trueValues.map { Self.normalized($0) })
    }

    /// ConnectWise's default: addition custom field `PAYG`, true.
    public static let connectWiseDefault = PAYGMarker(fieldName: "PAYG", trueValues: ["true"])

    /// Autotask's default: contract UDF `Acronis PAYG`, Yes.
    public static let autotaskDefault = PAYGMarker(fieldName: "Acronis PAYG", trueValues: ["yes"])

    /// The default marker of `psa`.
    public static func `default`(for psa: PSAKind) -> PAYGMarker {
        switch psa {
        case .connectWise: connectWiseDefault
        case .autotask: autotaskDefault
        }
    }

    /// The billing the fields give: ``LineBilling/payAsYouGo`` when the marker field is set,
    /// else ``LineBilling/prepaid``.
    /// - Parameter fields: the line's (ConnectWise) or contract's (Autotask) fields by name.
    public func billing(fields: [String: CustomFieldValue]) -> LineBilling {
        let wanted = Self.normalized(fieldName)
        let value = fields.first { Self.normalized($0.key) == wanted }?.value
        switch value {
        case .bool(true):
            return .payAsYouGo
        case .text(let text) where trueValues.contains(Self.normalized(text)):
            return .payAsYouGo
        default:
            return .prepaid
        }
    }

    private static func normalized(_ text: String) -> String {
        TicketText.singleLine(text).lowercased()
    }
}
