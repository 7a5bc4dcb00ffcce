extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded up, clamped to `Int32`.
    var milliseconds: Int32 {
        let value = (seconds * 1000).rounded(.up)
        return Int32(clamping: Int64(max(0, min(value, Double(Int32.max)))))
    }
}
