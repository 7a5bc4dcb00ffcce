import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a file (`flock(2)`), held while a process sets a database up.
///
/// `flock` locks belong to an open file description, so two `FileLock`s in one process exclude
/// each other exactly like two processes do; the kernel drops the lock if the holder dies.
/// The lock file is never deleted: deleting a lock file lets a third opener lock a new inode
/// while a second one still holds the old one.
struct FileLock: ~Copyable {
    private let descriptor: Int32

    /// Opens (creating if needed) `path` and waits up to `timeout` seconds for the exclusive lock.
    init(path: String, timeout: TimeInterval) throws(StateStoreError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: "cannot open lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw .cannotOpen(path: path, reason: "cannot lock: \(String(cString: strerror(code)))")
            }
            guard Date() < deadline else {
                close(descriptor)
                throw .setupLockTimeout(path: path, seconds: timeout)
            }
            usleep(5_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }
}
