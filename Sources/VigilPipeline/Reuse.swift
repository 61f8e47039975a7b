#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore
import VigilIO

/// Incremental runs: each of ingest, normalize and detect keeps an index of the records it
/// wrote and what each was computed from, so that a rerun copies the bytes of an unchanged
/// episode instead of computing them again.
///
/// A record's key is a SHA-256 over everything the record depends on: its input bytes (the
/// transcript and feed item; the ingest record; the normalized record and the station's
/// registry row) and the stage key — Vigil's build plus the stage's settings and the
/// contents of the files it reads (lexicons, groups, cues, reviews, names). Equal key, equal
/// record: reuse never changes a byte of the outputs, it only skips work.
///
/// `STAGE/reuse.tsv`, written after the stage's outputs are in place:
///
///     vigil-reuse 1
///     key <stage key>
///     part <name> <sha256>                       one per part of the stage key (for "why")
///     output <path> <size> <mtime_ns> <inode>    one per output, as it was when indexed
///     <record key> TAB <offset> TAB <length> [TAB <offset> TAB <length>…] [TAB <extra>…]
///
/// The `output` lines make the index safe against crashes and edits: if an output is not
/// exactly the file that was indexed (a crash between the two renames, an edit, a restore),
/// the index is ignored and every record is computed afresh.
struct ReuseKey {
    /// Named parts, compared with the previous run's to say what changed.
    let parts: [(name: String, digest: String)]
    let hex: String

    init(_ stage: Stage, _ parts: [(String, String)]) {
        let all = [("tool", ReuseKey.tool)] + parts.map { ($0.0, SHA256.hex(Array($0.1.utf8))) }
        self.parts = all.map { (name: $0.0, digest: $0.1) }
        hex = SHA256.hex(Array((["vigil-reuse-1", stage.rawValue] + all.map { "\($0.0)=\($0.1)" }).joined(separator: "\n").utf8))
    }

    /// The record key of `input` under this stage key.
    func record(_ input: some Sequence<UInt8>, extra: String = "") -> String {
        var h = SHA256()
        h.update(Array((hex + "\n" + extra + "\n").utf8))
        h.update(input)
        return h.finalize()
    }

    /// Vigil's version and build: the running executable's size and modification time, so
    /// that a rebuilt or upgraded Vigil never reuses an older build's records.
    static let tool: String = {
        var st = stat()
        let exe = stat("/proc/self/exe", &st) == 0 ? "\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)" : "unknown"
        return SHA256.hex(Array("\(Manifest.toolVersion) \(exe)".utf8))
    }()
}

/// The previous run's index of one stage, open for lookups (from many threads) while the
/// stage writes its new outputs.
final class PreviousRecords: @unchecked Sendable {
    struct Entry {
        var slices: [(offset: Int, length: Int)]
        var extra: [Substring]
    }

    /// What became of the previous run's records, for the manifest.
    let status: String
    /// Stage-key parts that differ from the previous run (empty when none or no previous run).
    let changed: [String]
    private let entries: [String: Substring]
    private let outputs: Int
    private let fds: [Int32]

    /// Loads `STAGE/reuse.tsv` if it belongs to `key` and to the outputs as they are now.
    init(stage: Stage, workspace: Workspace, key: ReuseKey, outputs: [String], enabled: Bool) {
        self.outputs = outputs.count
        let loaded = Self.load(path: ReuseIndex.path(stage, workspace), key: key, outputs: outputs, enabled: enabled)
        entries = loaded.entries
        status = loaded.status
        changed = loaded.changed
        fds = loaded.fds
    }

    private static func load(path: String, key: ReuseKey, outputs: [String], enabled: Bool)
        -> (entries: [String: Substring], status: String, changed: [String], fds: [Int32]) {
        guard enabled else { return ([:], "off (--no-reuse)", [], []) }
        guard let file = ReuseIndexFile(path: path) else {
            return ([:], "none (no previous run of this stage in the work folder)", [], [])
        }
        guard file.known else { return ([:], "discarded (unknown index format)", [], []) }
        guard file.key == key.hex else {
            let changed = key.parts.filter { file.parts[$0.name] != $0.digest }.map(\.name)
            return ([:], "discarded (changed since the previous run: \(changed.isEmpty ? "stage key" : changed.joined(separator: ", ")))", changed, [])
        }
        guard file.outputs == outputs.map({ ReuseIndex.identity(of: $0) ?? "missing" }) else {
            return ([:], "discarded (an output changed after it was indexed)", [], [])
        }
        var fds: [Int32] = []
        for output in outputs {
            let fd = open(output, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let why = FileSystem.errnoText()
                fds.forEach { close($0) }
                return ([:], "discarded (cannot open \(output): \(why))", [], [])
            }
            fds.append(fd)
        }
        var entries: [String: Substring] = [:]
        entries.reserveCapacity(file.records.count)
        for line in file.records {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            entries[String(line[..<tab])] = line[line.index(after: tab)...]
        }
        return (entries, "used", [], fds)
    }

    deinit { fds.forEach { close($0) } }

