/// Delivery tags of one consumer channel incarnation, and which of them are settled.
///
/// On a consumer channel the broker numbers deliveries 1, 2, 3... Acks arrive from handler tasks
/// in any order; the tracker turns a batch of them into as few frames as possible: one
/// `basic.ack(multiple: true)` for the settled prefix and single acks for the rest. (RabbitMQ
/// answers a multiple ack whose own tag is already settled with 406 "unknown delivery tag".) It also
/// refuses to settle a tag twice or a tag never delivered, which the broker would answer by
/// closing the channel (406).
struct AckTracker {
    /// Lowest delivered tag not yet settled (or `highest + 1` when all are settled).
    private(set) var lowest: UInt64 = 1
    /// Highest tag delivered so far.
    private(set) var highest: UInt64 = 0
    /// Settled tags above `lowest`.
    private var settledAbove: Set<UInt64> = []

    /// Deliveries received and not yet settled.
    var unsettledCount: Int { Int(highest &+ 1 &- lowest) - settledAbove.count }

    /// Forgets everything: a new channel incarnation starts at tag 1.
    mutating func reset() {
        lowest = 1
        highest = 0
        settledAbove = []
    }

    /// Records a delivery.
    mutating func delivered(_ tag: UInt64) {
        if tag > highest {
            // Tags skipped (never seen) cannot be settled; treat them as settled.
            if highest &+ 1 < tag {
                for skipped in (highest &+ 1)..<tag { settledAbove.insert(skipped) }
            }
            highest = tag
            advance()
        }
    }

    /// Whether `tag` is delivered and not yet settled.
    func isUnsettled(_ tag: UInt64) -> Bool {
        tag >= lowest && tag <= highest && !settledAbove.contains(tag)
    }

    /// Marks one tag settled (by a single-frame ack, nack or reject). Returns false if it was not
    /// unsettled.
    @discardableResult
    mutating func settle(_ tag: UInt64) -> Bool {
        guard isUnsettled(tag) else { return false }
        settledAbove.insert(tag)
        advance()
        return true
    }

    /// Settles a batch of acked tags (each must be unsettled). Returns the tag to send with
    /// `multiple: true`, if any, and the tags that must be acked one by one.
    mutating func settleAcks(_ tags: [UInt64]) -> (multipleUpTo: UInt64?, singles: [UInt64]) {
        guard !tags.isEmpty else { return (nil, []) }
        let acked = Set(tags)
        var cursor = lowest
        // The broker requires the tag of a multiple ack to be outstanding itself, so the frame
        // names the last tag of the run that this batch acks, not one settled earlier.
        var multiple: UInt64? = nil
        while cursor <= highest {
            if acked.contains(cursor) {
                multiple = cursor
            } else if !settledAbove.contains(cursor) {
                break
            }
            settledAbove.remove(cursor)
            cursor += 1
        }
        if multiple != nil {
            lowest = cursor
        }
        var singles: [UInt64] = []
        for tag in tags where tag >= lowest {
            singles.append(tag)
            settledAbove.insert(tag)
        }
        advance()
        return (multiple, singles.sorted())
    }

    private mutating func advance() {
        while lowest <= highest && settledAbove.remove(lowest) != nil {
            lowest += 1
        }
    }
}
