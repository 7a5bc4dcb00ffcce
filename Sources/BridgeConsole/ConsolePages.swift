import Foundation
import Hummingbird
import Mustache

/// The console's pages: Mustache templates compiled into the executable, HTML-escaped by
/// default (`{{value}}` escapes `<`, `>`, `&`, `"` and `'`; the templates use no `{{{raw}}}`).
public struct ConsolePages: Sendable {
    let library: MustacheLibrary

    /// The tabs, in the order the navigation shows them.
    public static let tabs: [(href: String, label: String)] = [
        ("/", "Summary"),
        ("/settings/connection", "Integration settings"),
        ("/settings/products", "Product mapping"),
        ("/settings/provisioning", "Provisioning"),
        ("/companies", "Company mapping"),
        ("/settings/tickets", "Ticket creation"),
        ("/preview", "Preview"),
        ("/dead-letters", "Dead letters"),
        ("/audit", "Audit"),
    ]

    public init() throws {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("header", PackageResources.header_mustache), ("footer", PackageResources.footer_mustache),
            ("login", PackageResources.login_mustache), ("summary", PackageResources.summary_mustache),
            ("companies", PackageResources.companies_mustache), ("company", PackageResources.company_mustache),
            ("dead-letters", PackageResources.dead_letters_mustache), ("audit", PackageResources.audit_mustache),
            ("preview", PackageResources.preview_mustache), ("settings", PackageResources.settings_mustache),
        ]
        for (name, bytes) in templates {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    /// `values` without its empty strings, at any depth: Mustache renders a section for any value
    /// present, and the templates use `{{#reason}}…{{/reason}}` for "when there is one".
    static func droppingEmptyText(_ values: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in values {
            switch value {
            case let text as String where text.isEmpty:
                continue
            case let nested as [String: Any]:
                result[key] = droppingEmptyText(nested)
            case let rows as [[String: Any]]:
                result[key] = rows.map(droppingEmptyText)
            default:
                result[key] = value
            }
        }
        return result
    }

    /// The style sheet.
    public static var styleSheet: String { String(decoding: PackageResources.console_css, as: UTF8.self) }

    /// Renders `template` with the page's values and the layout's (title, tabs, operator, CSRF
    /// token, notice, problem).
    public func render(
        _ template: String, title: String, context: ConsoleContext, current: String? = nil, values: [String: Any] = [:],
        notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var object = values
        object["title"] = title
        if let session = context.session {
            object["signedIn"] = true
            object["operatorName"] = session.operatorName
            object["csrf"] = session.csrfToken
            object["tabs"] = Self.tabs.map { tab -> [String: Any] in
                ["href": tab.href, "label": tab.label, "current": tab.href == current]
            }
        }
        if let notice { object["notice"] = notice }
        if let problem { object["problem"] = problem }
        let html = library.render(Self.droppingEmptyText(object), withTemplate: template) ?? "template \(template) is missing"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
