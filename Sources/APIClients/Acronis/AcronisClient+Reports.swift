import Foundation
import Logging

/// Usage reports (acronis-api.md 9.3): the billing-grade source of a past period's usage.
extension AcronisClient {
    /// Creates a report (`POST /api/2/reports` → `201`). Not resent once it may have reached the
    /// server: a report made twice is only a spare one, but it would be left behind.
    public func createReport(_ report: AcronisReportCreate) async throws -> AcronisReport {
        try await sendJSON(
            "POST", "\(Self.accountPath)/reports", body: report, idempotency: .notIdempotent, returning: AcronisReport.self)
    }

    /// A report's generated files and their status (`GET /api/2/reports/{id}/stored` → `items`).
    public func storedReports(reportID: String) async throws -> [AcronisStoredReport] {
        try await get(AcronisItems<AcronisStoredReport>.self, "\(Self.accountPath)/reports/\(Self.segment(reportID))/stored")
            .items
    }

    /// A generated file, gunzipped (`GET /api/2/reports/{id}/stored/{stored_id}`, whose body is a
    /// gzip file).
    /// - Throws: ``APIError`` of kind `invalidResponse(field: "<body>")` when the body is not gzip.
    public func storedReportFile(reportID: String, storedID: String) async throws -> Data {
        let path = "\(Self.accountPath)/reports/\(Self.segment(reportID))/stored/\(Self.segment(storedID))"
        let response = try await send("GET", path, accept: "application/gzip, application/octet-stream, */*")
        do {
            return try Gunzip.decompress(response.body)
        } catch {
            throw APIError(
                service: .acronis, kind: .invalidResponse(field: "<body>"), method: "GET", path: fullPath(path),
                messages: ["the stored report is documented as a gzip file, but it is \(error)"])
        }
    }

    /// Deletes a report with its current version (`DELETE /api/2/reports/{id}?version=`).
    public func deleteReport(id: String, version: Int64) async throws {
        _ = try await send("DELETE", "\(Self.accountPath)/reports/\(Self.segment(id))", query: [("version", String(version))])
    }

    /// The usage of `tenantID`'s tenants at `level` over the UTC days `start`...`end`
    /// (`YYYY-MM-DD`, both inclusive), from one `usage_summary` report in `csv_v2_0` with SKUs:
    /// created once, polled until saved (`polling`), downloaded, gunzipped, parsed, and deleted
    /// again, also when reading it failed (a failed delete is logged, not thrown: the usage
    /// read is right, a spare report is left behind).
    ///
    /// - Throws: ``APIError`` for a failed call or a response that is not what the API documents
    ///   (`invalidRequest` for a malformed day, before anything is sent; `invalidResponse` naming
    ///   the line and column of a CSV that is not `csv_v2_0`); ``AcronisReportError`` for a
    ///   report that failed, was not saved in time, or has no `csv_v2_0` file.
    public func usageSummary(
        tenantID: String, level: AcronisReportLevel = .allCustomers, start: String, end: String, hideZeroUsage: Bool = true,
        polling: AcronisReportPolling = .standard
    ) async throws -> [AcronisUsageReportRow] {
        for (name, day) in [("start", start), ("end", end)] where !Self.isDay(day) {
            throw APIError(
                service: .acronis, kind: .invalidRequest, method: "POST", path: fullPath("\(Self.accountPath)/reports"),
                messages: ["period.\(name) must be a day written YYYY-MM-DD, got '\(day.prefix(40))'"])
        }
        guard start <= end else {
            throw APIError(
                service: .acronis, kind: .invalidRequest, method: "POST", path: fullPath("\(Self.accountPath)/reports"),
                messages: ["period.start \(start) is after period.end \(end)"])
        }
        let report = try await createReport(
            .usageSummary(tenantID: tenantID, level: level, start: start, end: end, hideZeroUsage: hideZeroUsage))
        do {
            let rows = try await readUsageReport(report, polling: polling)
            await deleteLeavingReport(report)
            return rows
        } catch {
            await deleteLeavingReport(report)
            throw error
        }
    }

    /// Polls `report` until its `csv_v2_0` file is saved, then downloads and parses it.
    private func readUsageReport(_ report: AcronisReport, polling: AcronisReportPolling) async throws -> [AcronisUsageReportRow] {
        let format = AcronisReportCreate.csvFormat
        for poll in 1...polling.maxPolls {
            let stored = try await storedReports(reportID: report.id)
            if let failed = stored.first(where: { $0.isFailed && ($0.reportFormat == nil || $0.reportFormat == format) }) {
                throw AcronisReportError.failed(reportID: report.id, storedID: failed.id)
            }
            if let unknown = stored.firstIndex(where: { !$0.isSaved && !$0.isInProgress && !$0.isFailed }) {
                throw APIError(
                    service: .acronis, kind: .invalidResponse(field: "items[\(unknown)].status"), method: "GET",
                    path: fullPath("\(Self.accountPath)/reports/\(Self.segment(report.id))/stored"),
                    messages: ["stored report status '\(stored[unknown].status)' is none of in_progress, saved, failed"])
            }
            let saved = stored.filter(\.isSaved)
            // The csv_v2_0 file; a lone file that does not name its format is the one asked for.
            let lone = saved.count == 1 && saved[0].reportFormat == nil ? saved.first : nil
            if let file = saved.first(where: { $0.reportFormat == format }) ?? lone {
                let path = "\(Self.accountPath)/reports/\(Self.segment(report.id))/stored/\(Self.segment(file.id))"
                let csv = try await storedReportFile(reportID: report.id, storedID: file.id)
                return try AcronisUsageReportRow.rows(csv: csv, method: "GET", path: fullPath(path))
            }
            if !stored.isEmpty, stored.allSatisfy(\.isSaved) {
                throw AcronisReportError.formatMissing(reportID: report.id, format: format, found: stored.compactMap(\.reportFormat))
            }
            if poll < polling.maxPolls { try await Task.sleep(for: polling.interval) }
        }
        throw AcronisReportError.notReady(reportID: report.id, polls: polling.maxPolls)
    }

    /// Deletes a report this client made, logging (not throwing) when that fails.
    private func deleteLeavingReport(_ report: AcronisReport) async {
        do {
            try await deleteReport(id: report.id, version: report.version)
        } catch {
            logger.warning(
                "could not delete usage report \(report.id); it stays in the cloud",
                metadata: ["error": "\(error)"])
        }
    }

    /// `YYYY-MM-DD` with digits where digits belong.
    static func isDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
