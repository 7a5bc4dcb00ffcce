/// Publishes sent on a confirm-mode channel and not yet confirmed, by sequence number.
///
/// Sequence numbers start at 1 on each channel incarnation and grow by one per `basic.publish`;
/// entries are kept in that order so `multiple` acks settle a prefix cheaply. `Completion` is
/// whatever tells the publisher the outcome (``PublishCompletion`` in the transport).
struct ConfirmWindow<Completion> {
    struct Entry {
        var completion: Completion
        var exchange: String
        var routingKey: String
        var messageId: String?
        var returned: AMQPError?
    }

    private var entries: [Entry?] = []
    private var head = 0
    private var firstSequence: UInt64 = 1
    private(set) var count = 0
    /// The last sequence number a `basic.return` was matched to (returns come in publish order).
    private var lastReturned: UInt64 = 0

    /// The sequence number the next publish will get.
    var nextSequence: UInt64 { firstSequence + UInt64(entries.count - head) }

    var isEmpty: Bool { count == 0 }

    /// Records a publish; returns its sequence number.
    @discardableResult
    mutating func append(_ entry: Entry) -> UInt64 {
        let sequence = nextSequence
        entries.append(entry)
        count += 1
        return sequence
    }

    /// Settles `tag` (or every entry up to it when `multiple`), calling `body` for each.
    mutating func settle(tag: UInt64, multiple: Bool, _ body: (Entry) -> Void) {
        guard tag >= firstSequence else { return }
        let offset = Int(tag - firstSequence)
        guard head + offset < entries.count else { return }
        if multiple {
            for index in head...(head + offset) {
                if let entry = entries[index] {
                    entries[index] = nil
                    count -= 1
                    body(entry)
                }
            }
        } else if let entry = entries[head + offset] {
            entries[head + offset] = nil
            count -= 1
            body(entry)
        }
        compact()
    }

    /// Marks the earliest unconfirmed, not yet returned publish with this exchange, routing key
    /// and message id as returned. Returns false when nothing matches.
    mutating func markReturned(exchange: String, routingKey: String, messageId: String?, error: AMQPError) -> Bool {
        let startSequence = max(firstSequence, lastReturned + 1)
        guard startSequence < nextSequence else { return false }
        for index in (head + Int(startSequence - firstSequence))..<entries.count {
            guard var entry = entries[index], entry.returned == nil,
                entry.exchange == exchange, entry.routingKey == routingKey, entry.messageId == messageId
            else { continue }
            entry.returned = error
            entries[index] = entry
            lastReturned = firstSequence + UInt64(index - head)
            return true
        }
        return false
    }

    /// Removes everything (the channel is gone) and starts numbering at 1 again.
    mutating func removeAll(_ body: (Entry) -> Void) {
        for index in head..<entries.count {
            if let entry = entries[index] { body(entry) }
        }
        entries = []
        head = 0
        count = 0
        firstSequence = 1
        lastReturned = 0
    }

    private mutating func compact() {
        while head < entries.count && entries[head] == nil {
            head += 1
            firstSequence += 1
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
