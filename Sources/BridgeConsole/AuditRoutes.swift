import BridgeRules
import BridgeState
import BridgeWorkers
import Foundation
import Hummingbird

/// The Audit tab: a month's external writes (and operators' changes), filtered by company, and
/// the month's CSV: the same export as `bridgectl audit export --csv`.
struct AuditRoutes {
    var services: ConsoleServices
    static let shownRows = 500

    func register(on router: Router<ConsoleContext>) {
        router.get("/audit") { request, context in try await page(request, context: context) }
        router.get("/audit.csv") { request, context in try await csv(request, context: context) }
    }

    static func month(_ fields: FormFields) throws -> CalendarMonth {
        guard let text = fields.text("month") else { return CalendarMonth(containing: CalendarDay(containing: Date())) }
        do {
            return try CalendarMonth(parsing: text)
        } catch {
            throw HTTPError(.badRequest, message: "month: \(error)")
        }
    }

    func page(_ request: Request, context: ConsoleContext) async throws -> Response {
        let query = FormFields(request.uri.query ?? "")
        let month = try Self.month(query)
        let company = query.text("company")
        var rows: [[String: Any]] = []
        var total = 0
        _ = try await AuditExport(store: services.store).forEachPage(month: month) { page in
            for row in page where company.map({ Self.mentions(row, company: $0) }) ?? true {
                total += 1
                guard rows.count < Self.shownRows else { continue }
                rows.append([
                    "time": row.time, "worker": row.worker, "system": row.system, "target": row.target, "action": row.action,
                    "before": row.before ?? "", "after": row.after ?? "", "reason": row.reason, "messageId": row.messageId ?? "",
                ])
            }
        }
        return services.pages.render(
            "audit", title: "Audit", context: context, current: "/audit",
            values: [
                "month": month.description, "company": company ?? "", "rows": rows, "total": total,
                "truncated": total > rows.count, "csv": "/audit.csv?month=\(month.description)",
            ])
    }

    /// Whether an audit row is about `company` (its id or name in the target or the reason).
    static func mentions(_ row: AuditExport.Row, company: String) -> Bool {
        row.target.localizedCaseInsensitiveContains(company) || row.reason.localizedCaseInsensitiveContains(company)
    }

    func csv(_ request: Request, context: ConsoleContext) async throws -> Response {
        let month = try Self.month(FormFields(request.uri.query ?? ""))
        let text = try await AuditExport(store: services.store).csv(month: month)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"psa-bridge-audit-\(month.description).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
