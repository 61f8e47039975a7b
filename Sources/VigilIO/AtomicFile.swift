#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// A file written to a temporary name beside its destination and renamed into place on
/// `commit()`, so that readers (and a rerun after a crash) never see half a file.
///
/// Output is buffered; `write` takes bytes or strings.
public final class AtomicFile {
    public let path: String
    private let tempPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20
    /// Bytes written so far: the offset the next write lands at.
    public private(set) var size = 0

    /// Creates the folder if needed and opens `path.tmp-PID` for writing.
    public init(path: String) throws(VigilError) {
        self.path = path
        tempPath = path + ".tmp-\(getpid())"
        try FileSystem.makeDirectories(FileSystem.directory(of: path))
        fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw FileSystem.error("cannot_write", "cannot create file: \(FileSystem.errnoText())", path) }
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(tempPath)
        }
    }

    public func write(_ bytes: some Sequence<UInt8>) throws(VigilError) {
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        size += buffer.count - before
        if buffer.count >= Self.flushAt { try flush() }
    }

    public func write(_ text: String) throws(VigilError) { try write(text.utf8) }

    private func flush() throws(VigilError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystem.error("cannot_write", "write failed: \(FileSystem.errnoText())", path)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames into place.
    public func commit() throws(VigilError) {
        try flush()
        fsync(fd)
        close(fd)
        fd = -1
        if rename(tempPath, path) != 0 {
            let text = FileSystem.errnoText()
            unlink(tempPath)
            throw FileSystem.error("cannot_write", "cannot rename into place: \(text)", path)
        }
    }

    /// Writes a whole file atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(VigilError) {
        let f = try AtomicFile(path: path)
        try f.write(bytes)
        try f.commit()
    }
}
