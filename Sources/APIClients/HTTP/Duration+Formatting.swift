extension Duration {
    /// Seconds with up to three decimals, e.g. `1.5s`.
    var formattedSeconds: String {
        let ms = milliseconds
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(Double(ms) / 1000)s"
    }

    /// Whole milliseconds (truncated).
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
