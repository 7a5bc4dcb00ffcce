import APIClients
import Foundation
import Testing

@Suite("Gunzip of usage report downloads")
struct GunzipTests {
    /// Compresses with the system's gzip at its best compression: deflate with Huffman blocks.
    static func systemGzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", "-c", "-n"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The pipe buffers more than the test's data, so writing before reading cannot block.
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GunzipTestError("gzip exited with \(process.terminationStatus)") }
        return compressed
    }

    /// A gzip file of stored (uncompressed) deflate blocks, as the sandbox writes them.
    static func storedGzip(_ bytes: [UInt8], blockSize: Int = 65_535) -> Data {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var offset = 0
        repeat {
            let length = min(blockSize, bytes.count - offset)
            out.append(offset + length >= bytes.count ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += bytes[offset..<(offset + length)]
            offset += length
        } while offset < bytes.count
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        let size = UInt32(truncatingIfNeeded: bytes.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((crc >> UInt32(shift)) & 0xFF)) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((size >> UInt32(shift)) & 0xFF)) }
        return Data(out)
    }

    static let reportText: Data = {
        var text = "tenant.id,name,usage.absolute.total\n"
        for index in 0..<5_000 { text += "tenant-\(index % 17),pw_base_workstations,\(index)\n" }
        return Data(text.utf8)
    }()

    @Test("B4: a truly compressed gzip (the system's gzip -9, Huffman blocks) is read back exactly")
    func compressedGzip() throws {
        let compressed = try Self.systemGzip(Self.reportText)
        #expect(compressed.count * 5 < Self.reportText.count, "gzip -9 really compressed the text")
        #expect(try Gunzip.decompress(compressed) == Self.reportText)
    }

    @Test("B4: a gzip of stored blocks (as the sandbox serves), over several blocks, is read back exactly")
    func storedBlocks() throws {
        let bytes = Array(Self.reportText)
        #expect(try Gunzip.decompress(Self.storedGzip(bytes)) == Self.reportText)
        #expect(try Gunzip.decompress(Self.storedGzip(bytes, blockSize: 1_000)) == Self.reportText, "many stored blocks")
        #expect(try Gunzip.decompress(Self.storedGzip([])) == Data(), "an empty file gzipped")
    }

    @Test("B4: several gzip members one after the other are read as one file, trailing zero padding ignored")
    func members() throws {
        let first = Data("tenant.id,name\n".utf8)
        let second = Data("a,b\n".utf8)
        let joined = try Self.systemGzip(first) + Self.storedGzip(Array(second)) + Data([0, 0, 0])
        #expect(try Gunzip.decompress(joined) == first + second)
    }

    @Test("S5: a body that is not gzip, a truncated one, a corrupt CRC or trailing garbage is a clear GunzipError")
    func brokenGzip() throws {
        #expect(throws: GunzipError.notGzip("it does not start with the gzip magic number 1f 8b")) {
            try Gunzip.decompress(Data("tenant.id,name\n".utf8))
        }
        #expect(throws: GunzipError.notGzip("the body is empty")) { try Gunzip.decompress(Data()) }
        let good = try Self.systemGzip(Self.reportText)
        #expect(throws: GunzipError.truncated(member: 0)) { try Gunzip.decompress(good.prefix(good.count / 2)) }
        var badCRC = good
        badCRC[badCRC.count - 6] ^= 0xFF
        do {
            _ = try Gunzip.decompress(badCRC)
            Issue.record("a wrong CRC must fail")
        } catch {
            guard case .zlib(0, let message) = error else {
                Issue.record("expected a zlib error, got \(error)")
                return
            }
            #expect(message.contains("check"), "zlib names the check that failed: \(message)")
        }
        #expect(throws: GunzipError.trailingData(offset: good.count)) { try Gunzip.decompress(good + Data("junk".utf8)) }
        #expect(throws: GunzipError.tooLarge(limit: 100)) { try Gunzip.decompress(good, limit: 100) }
    }
}

struct GunzipTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
