import Dispatch
import Foundation
import VigilCore
import VigilIO

/// Runs `transform` on a stream of work items with `jobs` threads and hands the results
/// to `consume` in input order, so output bytes never depend on the job count.
///
/// Each worker pulls the next item as soon as it is free (episodes vary a hundredfold in
/// size, so fixed strides would leave a core idle). At most `window` items are in flight
/// or waiting to be consumed, so memory stays bounded however long the stream is.
/// `next` is called under the lock; `consume` is called by one thread at a time, in order,
/// outside the lock (so writing the output overlaps with handing out work); neither is ever
/// called concurrently with itself. `transform` runs in parallel and must only read shared
/// state.
enum OrderedParallel {
    static func run<Work, Output>(
        jobs: Int,
        window: Int = 64,
        next: @escaping () throws -> Work?,
        transform: @escaping (Work) -> Output,
        consume: @escaping (Output) throws -> Void
    ) throws(VigilError) {
        let state = State(next: next, transform: transform, consume: consume, window: max(window, jobs * 2))
        if jobs <= 1 {
            state.worker()
        } else {
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in state.worker() }
        }
        if let failure = state.failure {
            if let v = failure as? VigilError { throw v }
            throw VigilError(.config, "internal", "\(failure)")
        }
    }

    private final class State<Work, Output>: @unchecked Sendable {
        let lock = NSCondition()
        let next: () throws -> Work?
        let transform: (Work) -> Output
        let consume: (Output) throws -> Void
        let window: Int
        var issued = 0
        var consumed = 0
        var exhausted = false
        var failure: (any Error)?
        var results: [Int: Output] = [:]
        /// A thread is consuming results (outside the lock); others leave theirs to it.
        var consuming = false

        init(next: @escaping () throws -> Work?, transform: @escaping (Work) -> Output, consume: @escaping (Output) throws -> Void, window: Int) {
            self.next = next
            self.transform = transform
            self.consume = consume
            self.window = window
        }

        func worker() {
            lock.lock()
            defer {
                lock.broadcast()
                lock.unlock()
            }
            while true {
                while failure == nil && !exhausted && issued - consumed >= window { lock.wait() }
                guard failure == nil, !exhausted else { return }
                let work: Work?
                do {
                    try StopRequest.check()
                    work = try next()
                } catch {
                    failure = error
                    return
                }
                guard let work else {
                    exhausted = true
                    return
                }
                let seq = issued
                issued += 1
                lock.unlock()
                let output = transform(work)
                lock.lock()
                results[seq] = output
                if !consuming {
                    consuming = true
                    while failure == nil, let ready = results.removeValue(forKey: consumed) {
                        lock.unlock()
                        var failed: (any Error)?
                        do { try consume(ready) } catch { failed = error }
                        lock.lock()
                        if let failed { failure = failed }
                        consumed += 1
                        lock.broadcast()  // the window has room again
                    }
                    consuming = false
                }
                lock.broadcast()
            }
        }
    }
}

/// One record of a per-episode stage's input: its bytes (without the newline), its 1-based
/// line number and its byte offset in the file.
typealias RecordLine = (line: [UInt8], number: Int, offset: Int)

extension LineReader {
    /// The next record with its line number and offset, or nil at the end.
    func nextRecord() -> RecordLine? { next().map { ($0, lineNumber, lineOffset) } }
}
