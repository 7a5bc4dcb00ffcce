/// The result of one company's work in a batch (P7).
public struct CompanyResult<Value: Sendable>: Sendable {
    /// The PSA company.
    public var companyID: String
    /// The company's value, or its failure.
    public var result: Result<Value, CompanyFailure>

    /// A `CompanyResult` from its parts.
    public init(companyID: String, result: Result<Value, CompanyFailure>) {
        self.companyID = companyID
        self.result = result
    }
}

extension CompanyResult: Equatable where Value: Equatable {}
extension CompanyResult: Hashable where Value: Hashable {}
