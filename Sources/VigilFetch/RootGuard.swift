#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// Keeps local reads inside allowed folders, after symlinks are resolved, and caps their size.
///
/// Why: a transcript reference is untrusted. A lexical check refuses `..` and absolute
/// paths, but a symlink inside the corpus (`transcripts/a.vtt -> /etc/shadow`) passes it.
/// Here every path is canonicalized with `realpath` and must lie inside the canonical form
/// of one of the roots (the registry's folder, the feed's folder, the archive folders, the
/// map targets). Only regular files are read (a FIFO would block, a device never ends), and
/// a file larger than the cap is refused before it is read.
///
/// Known gap: a symlink swapped in between the check and the `open` (a race by someone who
/// can write in the corpus) is not caught beyond the last path component (`O_NOFOLLOW`).
///
/// ```swift
/// let guard = RootGuard(roots: ["SampleData", "archive"])
/// let bytes = try guard.read("SampleData/transcripts/a.vtt", display: "transcripts/a.vtt", maxBytes: 1 << 20)
/// ```
public struct RootGuard: Sendable {
    /// Canonical roots.
    public let roots: [String]

    /// Roots that do not exist are dropped.
    public init(roots: [String]) {
        var out: [String] = []
        for r in roots {
            if let c = Self.canonical(r.isEmpty ? "." : r), !out.contains(c) { out.append(c) }
        }
        self.roots = out
    }

    /// A guard with one more root.
    public func adding(_ root: String) -> RootGuard {
        RootGuard(canonicalRoots: roots, extra: root)
    }

    private init(canonicalRoots: [String], extra: String) {
        var out = canonicalRoots
        if let c = Self.canonical(extra.isEmpty ? "." : extra), !out.contains(c) { out.append(c) }
        roots = out
    }

    /// True when `canonicalPath` lies inside a root.
    public func contains(canonicalPath p: String) -> Bool {
        roots.contains { r in p == r || p.hasPrefix(r == "/" ? "/" : r + "/") }
    }

    /// Reads `path` if it resolves inside a root; errors name `display`.
    /// - Throws: `ingest.missing_file`, `ingest.outside_root`, `ingest.unreadable_file`,
    ///   `ingest.too_large`.
    public func read(_ path: String, display: String, maxBytes: Int) throws(VigilError) -> [UInt8] {
        guard let real = Self.canonical(path) else {
            let missing = errno == ENOENT || errno == ENOTDIR
            throw VigilError(.ingest, missing ? "missing_file" : "unreadable_file", missing ? "file not found" : "cannot resolve path: \(String(cString: strerror(errno)))", file: display)
        }
        guard contains(canonicalPath: real) else {
            throw VigilError(.ingest, "outside_root", "\(display) resolves (through a symlink) to a file outside the allowed folders; refused", file: display)
        }
        return try Self.readRegular(real, display: display, maxBytes: maxBytes, flags: O_NOFOLLOW)
    }

    /// Reads a regular file of at most `maxBytes` bytes (trusted paths: the registry's feeds).
    public static func readRegular(_ path: String, display: String, maxBytes: Int, flags: Int32 = 0) throws(VigilError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | flags)
        if fd < 0 {
            let code = errno == ENOENT ? "missing_file" : (errno == ELOOP ? "outside_root" : "unreadable_file")
            throw VigilError(.ingest, code, errno == ENOENT ? "file not found" : "cannot read: \(String(cString: strerror(errno)))", file: display)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw VigilError(.ingest, "unreadable_file", "cannot stat: \(String(cString: strerror(errno)))", file: display) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw VigilError(.ingest, "unreadable_file", "not a regular file (a folder, device or pipe); refused", file: display)
        }
        guard Int(st.st_size) <= maxBytes else {
            throw VigilError(.ingest, "too_large", "file is \(st.st_size) bytes; the cap is \(maxBytes) (fetch: {max_bytes: N})", file: display)
        }
        var out = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var count = 0
        while true {
            if count == out.count {
                guard out.count <= maxBytes else {
                    throw VigilError(.ingest, "too_large", "file grew past the cap of \(maxBytes) bytes while being read", file: display)
                }
                out += [UInt8](repeating: 0, count: min(1 << 20, maxBytes + 1 - out.count + 1))
            }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw VigilError(.ingest, "unreadable_file", "read failed: \(String(cString: strerror(errno)))", file: display)
            }
            if n == 0 { break }
            count += n
        }
        guard count <= maxBytes else {
            throw VigilError(.ingest, "too_large", "file grew past the cap of \(maxBytes) bytes while being read", file: display)
        }
        out.removeLast(out.count - count)
        return out
    }

    /// `realpath`, nil when the path does not resolve.
    public static func canonical(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
