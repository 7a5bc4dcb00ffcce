import Foundation

extension AcronisUsageReportRow {
    /// The columns every `csv_v2_0` usage report has (acronis-api.md 9.3): the tenant, the
    /// offering item and the nine figures. Others (`tenant.kind`, `usage_name`, `infra.id`, …)
    /// are read when present.
    public static let requiredColumns: [String] =
        ["tenant.id", "name"]
        + ["absolute", "delta", "effective"].flatMap { measure in
            ["production", "trial", "total"].map { "usage.\(measure).\($0)" }
        }

    /// The rows of a `csv_v2_0` usage report (the gunzipped download).
    ///
    /// Strict, as a billing source must be: a CSV that does not parse, a missing required
    /// column, a row with more or fewer fields than the header, an empty tenant id or item name,
    /// or a figure that is not a plain decimal number is an ``APIError`` of kind
    /// `invalidResponse`, naming the line and column.
    /// - Parameters:
    ///   - csv: the report's bytes (UTF-8).
    ///   - method: the request the bytes came with, for the error.
    ///   - path: the request's path, for the error.
    public static func rows(csv: Data, method: String = "GET", path: String = "") throws(APIError) -> [AcronisUsageReportRow] {
        func invalid(_ field: String, _ message: String) -> APIError {
            APIError(service: .acronis, kind: .invalidResponse(field: field), method: method, path: path, messages: [message])
        }
        let records: [CSVRecord]
        do {
            records = try CSVRecord.records(in: csv)
        } catch {
            throw invalid("line \(Self.line(of: error))", "the usage report is not valid CSV: \(error)")
        }
        guard let header = records.first else { throw invalid("<header>", "the usage report is empty: no header line") }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let column = name.trimmingCharacters(in: .whitespaces)
            if index[column] == nil { index[column] = position }
        }
        if let missing = requiredColumns.first(where: { index[$0] == nil }) {
            throw invalid(missing, "the usage report's header has no column '\(missing)' (csv_v2_0 has it)")
        }
        var rows: [AcronisUsageReportRow] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw invalid(
                    "line \(record.line)",
                    "the row has \(record.fields.count) fields, the header \(header.fields.count)")
            }
            func text(_ column: String) -> String? {
                index[column].map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            }
            func required(_ column: String) throws(APIError) -> String {
                guard let value = text(column) else {
                    throw invalid("line \(record.line): \(column)", "the row has no value in column '\(column)'")
                }
                return value
            }
            func number(_ column: String) throws(APIError) -> Decimal {
                let value = try required(column)
                guard let decimal = Self.decimal(value) else {
                    throw invalid("line \(record.line): \(column)", "'\(value.prefix(40))' is not a number")
                }
                return decimal
            }
            func figures(_ measure: String) throws(APIError) -> AcronisUsageFigures {
                AcronisUsageFigures(
                    production: try number("usage.\(measure).production"), trial: try number("usage.\(measure).trial"),
                    total: try number("usage.\(measure).total"))
            }
            rows.append(
                AcronisUsageReportRow(
                    tenantID: try required("tenant.id"), tenantKind: text("tenant.kind"), name: try required("name"),
                    usageName: text("usage_name"), applicationID: text("application.id"), edition: text("edition"),
                    infraID: text("infra.id"), measurementUnit: text("measurement_unit"), absolute: try figures("absolute"),
                    delta: try figures("delta"), effective: try figures("effective")))
        }
        return rows
    }

    /// A plain decimal number (`-12`, `3.25`, `1e9`, `4.5E-3`) as the exact decimal it is
    /// written as; nil for anything else (`NaN`, `1,5`, `12abc`, an empty text).
    static func decimal(_ text: String) -> Decimal? {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        var count = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            count += digits()
        }
        guard count > 0 else { return nil }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty else { return nil }
        return Decimal(string: text)
    }

    private static func line(of error: CSVError) -> Int {
        switch error {
        case .unterminatedQuote(let line), .unexpectedQuote(let line), .textAfterClosingQuote(let line): return line
        }
    }
}
