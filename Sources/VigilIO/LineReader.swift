#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// Streams a file line by line (without the newline), so that a stage holds one record
/// at a time whatever the artifact's size.
public final class LineReader {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var eof = false
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0
    /// Byte offset in the file of the line last returned.
    public private(set) var lineOffset = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    /// Where to resume looking for a newline (bytes before it have none).
    private var scanFrom = 0

    public init(path: String, stage: Stage) throws(VigilError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw VigilError(stage, "missing_artifact", "cannot open \(path): run the previous stage first (\(FileSystem.errnoText()))", file: path)
        }
    }

    deinit { close(fd) }

    /// Up to `count` next lines with their numbers (for work handed out in batches); nil at
    /// the end.
    public func batch(_ count: Int = 512) -> [(line: [UInt8], number: Int)]? {
        var out: [(line: [UInt8], number: Int)] = []
        out.reserveCapacity(count)
        while out.count < count, let line = next() { out.append((line, lineNumber)) }
        return out.isEmpty ? nil : out
    }

    /// The next non-empty line, or nil at the end.
    public func next() -> [UInt8]? {
        while true {
            let from = max(position, scanFrom)
            let nl: Int? = from < buffer.count ? buffer.withUnsafeBytes { b in
                memchr(b.baseAddress! + from, 0x0A, b.count - from).map { b.baseAddress!.distance(to: UnsafeRawPointer($0)) }
            } : nil
            if let nl {
                let line = Array(buffer[position..<nl])
                lineOffset = bufferOffset + position
                position = nl + 1
                scanFrom = position
                lineNumber += 1
                if line.isEmpty { continue }
                return line
            }
            if eof {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                lineOffset = bufferOffset + position
                position = buffer.count
                lineNumber += 1
                return line
            }
            scanFrom = buffer.count
            if position > 0 {
                buffer.removeFirst(position)
                bufferOffset += position
                scanFrom -= position
                position = 0
            }
            let chunk = max(1 << 18, buffer.count)  // grow for long lines: reads stay linear
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, chunk) }
            buffer.removeLast(chunk - max(n, 0))
            if n <= 0 { eof = true }
        }
    }
}
