import BridgeRules
import Testing

@Suite("TextTruncation: PSA limits without cutting a character (T1)")
struct TextTruncationTests {
    @Test("T1: text within the limit is unchanged, also at exactly the limit")
    func fits() {
        let text = String(repeating: "a", count: 100)
        #expect(TextTruncation.truncate(text, toUTF16Length: 100) == text)
        #expect(TextTruncation.truncate("short", toUTF16Length: 100) == "short")
        #expect(TextTruncation.truncate("", toUTF16Length: 0) == "")
    }

    @Test("T1: longer text is cut to the limit and ends with an ellipsis", arguments: [1, 2, 10, 100, 255])
    func cut(limit: Int) {
        let text = String(repeating: "x", count: limit + 1)
        let result = TextTruncation.truncate(text, toUTF16Length: limit)
        #expect(result.utf16.count == limit)
        #expect(result.hasSuffix(TextTruncation.ellipsis))
        #expect(text.hasPrefix(result.dropLast()))
    }

    @Test("T1: emoji with modifiers, flags and combining accents are never split", arguments: [
        "👨‍👩‍👧‍👦", "🇩🇪", "e\u{301}", "👍🏽", "😀", "한",
    ])
    func graphemes(unit: String) {
        let text = String(repeating: unit, count: 60)
        for limit in 1...40 {
            let result = TextTruncation.truncate(text, toUTF16Length: limit)
            #expect(result.utf16.count <= limit)
            let body = result.hasSuffix(TextTruncation.ellipsis) ? String(result.dropLast()) : result
            #expect(body.count == 0 || body == String(repeating: unit, count: body.count / max(1, unit.count)))
            #expect(body.unicodeScalars.count % unit.unicodeScalars.count == 0)
        }
    }

    @Test("T1: whitespace before the ellipsis is dropped")
    func trailingSpace() {
        #expect(TextTruncation.truncate("Backup failed on server", toUTF16Length: 15) == "Backup failed…")
    }

    @Test("T1: a limit of 0 gives empty text")
    func zeroLimit() {
        #expect(TextTruncation.truncate("anything", toUTF16Length: 0) == "")
    }
}
