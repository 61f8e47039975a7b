#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// Small POSIX file helpers with typed errors.
public enum FileSystem {
    /// Reads a whole file.
    public static func read(_ path: String, stage: Stage = .config) throws(VigilError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno == ENOENT ? "missing_file" : "unreadable_file"
            throw VigilError(stage, code, errno == ENOENT ? "file not found" : "cannot read: \(errnoText())", file: path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw VigilError(stage, "unreadable_file", "cannot stat: \(errnoText())", file: path) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw VigilError(stage, "unreadable_file", "is a folder, not a file", file: path) }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw VigilError(stage, "unreadable_file", "read failed: \(errnoText())", file: path)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String) throws(VigilError) {
        if path.isEmpty || isDirectory(path) { return }
        try makeDirectories(directory(of: path))
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw error("cannot_write", "cannot create folder: \(errnoText())", path)
        }
    }

    public static func remove(_ path: String) { unlink(path) }

    /// The folder part of a path (`""` for a bare name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last path component.
    public static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Joins a folder and a relative path; an absolute `relative` stands alone.
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty { return relative }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    /// Removes `.` and resolves `..` lexically. Returns nil when `..` climbs above the start
    /// of a relative path.
    public static func normalize(_ path: String) -> String? {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty || parts.last == ".." {
                    if absolute { continue }
                    parts.append(part)
                } else {
                    parts.removeLast()
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// True when `path` (normalized) lies inside `root` (normalized).
    public static func isInside(_ path: String, root: String) -> Bool {
        guard let p = normalize(path), let r = normalize(root) else { return false }
        if p.hasPrefix("../") || p == ".." { return r.hasPrefix("..") && p.hasPrefix(r + "/") }
        if r == "." { return !p.hasPrefix("/") }
        return p == r || p.hasPrefix(r.hasSuffix("/") ? r : r + "/")
    }

    /// The current working folder.
    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The text of the current `errno`.
    public static func errnoText() -> String { String(cString: strerror(errno)) }

    static func error(_ code: String, _ message: String, _ path: String) -> VigilError {
        VigilError(.config, code, message, file: path)
    }
}
