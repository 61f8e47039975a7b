import Synchronization
import VigilCore

/// A clean stop (SIGINT, SIGTERM): the running stage stops taking new episodes, nothing
/// half-written is renamed into place, the lock is released, and a rerun completes the work.
public enum StopRequest {
    static let flag = Atomic<Int32>(0)

    /// Asks the running pipeline to stop; `signal` is reported in the error.
    public static func request(signal: Int32) { flag.store(signal, ordering: .relaxed) }

    static var requested: Int32 { flag.load(ordering: .relaxed) }

    static func check() throws(VigilError) {
        let s = requested
        if s != 0 {
            throw VigilError(.config, "stopped", "stopped by signal \(s) before the stage finished; its outputs were not replaced — rerun to complete")
        }
    }
}