    func entry(_ key: String) -> Entry? {
        guard let raw = entries[key] else { return nil }
        let f = raw.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count >= outputs * 2 else { return nil }
        var slices: [(Int, Int)] = []
        for i in 0..<outputs {
            guard let o = Int(f[2 * i]), let n = Int(f[2 * i + 1]), o >= 0, n >= 0 else { return nil }
            slices.append((o, n))
        }
        return Entry(slices: slices, extra: Array(f[(outputs * 2)...]))
    }

    /// The size of previous output `file` (nil when the previous records are not in use).
    func size(of file: Int) -> Int? {
        guard file < fds.count else { return nil }
        var st = stat()
        return fstat(fds[file], &st) == 0 ? Int(st.st_size) : nil
    }

    /// `length` bytes at `offset` of the previous output `file`; nil on a short read.
    func read(file: Int, _ slice: (offset: Int, length: Int)) -> [UInt8]? {
        guard file < fds.count else { return nil }
        if slice.length == 0 { return [] }
        var out = [UInt8](repeating: 0, count: slice.length)
        var done = 0
        while done < slice.length {
            let n = out.withUnsafeMutableBytes { pread(fds[file], $0.baseAddress! + done, slice.length - done, off_t(slice.offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return out
    }

    /// Every slice of the entry, read; nil if the entry is missing or a read falls short.
    func records(_ key: String) -> (bytes: [[UInt8]], extra: [Substring])? {
        guard let e = entry(key) else { return nil }
        var out: [[UInt8]] = []
        for (i, s) in e.slices.enumerated() {
            guard let b = read(file: i, s) else { return nil }
            out.append(b)
        }
        return (out, e.extra)
    }

    /// For the manifest: what was reused and why.
    func manifest(reused: Int, computed: Int) -> JSONValue {
        var fields: [(String, JSONValue)] = [("previous", .string(status)), ("reused", .int(reused)), ("computed", .int(computed))]
        if !changed.isEmpty { fields.append(("changed", .array(changed.map { .string($0) }))) }
        return .object(fields)
    }
}

/// A `reuse.tsv` as read back: its header (stage key, key parts, output identities) and its
/// record lines, for the stage that wrote it and for the stage after it.
struct ReuseIndexFile {
    /// False when the file is not an index this Vigil writes (then nothing else is set).
    var known = false
    var key = ""
    var parts: [String: String] = [:]
    var outputs: [String] = []
    var records: ArraySlice<Substring> = []

    /// Nil when there is no readable file at `path`.
    init?(path: String) {
        guard FileSystem.exists(path), let bytes = try? FileSystem.read(path) else { return nil }
        let text = Substring(String(decoding: bytes, as: UTF8.self))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == "vigil-reuse 1" else { return }
        known = true
        lines = lines.dropFirst()
        while let line = lines.first, !line.contains("\t") {
            lines = lines.dropFirst()
            let f = line.split(separator: " ", maxSplits: 2)
            guard f.count >= 2 else { continue }
            switch f[0] {
            case "key": key = String(f[1])
            case "part" where f.count == 3: parts[String(f[1])] = String(f[2])
            case "output": outputs.append(String(line.dropFirst("output ".count)))
            default: break
            }
        }
        records = lines
    }
}

/// The index a stage writes for the next run.
final class ReuseIndex {
    private var body: [UInt8] = []
    private let stage: Stage
    private let workspace: Workspace
    private let key: ReuseKey

    init(stage: Stage, workspace: Workspace, key: ReuseKey) {
        self.stage = stage
        self.workspace = workspace
        self.key = key
    }

    static func path(_ stage: Stage, _ workspace: Workspace) -> String { workspace.path("\(stage.rawValue)/reuse.tsv") }

    /// Size, modification time and inode: changes whenever the file is replaced or edited.
    static func identity(of path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(path) \(st.st_size) \(Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)) \(st.st_ino)"
    }

    /// One record: where its bytes sit in each output, and the stage's extra fields (no tabs
    /// or newlines).
    func add(_ recordKey: String, _ slices: [(offset: Int, length: Int)], extra: [String] = []) {
        var line = recordKey
        for s in slices { line += "\t\(s.offset)\t\(s.length)" }
        for e in extra { line += "\t" + e }
        body += Array((line + "\n").utf8)
    }

    /// Writes the index naming `outputs` as they are now (call after they are committed).
    func commit(outputs: [String]) throws(VigilError) {
        var head = "vigil-reuse 1\nkey \(key.hex)\n"
        for p in key.parts { head += "part \(p.name) \(p.digest)\n" }
        for o in outputs { head += "output \(ReuseIndex.identity(of: o) ?? "missing")\n" }
        try AtomicFile.write(Array(head.utf8) + body, to: ReuseIndex.path(stage, workspace))
    }
}

/// The `"feed_line":N` member of an ingest record: the one part of a record that moves when
/// items are added above it in the feed, so it is left out of the keys and rewritten on reuse.
enum FeedLineField {
    static let marker = Array(",\"feed_line\":".utf8)

    /// The member's byte range in a record (from its leading comma), if present. Keys are
    /// sorted, so it comes early; inside strings a `"` is always escaped, so the marker cannot
    /// occur in text.
    static func range(in record: [UInt8]) -> Range<Int>? {
        let m = marker
        guard record.count > m.count else { return nil }
        var i = 0
        let last = record.count - m.count
        while i <= last {
            if record[i] == m[0] {
                var j = 1
                while j < m.count && record[i + j] == m[j] { j += 1 }
                if j == m.count {
                    var end = i + m.count
                    while end < record.count, record[end] >= 0x30, record[end] <= 0x39 { end += 1 }
                    return i..<end
                }
            }
            i += 1
        }
        return nil
    }

    /// The record without the member.
    static func without(_ record: [UInt8]) -> [UInt8] {
        guard let r = range(in: record) else { return record }
        return Array(record[..<r.lowerBound]) + record[r.upperBound...]
    }

    /// The record with the member's value set to `line`.
    static func setting(_ record: [UInt8], line: Int) -> [UInt8]? {
        guard let r = range(in: record) else { return nil }
        return Array(record[..<r.lowerBound]) + marker + Array(String(line).utf8) + record[r.upperBound...]
    }
}

/// A stage output written with the previous run's records at hand. While every record so
/// far is the previous output's bytes at the same place, nothing is written; if the whole
/// output turns out the same, the previous file simply stays (no copy, no `fsync`). At the
/// first difference the matching prefix is copied into a new file and writing goes on as
/// usual, so the result is always exactly the bytes written.
final class ReusedOutput {
    typealias Slice = (offset: Int, length: Int)

    let path: String
    private let previous: PreviousRecords
    private let output: Int
    private let previousSize: Int
    /// Bytes of the previous output matched so far (while `file` is nil).
    private var matched = 0
    private var file: AtomicFile?
    /// Bytes in the output so far: where the next record starts.
    private(set) var size = 0

    /// `output`: this file's position in the `outputs` the previous records were loaded with.
    init(path: String, previous: PreviousRecords, output: Int) {
        self.path = path
        self.previous = previous
        self.output = output
        previousSize = previous.size(of: output) ?? -1
    }

    private var same: Bool { file == nil && previousSize >= 0 }

    /// Writes bytes that may or may not equal the previous output at this place.
    func write(_ bytes: [UInt8]) throws(VigilError) {
        if same, matched + bytes.count <= previousSize, previous.read(file: output, (matched, bytes.count)) == bytes {
            return match(bytes.count)
        }
        try append(bytes)
    }

    /// Writes a record known to be the previous output's bytes at `slice`.
    func writePrevious(_ slice: Slice) throws(VigilError) {
        if same, slice.offset == matched { return match(slice.length) }
        guard let bytes = previous.read(file: output, slice) else {
            throw VigilError(.config, "reuse_read_failed", "cannot read a reused record (bytes \(slice.offset)+\(slice.length)) of the previous output", file: path)
        }
        try append(bytes)
    }

    /// Writes `bytes`, which equal the previous output's bytes at `slice` when `slice` is given.
    func write(_ bytes: [UInt8], sameAs slice: Slice?) throws(VigilError) {
        if let slice, same, slice.offset == matched, slice.length == bytes.count { return match(slice.length) }
        try append(bytes)
    }

    /// The next `count` bytes are the previous output's: nothing to write yet.
    private func match(_ count: Int) {
        matched += count
        size += count
    }

    private func append(_ bytes: [UInt8]) throws(VigilError) {
        try diverge()
        try file!.write(bytes)
        size += bytes.count
    }

    /// Puts the output in place; keeps the previous file when every byte matched it.
    func commit() throws(VigilError) {
        if same && matched == previousSize { return }
        try diverge()
        try file!.commit()
    }

    /// True when the previous output was kept as it is.
    var keptPrevious: Bool { same && matched == previousSize }

    private func diverge() throws(VigilError) {
        guard file == nil else { return }
        let f = try AtomicFile(path: path)
        var at = 0
        while at < matched {
            let n = min(1 << 22, matched - at)
            guard let chunk = previous.read(file: output, (at, n)) else {
                throw VigilError(.config, "reuse_read_failed", "cannot copy the previous output's first \(matched) bytes", file: path)
            }
            try f.write(chunk)
            at += n
        }
        file = f
    }
}

/// The record keys of the previous stage's output, by byte offset, read from that stage's
/// index when the output is exactly the file the index describes. A stage keys its records
/// on these instead of hashing each input record again: equal upstream key, equal record.
struct UpstreamKeys {
    private var byOffset: [Int: Substring] = [:]

    /// None known (reuse off).
    init() {}

    init(stage: Stage, workspace: Workspace, output: String) {
        // The first output is the record file; it must be the very file indexed.
        guard let file = ReuseIndexFile(path: ReuseIndex.path(stage, workspace)), file.known,
              let first = file.outputs.first, let now = ReuseIndex.identity(of: output), first == now else { return }
        byOffset.reserveCapacity(file.records.count)
        for line in file.records {
            let f = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count >= 2, let offset = Int(f[1]) else { continue }
            byOffset[offset] = f[0]
        }
    }

    /// The key of the record starting at `offset`, if known.
    subscript(offset: Int) -> Substring? { byOffset[offset] }
}
