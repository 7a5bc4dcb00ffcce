import Testing

@testable import AMQPTransport

@Suite("Delivery and confirm bookkeeping")
struct BookkeepingTests {
    @Test("acks in order coalesce into one multiple ack")
    func inOrderAcks() {
        var tracker = AckTracker()
        for tag in UInt64(1)...10 { tracker.delivered(tag) }
        let (multiple, singles) = tracker.settleAcks(Array(1...10))
        #expect(multiple == 10)
        #expect(singles.isEmpty)
        #expect(tracker.unsettledCount == 0)
    }

    @Test("out-of-order acks: the settled prefix goes as multiple, the rest one by one")
    func outOfOrderAcks() {
        var tracker = AckTracker()
        for tag in UInt64(1)...10 { tracker.delivered(tag) }
        var (multiple, singles) = tracker.settleAcks([2, 5, 7])
        #expect(multiple == nil)
        #expect(singles == [2, 5, 7])
        #expect(tracker.unsettledCount == 7)
        (multiple, singles) = tracker.settleAcks([1, 3, 4])
        // 1...5 are all settled now, but 5 was acked before: the multiple ack must name 4, a tag
        // still outstanding on the broker.
        #expect(multiple == 4)
        #expect(singles.isEmpty)
        #expect(tracker.unsettledCount == 4)
        #expect(!tracker.isUnsettled(5))
        #expect(tracker.isUnsettled(6))
    }

    @Test("a nack in the middle is never covered by a later multiple ack")
    func nackThenAcks() {
        var tracker = AckTracker()
        for tag in UInt64(1)...4 { tracker.delivered(tag) }
        let first = tracker.settle(2)  // sent as a single nack before the acks
        #expect(first)
        let (multiple, singles) = tracker.settleAcks([1, 3, 4])
        // ack(4, multiple) is correct: tag 2 is already settled on the broker and 4 is outstanding.
        #expect(multiple == 4)
        #expect(singles.isEmpty)
        let second = tracker.settle(2)
        #expect(!second)  // a second settlement is refused
    }

    @Test("a run ending in tags settled earlier names the last newly acked tag")
    func runEndingInSettledTags() {
        var tracker = AckTracker()
        for tag in UInt64(1)...6 { tracker.delivered(tag) }
        _ = tracker.settleAcks([2, 3])
        let (multiple, singles) = tracker.settleAcks([1])
        #expect(multiple == 1)
        #expect(singles.isEmpty)
        #expect(tracker.lowest == 4)
        let (multiple2, singles2) = tracker.settleAcks([6, 5])
        #expect(multiple2 == nil)
        #expect(singles2 == [5, 6])
        let last = tracker.settleAcks([4])
        #expect(last.multipleUpTo == 4)
        #expect(tracker.unsettledCount == 0)
    }

    @Test("random interleavings of deliveries, acks and nacks only produce frames RabbitMQ accepts")
    func randomizedAgainstBrokerModel() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var tracker = AckTracker()
            // The broker's view: tags delivered and not yet settled (rabbit_channel's unacked queue).
            var outstanding: [UInt64] = []
            var handedOut: [UInt64] = []
            var nextTag: UInt64 = 1
            var settledCount = 0
            let total = Int.random(in: 1...60, using: &generator)
            while settledCount < total {
                // Deliver a few.
                for _ in 0..<Int.random(in: 0...5, using: &generator) where nextTag <= UInt64(total) {
                    tracker.delivered(nextTag)
                    outstanding.append(nextTag)
                    handedOut.append(nextTag)
                    nextTag += 1
                }
                // Handlers settle a random subset, in random order, as one command batch.
                handedOut.shuffle(using: &generator)
                let batchSize = Int.random(in: 0...handedOut.count, using: &generator)
                let batch = Array(handedOut.prefix(batchSize))
                handedOut.removeFirst(batchSize)
                var acks: [UInt64] = []
                for tag in batch {
                    if Int.random(in: 0..<4, using: &generator) == 0 {
                        let accepted = tracker.settle(tag)
                        #expect(accepted)
                        // Single nack: the tag must be outstanding.
                        guard let index = outstanding.firstIndex(of: tag) else {
                            Issue.record("nack of unknown tag \(tag)")
                            return
                        }
                        outstanding.remove(at: index)
                    } else {
                        acks.append(tag)
                    }
                }
                let (multiple, singles) = tracker.settleAcks(acks)
                if let multiple {
                    // RabbitMQ: the tag itself must be outstanding; everything up to it is acked.
                    guard outstanding.contains(multiple) else {
                        Issue.record("multiple ack names \(multiple), which is not outstanding")
                        return
                    }
                    let covered = outstanding.filter { $0 <= multiple }
                    #expect(Set(covered).isSubset(of: Set(acks)), "a multiple ack covered a tag nobody acked")
                    outstanding.removeAll { $0 <= multiple }
                }
                for tag in singles {
                    guard let index = outstanding.firstIndex(of: tag) else {
                        Issue.record("single ack of unknown tag \(tag)")
                        return
                    }
                    outstanding.remove(at: index)
                }
                settledCount += batch.count
                #expect(tracker.unsettledCount == outstanding.count)
            }
            #expect(outstanding.isEmpty)
            #expect(tracker.unsettledCount == 0)
        }
    }

    @Test("reset starts a new channel incarnation at tag 1")
    func reset() {
        var tracker = AckTracker()
        tracker.delivered(1)
        tracker.delivered(2)
        tracker.reset()
        #expect(tracker.unsettledCount == 0)
        #expect(!tracker.isUnsettled(1))
        tracker.delivered(1)
        #expect(tracker.isUnsettled(1))
    }

    @Test("confirm window settles single and multiple acks and matches returns in publish order")
    func confirmWindow() {
        var window = ConfirmWindow<String>()
        func entry(_ id: String, routingKey: String = "rk") -> ConfirmWindow<String>.Entry {
            ConfirmWindow<String>.Entry(
                completion: id, exchange: "", routingKey: routingKey, messageId: id, returned: nil)
        }
        #expect(window.append(entry("a")) == 1)
        #expect(window.append(entry("b", routingKey: "nowhere")) == 2)
        #expect(window.append(entry("c")) == 3)
        #expect(window.append(entry("d", routingKey: "nowhere")) == 4)
        let matchedD = window.markReturned(exchange: "", routingKey: "nowhere", messageId: "d", error: .nacked)
        #expect(matchedD)
        // Returns come in publish order: once 4 was returned, 2 cannot be.
        let matchedB = window.markReturned(exchange: "", routingKey: "nowhere", messageId: "b", error: .nacked)
        #expect(!matchedB)
        var settled: [String] = []
        window.settle(tag: 2, multiple: false) { settled.append($0.completion + ($0.returned == nil ? "" : "!")) }
        #expect(window.count == 3)
        window.settle(tag: 4, multiple: true) { settled.append($0.completion + ($0.returned == nil ? "" : "!")) }
        #expect(settled == ["b", "a", "c", "d!"])
        #expect(window.isEmpty)
        #expect(window.nextSequence == 5)
        window.settle(tag: 4, multiple: false) { _ in Issue.record("settled twice") }
        window.append(entry("e"))
        var failed: [String] = []
        window.removeAll { failed.append($0.completion) }
        #expect(failed == ["e"])
        #expect(window.nextSequence == 1)
    }
}
