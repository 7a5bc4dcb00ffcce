import Foundation

/// A `conditions` string that does not follow the grammar.
struct ConditionSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Character offset of the problem (0-based).
    var position: Int
    var reason: String
    var description: String { "\(reason) at position \(position)" }
}

/// Parses the ConnectWise `conditions` grammar:
///
/// ```
/// expression := term (("or") term)*                  -- `and` binds tighter than `or`
/// term       := factor (("and") factor)*
/// factor     := "not" factor | "(" expression ")" | comparison
/// comparison := path operator literal
/// operator   := = | != | < | <= | > | >= | contains | not contains | like | not like | in | not in
/// literal    := "string" | 'string' | number | true | false | null | [datetime] | "(" literal ("," literal)* ")"
/// path       := name ("/" name)*
/// ```
///
/// Keywords are case-insensitive. Strings are in double quotes (the documented form) or single
/// quotes (seen in working client code; inferred to work); inside them a quote is escaped with a
/// backslash (`\"`) or by doubling it (`""`), and `\\` is a backslash (the escaping rule is
/// inferred: the references give none).
struct ConditionParser {
    private let characters: [Character]
    private var index = 0

    private init(_ text: String) { characters = Array(text) }

    /// Parses a whole expression.
    static func parse(_ text: String) throws(ConditionSyntaxError) -> ConditionExpression {
        var parser = ConditionParser(text)
        parser.skipSpaces()
        guard !parser.atEnd else { throw ConditionSyntaxError(position: 0, reason: "Empty conditions") }
        let expression = try parser.parseOr()
        parser.skipSpaces()
        guard parser.atEnd else {
            throw ConditionSyntaxError(position: parser.index, reason: "Unexpected '\(parser.rest(12))'")
        }
        return expression
    }

    private var atEnd: Bool { index >= characters.count }

