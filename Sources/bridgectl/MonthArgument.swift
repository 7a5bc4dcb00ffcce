import ArgumentParser
import BridgeRules

/// A `--month YYYY-MM` argument as a month, or a `ValidationError` naming the expected form.
func parseMonth(_ text: String) throws -> CalendarMonth {
    do {
        return try CalendarMonth(parsing: text)
    } catch {
        throw ValidationError("--month: \(error)")
    }
}
