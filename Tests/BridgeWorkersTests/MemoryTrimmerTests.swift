import Foundation
import Logging
import Testing

@testable import BridgeWorkers

/// The workers' memory trimmer hands freed heap memory back to the system.
@Suite struct MemoryTrimmerTests {
    /// This process's private resident memory (`RssAnon`), in KiB.
    static func residentAnonymousKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test("freed blocks in the middle of the heap go back to the system: private memory drops by most of what was freed")
    func trimReturnsFreedMemory() throws {
        try #require(MemoryTrimmer.isAvailable, "the workers are built on glibc here; malloc_trim must be there")
        // 64 MiB in 2 KiB blocks; every block but one in 256 is freed, so the free memory lies
        // between live blocks, where the allocator keeps it rather than shrinking its top.
        let blocks = (0..<32_768).map { _ -> UnsafeMutableRawPointer in
            let block = UnsafeMutableRawPointer.allocate(byteCount: 2_048, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: 2_048)
            return block
        }
        var kept: [UnsafeMutableRawPointer] = []
        for (index, block) in blocks.enumerated() {
            if index % 256 == 0 { kept.append(block) } else { block.deallocate() }
        }
        let before = try Self.residentAnonymousKiB()
        MemoryTrimmer.trim()
        let after = try Self.residentAnonymousKiB()
        for block in kept { block.deallocate() }
        #expect(before - after > 32 * 1_024, "private memory \(before) KiB before the trim, \(after) KiB after: at least 32 of the 63.75 MiB freed went back")
    }

    @Test("an interval of 0 never trims: the service returns at once")
    func zeroIntervalReturns() async throws {
        try await MemoryTrimmer(interval: 0, logger: Logger(label: "test")).run()
        try await MemoryTrimmer(interval: nil, logger: Logger(label: "test")).run()
    }
}
