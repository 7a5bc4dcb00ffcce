/// The result of one company's work in a batch (P7).
public struct CompanyResult<Value: Sendable>: Sendable {
    public var companyID: String
    public var result: Result<Value, CompanyFailure>

    public init(companyID: String, result: Result<Value, CompanyFailure>) {
        self.companyID = companyID
        self.result = result
    }
}

extension CompanyResult: Equatable where Value: Equatable {}
extension CompanyResult: Hashable where Value: Hashable {}
