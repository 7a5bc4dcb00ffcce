/// Cuts text to a PSA field limit without splitting a character (T1).
public enum TextTruncation {
    /// The ellipsis that marks cut text: U+2026, one UTF-16 unit.
    public static let ellipsis = "\u{2026}"

    /// `text` itself when it fits in `limit` UTF-16 code units; otherwise the longest prefix of
    /// whole characters (extended grapheme clusters: an emoji with modifiers, a letter with
    /// combining marks) that fits together with ``ellipsis``, trailing whitespace removed, then
    /// the ellipsis. A limit of 0 (or below) gives "".
    public static func truncate(_ text: String, toUTF16Length limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        guard limit > 0 else { return "" }
        let budget = limit - ellipsis.utf16.count  // the ellipsis is one UTF-16 unit
        var used = 0
        var end = text.startIndex
        for character in text {
            let width = character.utf16.count
            guard used + width <= budget else { break }
            used += width
            end = text.index(after: end)
        }
        var prefix = text[..<end]
        while let last = prefix.last, last.isWhitespace { prefix.removeLast() }
        return prefix + ellipsis
    }
}
