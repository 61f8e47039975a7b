import Dispatch
import Foundation

/// At most `limit` requests in flight per host, across every worker thread.
///
/// Why: a community station's server is often small; Vigil should not hit it with every
/// core at once.
final class HostLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String: DispatchSemaphore] = [:]
    private let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    func run<T, E: Error>(_ host: String, _ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        let slot = slots[host] ?? DispatchSemaphore(value: limit)
        slots[host] = slot
        lock.unlock()
        slot.wait()
        defer { slot.signal() }
        return try body()
    }
}
