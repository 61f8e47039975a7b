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

    public init(path: String, stage: Stage) throws(VigilError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw VigilError(stage, "missing_artifact", "cannot open \(path): run the previous stage first (\(FileSystem.errnoText()))", file: path)
        }
    }

    deinit { close(fd) }

    /// The next non-empty line, or nil at the end.
    public func next() -> [UInt8]? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                let line = Array(buffer[position..<nl])
                position = nl + 1
                lineNumber += 1
                if line.isEmpty { continue }
                return line
            }
            if eof {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                lineNumber += 1
                return line
            }
            buffer.removeFirst(position)
            position = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 18)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}
