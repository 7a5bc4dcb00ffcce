/// A compiled `pattern` / `patternProperties` regular expression.
///
/// Swift's own regex engine, not `NSRegularExpression`: that one is ICU's, and compiling the
/// schemas' patterns with it loaded several megabytes of ICU into every worker's memory. Matching
/// is over Unicode scalars with ASCII `\d` and `\w`, as ECMA-262 (the dialect JSON Schema names)
/// reads a pattern; `$` matches only at the end of the text, not before a final newline.
///
/// A class, so the keywords holding it keep a fixed layout (`Regex` is a resilient type) and are
/// passed `borrowing` without copies. `@unchecked Sendable`: the compiled regex is immutable and
/// matching keeps no shared state; `Regex` is not declared `Sendable` because its output type
/// (`AnyRegexOutput`) is not.
final class SchemaPattern: @unchecked Sendable {
    let source: String
    private let expression: Regex<AnyRegexOutput>

    init(_ source: String) throws {
        self.source = source
        self.expression = try Regex(source)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
    }

    /// Whether the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func matches(_ text: String) -> Bool {
        (try? expression.firstMatch(in: text)) != nil
    }
}
