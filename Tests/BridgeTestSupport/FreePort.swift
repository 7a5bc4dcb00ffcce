import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP port nothing listens on right now (and, when `alsoFree` offsets are given,
/// port + offset for each of them too).
public func freePort(alsoFree offsets: [Int] = [], in range: ClosedRange<Int> = 20000...29999) throws -> Int {
    for _ in 0..<200 {
        let candidate = Int.random(in: range)
        if ([0] + offsets).allSatisfy({ canBind(candidate + $0) }) { return candidate }
    }
    throw TestFailure("no free loopback port found in \(range)")
}

private func canBind(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}
