/// The random source of fault injection: seeded when a seed is configured, else the system's.
struct FaultRandom: RandomNumberGenerator, Sendable {
    private var seeded: SeededGenerator?
    private var system = SystemRandomNumberGenerator()

    init(seed: UInt64?) {
        seeded = seed.map(SeededGenerator.init(seed:))
    }

    mutating func next() -> UInt64 {
        if seeded != nil { return seeded!.next() }
        return system.next()
    }
}
