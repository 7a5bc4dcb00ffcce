import BridgeCore
import BridgeRules

extension CalendarDate {
    /// The message's date of a rules' day (both are proleptic Gregorian UTC days; a valid day
    /// is always a valid date).
    init(_ day: CalendarDay) {
        self.init(year: day.year, month: day.month, day: day.day)!
    }
}
