/// The value of a PSA custom field (ConnectWise `customFields[].value`) or user-defined field
/// (Autotask `userDefinedFields[].value`), as read from the wire.
public enum CustomFieldValue: Sendable, Hashable {
    /// A checkbox (ConnectWise custom fields of type Checkbox).
    case bool(Bool)
    /// Text, including picklist labels (Autotask UDF values are text).
    case text(String)
    /// A number.
    case number(Double)
    /// No value.
    case empty
}
