extension UsageReportWindow {
    /// The period's name in the state database, effect keys and the audit log (B4, B8): `YYYY-MM`
    /// for a calendar month (the current month while it runs, whatever day it is), else
    /// `first..last` (a custom billing month). The same period always has the same label, so
    /// the same quantity written for it twice is one write.
    public var label: String {
        if first.day == 1, first.year == last.year, first.month == last.month, includesToday || last == last.lastOfMonth {
            let month = first.description.prefix(7)
            return String(month)
        }
        return "\(first)..\(last)"
    }
}
