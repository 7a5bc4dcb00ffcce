import Foundation
import Testing

@testable import BridgeCore
import BridgeTestSupport

@Suite("CSVWriter: RFC 4180 text")
struct CSVWriterTests {
    @Test(
        "a field is quoted exactly when it holds a comma, a quote, a CR or an LF, its quotes doubled",
        arguments: [
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("line1\nline2", "\"line1\nline2\""),
            ("line1\r\nline2", "\"line1\r\nline2\""),
            ("cr\ronly", "\"cr\ronly\""),
            ("  padded  ", "  padded  "),
            ("Müller & Søn", "Müller & Søn"),
            ("Müller & Søn, \"Ltd\"", "\"Müller & Søn, \"\"Ltd\"\"\""),
            ("株式会社テスト", "株式会社テスト"),
            ("🚀👩‍👩‍👧 backup", "🚀👩‍👩‍👧 backup"),
            ("tab\there", "tab\there"),
            ("semi;colon", "semi;colon"),
            ("'single'", "'single'"),
        ])
    func quoting(input: String, expected: String) {
        #expect(CSVWriter.field(input) == expected)
    }

    @Test("CRLF inside a field is found although Swift counts it as one character")
    func crlfIsSeen() {
        let text = "a\r\nb"
        #expect(text.contains(Character("\n")) == false, "the reason the writer looks at scalars")
        #expect(CSVWriter.field(text).hasPrefix("\""))
    }

    @Test("records end in CRLF, the header comes first, empty fields stay empty")
    func documentShape() {
        let writer = CSVWriter(header: ["a", "b", "c"])
        #expect(writer.headerRecord == "a,b,c\r\n")
        #expect(writer.record(["", "", ""]) == ",,\r\n")
        #expect(writer.record(["1", "", "x,y"]) == "1,,\"x,y\"\r\n")
        #expect(writer.document([]) == "a,b,c\r\n")
        #expect(writer.document([["1", "2", "3"], ["4", "5", "6"]]) == "a,b,c\r\n1,2,3\r\n4,5,6\r\n")
    }

    static let hostile: [[String]] = [
        ["Müller & Søn, \"Ltd\"", "株式会社 テスト", "🚀 rocket, 👩‍👩‍👧 family"],
        ["", " leading", "trailing "],
        ["multi\nline", "crlf\r\ninside", "lone\rcr"],
        ["\"", "\"\"", ","],
        ["{\"quantity\":\"5.51\",\"name\":\"A, \\\"B\\\"\"}", "=SUM(A1)", "naïve café"],
        [" , ", "\n", ""],
    ]

    @Test("round trip: every hostile record reads back field for field through a strict reader")
    func roundTrip() throws {
        let writer = CSVWriter(header: ["one", "two", "three"])
        let text = writer.document(Self.hostile)
        let read = try StrictCSVReader.read(text)
        #expect(read.first == ["one", "two", "three"])
        #expect(Array(read.dropFirst()) == Self.hostile)
        // Byte for byte too: nothing normalised (é as one scalar stays one scalar).
        for (written, back) in zip(Self.hostile.joined(), read.dropFirst().joined()) {
            #expect(Array(written.unicodeScalars) == Array(back.unicodeScalars))
        }
    }

    @Test("the strict reader itself refuses what is not RFC 4180")
    func readerIsStrict() throws {
        for bad in ["a,b", "a\nb\r\n", "a\"b\r\n", "\"open\r\n", "\"x\"y\r\n", "a\rb\r\n"] {
            #expect(throws: StrictCSVReader.Malformed.self, "\(bad.debugDescription)") { try StrictCSVReader.read(bad) }
        }
        #expect(try StrictCSVReader.read("\"a\"\"b\",\r\n") == [["a\"b", ""]])
    }
}