    private func rest(_ count: Int) -> String {
        String(characters[index..<min(characters.count, index + count)])
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    /// Consumes `keyword` (case-insensitive) when it is followed by a non-word character.
    private mutating func keyword(_ keyword: String) -> Bool {
        skipSpaces()
        let word = Array(keyword)
        guard index + word.count <= characters.count else { return false }
        for (offset, character) in word.enumerated() where characters[index + offset].lowercased() != String(character) {
            return false
        }
        let after = index + word.count
        if after < characters.count, Self.isWordCharacter(characters[after]) { return false }
        index = after
        return true
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "/" || character == "."
    }

    private mutating func parseOr() throws(ConditionSyntaxError) -> ConditionExpression {
        var left = try parseAnd()
        while keyword("or") {
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ConditionSyntaxError) -> ConditionExpression {
        var left = try parseFactor()
        while keyword("and") {
            left = .and(left, try parseFactor())
        }
        return left
    }

    private mutating func parseFactor() throws(ConditionSyntaxError) -> ConditionExpression {
        skipSpaces()
        guard !atEnd else { throw ConditionSyntaxError(position: index, reason: "Expected a condition but the text ended") }
        if characters[index] == "(" {
            index += 1
            let inner = try parseOr()
            skipSpaces()
            guard !atEnd, characters[index] == ")" else {
                throw ConditionSyntaxError(position: index, reason: "Expected ')'")
            }
            index += 1
            return inner
        }
        let save = index
        if keyword("not") {
            skipSpaces()
            if !atEnd, characters[index] == "(" || keywordAhead("not") {
                return .not(try parseFactor())
            }
            index = save
        }
        return try parseComparison()
    }

    private mutating func keywordAhead(_ word: String) -> Bool {
        let save = index
        defer { index = save }
        return keyword(word)
    }

    private mutating func parseComparison() throws(ConditionSyntaxError) -> ConditionExpression {
        skipSpaces()
        let start = index
        while index < characters.count, Self.isWordCharacter(characters[index]) { index += 1 }
        guard index > start else {
            throw ConditionSyntaxError(position: start, reason: "Expected a field name but found '\(rest(12))'")
        }
        let name = String(characters[start..<index])
        let path = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty), let first = path.first?.first, first.isLetter || first == "_" else {
            throw ConditionSyntaxError(position: start, reason: "Invalid field name '\(name)'")
        }
        let op = try parseOperator()
        let value = try parseLiteral(allowList: op == .in || op == .notIn)
        if op == .in || op == .notIn, case .list = value {
        } else if op == .in || op == .notIn {
            throw ConditionSyntaxError(position: index, reason: "'\(op.rawValue)' needs a parenthesised list")
        }
        if op == .like || op == .notLike || op == .contains || op == .notContains, case .string = value {
        } else if op == .like || op == .notLike || op == .contains || op == .notContains {
            throw ConditionSyntaxError(position: index, reason: "'\(op.rawValue)' needs a quoted string")
        }
        return .comparison(path: path, op: op, value: value)
    }

    private mutating func parseOperator() throws(ConditionSyntaxError) -> ConditionOperator {
        skipSpaces()
        guard !atEnd else { throw ConditionSyntaxError(position: index, reason: "Expected an operator but the text ended") }
        let two = rest(2)
        for symbol in ["!=", "<=", ">=", "<>"] where two == symbol {
            index += 2
            return symbol == "<>" ? .notEqual : ConditionOperator(rawValue: symbol)!
        }
        switch characters[index] {
        case "=": index += 1; return .equal
        case "<": index += 1; return .less
        case ">": index += 1; return .greater
        default: break
        }
        if keyword("contains") { return .contains }
        if keyword("like") { return .like }
        if keyword("in") { return .in }
        let save = index
        if keyword("not") {
            if keyword("like") { return .notLike }
            if keyword("in") { return .notIn }
            if keyword("contains") { return .notContains }
            index = save
        }
        throw ConditionSyntaxError(position: index, reason: "Unknown operator '\(rest(10))'")
    }

    private mutating func parseLiteral(allowList: Bool) throws(ConditionSyntaxError) -> ConditionLiteral {
        skipSpaces()
        guard !atEnd else { throw ConditionSyntaxError(position: index, reason: "Expected a value but the text ended") }
        let character = characters[index]
        switch character {
        case "\"", "'":
            return .string(try parseString(quote: character))
        case "[":
            let start = index
            index += 1
            let textStart = index
            while index < characters.count, characters[index] != "]" { index += 1 }
            guard !atEnd else { throw ConditionSyntaxError(position: start, reason: "Unterminated date: missing ']'") }
            let text = String(characters[textStart..<index]).trimmingCharacters(in: .whitespaces)
            index += 1
            guard let date = ISODate.parse(text) else {
                throw ConditionSyntaxError(position: start, reason: "Invalid date '[\(text)]' (expected yyyy-MM-ddTHH:mm:ssZ)")
            }
            return .date(date)
        case "(":
            guard allowList else { throw ConditionSyntaxError(position: index, reason: "A list is only allowed after 'in' or 'not in'") }
            index += 1
            var items: [ConditionLiteral] = []
            skipSpaces()
            if !atEnd, characters[index] == ")" {
                throw ConditionSyntaxError(position: index, reason: "Empty list")
            }
            while true {
                items.append(try parseLiteral(allowList: false))
                skipSpaces()
                guard !atEnd else { throw ConditionSyntaxError(position: index, reason: "Unterminated list: missing ')'") }
                if characters[index] == "," {
                    index += 1
                    continue
                }
                if characters[index] == ")" {
                    index += 1
                    return .list(items)
                }
                throw ConditionSyntaxError(position: index, reason: "Expected ',' or ')' in list")
            }
        default:
            let start = index
            while index < characters.count, Self.isWordCharacter(characters[index]) || characters[index] == "-" || characters[index] == "+" {
                index += 1
            }
            let word = String(characters[start..<index])
            switch word.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                if let number = Double(word), !word.isEmpty, word.first != "+" {
                    return .number(number)
                }
                throw ConditionSyntaxError(
                    position: start,
                    reason: word.isEmpty ? "Expected a value but found '\(rest(10))'" : "Invalid value '\(word)' (strings must be quoted)")
            }
        }
    }

    private mutating func parseString(quote: Character) throws(ConditionSyntaxError) -> String {
        let start = index
        index += 1
        var result = ""
        while true {
            guard index < characters.count else {
                throw ConditionSyntaxError(position: start, reason: "Unterminated string")
            }
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                result.append(characters[index + 1])
                index += 2
                continue
            }
            if character == quote {
                if index + 1 < characters.count, characters[index + 1] == quote {
                    result.append(quote)
                    index += 2
                    continue
                }
                index += 1
                return result
            }
            result.append(character)
            index += 1
        }
    }
}
