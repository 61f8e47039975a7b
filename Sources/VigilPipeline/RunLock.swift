#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore
import VigilIO

/// One run per work folder: `WORK/vigil.lock` holds the running process's id. A second run
/// is refused while that process lives; a lock left by a dead process (killed, crashed,
/// rebooted) is taken over, and the takeover is reported.
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
                let text = Array("\(getpid())\n".utf8)
                _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                return
            }
            guard errno == EEXIST else {
                throw VigilError(.config, "lock_failed", "cannot create the lock \(path): \(String(cString: strerror(errno)))", file: path)
            }
            let holder = Int32(String(decoding: (try? FileSystem.read(path)) ?? [], as: UTF8.self).trimmingSpaces().split(separator: "\n").first ?? "") ?? 0
            if holder > 0 && holder != getpid() && (kill(holder, 0) == 0 || errno == EPERM) {
                throw VigilError(.config, "work_folder_busy", "another vigil run (process \(holder)) is using \(workspace.root); wait for it to finish, or stop it", file: path)
            }
            tookOverFrom = holder
            unlink(path)
        }
        throw VigilError(.config, "lock_failed", "cannot take the lock \(path)", file: path)
    }

    func release() { unlink(path) }

    deinit { release() }
}
