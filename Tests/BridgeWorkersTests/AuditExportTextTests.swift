import Testing

@testable import BridgeWorkers

@Suite("AuditExport: text shown in a terminal")
struct AuditExportTextTests {
    @Test(
        "control characters and bidirectional overrides are shown as escapes; other text, emoji joiners included, stays",
        arguments: [
            ("Müller & Søn, \"Ltd\"", "Müller & Søn, \"Ltd\""),
            ("line1\nline2\r\n\tend", "line1\\nline2\\r\\n\\tend"),
            ("\u{1B}[31mred\u{1B}[0m", "\\u{1b}[31mred\\u{1b}[0m"),
            ("invoice\u{202E}fdp.exe", "invoice\\u{202e}fdp.exe"),
            ("\u{2066}isolated\u{2069}", "\\u{2066}isolated\\u{2069}"),
            ("👩‍👩‍👧 株式会社 café", "👩‍👩‍👧 株式会社 café"),
            ("nul\u{0}bell\u{7}del\u{7F}", "nul\\u{0}bell\\u{7}del\\u{7f}"),
            ("", ""),
        ])
    func visible(text: String, shown: String) {
        #expect(AuditExport.visible(text) == shown)
        #expect(!AuditExport.visible(text).unicodeScalars.contains { $0.properties.generalCategory == .control })
    }
}
