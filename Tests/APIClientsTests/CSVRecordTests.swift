import APIClients
import Foundation
import Testing

@Suite("CSV records of usage reports")
struct CSVRecordTests {
    func parse(_ text: String) throws -> [CSVRecord] { try CSVRecord.records(in: Array(text.utf8)) }

    @Test("B4: quoted fields keep commas, doubled quotes and line breaks; CRLF, a BOM and blank lines are handled")
    func quoting() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n,,\n\"\",z,\"\"\nlast,row,end"
        let records = try parse(text)
        #expect(records.map(\.fields) == [
            ["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["", "", ""], ["", "z", ""], ["last", "row", "end"],
        ])
        #expect(records.map(\.line) == [1, 2, 5, 6, 7], "records know the line they start on")
        #expect(try parse("é,ü\n").first?.fields == ["é", "ü"])
        #expect(try parse("").isEmpty)
    }

    @Test("S5: an unterminated quote, a quote inside a field and text after a closing quote are errors naming the line")
    func malformed() throws {
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try parse("a,b\n\"open,c\nd\n") }
        #expect(throws: CSVError.unexpectedQuote(line: 1)) { try parse("ab\"c,d\n") }
        #expect(throws: CSVError.textAfterClosingQuote(line: 3)) { try parse("a\nb\n\"c\"d,e\n") }
    }
}
