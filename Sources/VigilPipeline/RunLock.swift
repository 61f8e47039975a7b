#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore
import VigilIO

/// One run per work folder: `WORK/vigil.lock` holds the running process's id and host. A
/// second run is refused while that process lives; a lock left by a dead process on this
/// host (killed, crashed) is taken over, and the takeover is reported. A lock from another
/// host (shared storage) cannot be checked and is never taken over: remove it by hand if
/// that run is gone.
final class RunLock {
    let path: String
    /// The id of the dead process whose lock was taken over, if any.
    private(set) var tookOverFrom: Int32?

    init(workspace: Workspace) throws(VigilError) {
        path = workspace.path("vigil.lock")
        try FileSystem.makeDirectories(workspace.root)
        for _ in 0..<3 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let text = Array("\(getpid()) \(Self.hostname)\n".utf8)
                _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                return
            }
            guard errno == EEXIST else {
                throw VigilError(.config, "lock_failed", "cannot create the lock \(path): \(String(cString: strerror(errno)))", file: path)
            }
            let fields = String(decoding: (try? FileSystem.read(path)) ?? [], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
            let holder = fields.first.flatMap { Int32($0) } ?? 0
            let host = fields.count > 1 ? String(fields[1]) : Self.hostname
            if host != Self.hostname {
                throw VigilError(.config, "work_folder_busy", "another vigil run (process \(holder) on host \(host)) holds \(workspace.root); if that run is gone, remove \(path)", file: path)
            }
            if holder > 0 && holder != getpid() && (kill(holder, 0) == 0 || errno == EPERM) {
                throw VigilError(.config, "work_folder_busy", "another vigil run (process \(holder)) is using \(workspace.root); wait for it to finish, or stop it", file: path)
            }
            tookOverFrom = holder
            unlink(path)
        }
        throw VigilError(.config, "lock_failed", "cannot take the lock \(path)", file: path)
    }

    func release() { unlink(path) }

    static let hostname: String = {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count) == 0 else { return "unknown" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    deinit { release() }
}
