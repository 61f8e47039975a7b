import Foundation
import VigilAggregate
import VigilCore
import VigilFetch
import VigilIO
import Yams

/// What a run needs to know: inputs, stage options and thresholds. Comes from a
/// pipeline YAML file, from flags, or both (flags win).
///
///     registry: ../SampleData/stations.csv     # paths are relative to the YAML file
///     lexicons: [../SampleData/lexicon.csv]
///     groups: ../SampleData/groups.csv
///     work: ../vigil-work                        # default work folder
///     detect: {negation_window: 6, reporting_window: 8, cues: [my-cues.csv]}
///     thresholds: {min_words: 300, watch: 10, warning: 25, alert: 50, baseline_weeks: 4}
///     archives: [../archive/stt]                 # transcripts found by enclosure name
///     maps: {"https://media.example.org/": ../archive/example/}   # URL prefix → folder
///     fetch: {timeout: 30, retries: 2, max_bytes: 52428800, per_host: 2, contact: "ops@ngo.example"}
public struct PipelineConfig: Sendable, Equatable {
    public var registry: String?
    public var lexicons: [String] = []
    public var groups: String?
    public var work: String?
    /// Cue lists (`phrase, kind, language`); empty: the shipped English cues.
    public var cues: [String] = []
    /// A hallmark model file (`vigil model train`); nil: lexicons only.
    public var model: String?
    /// Replaces the negation cues of the cue lists, when given.
    public var negationCues: [String]?
    public var negationWindow: Int = 6
    public var reportingWindow: Int = 8
    public var imminenceWindow: Int = 12
    public var thresholds = AlertRule()
    /// Write CSVs with a UTF-8 byte-order mark, for Excel (`--excel`; not part of the fingerprint).
    public var excel = false
    /// Folding options per language (`languages: {fr: {fold_diacritics: true}}`).
    public var folding = LanguageFolding()
    /// This run's share of the stations (`--shard K/N`): stations whose stable hash falls in
    /// shard K of N; nil for all stations.
    public var shard: Shard?
    /// Only items published in `since..<until` are ingested (`--since`, `--until`).
    public var since: Timestamp?
    public var until: Timestamp?
    /// How speech-to-text confidence is used (`asr:`).
    public var asr = ASRRule()
    /// Reviewers' verdicts applied to hits (`reviews:`, `--reviews`).
    public var reviews: String?
    /// Names to redact in evidence (`privacy: names:`).
    public var redactNames: String?
    /// Replace speaker names by their role in evidence (`privacy: redact_speakers:`).
    public var redactSpeakers = false
    /// Evidence without redaction, for authorised analysts (`--unredacted`; in the manifest).
    public var unredacted = false
    /// Folders searched for an item's transcript by its enclosure's name.
    public var archives: [String] = []
    /// URL prefix → local folder; matching feeds and transcripts are read from the folder, and
    /// report.html plays matching enclosures from it (CSV and JSON keep the URL).
    public var maps: [URLMap.Entry] = []
    /// How http(s) inputs are fetched (`offline` comes from `--offline`).
    public var fetch = FetchSettings()
    /// Copy unchanged episodes' records from the previous run instead of computing them
    /// again (`--no-reuse` turns it off; not part of the fingerprint: it never changes a byte).
    public var reuse = true
    /// The YAML file it came from, if any.
    public var source: String?

    public init() {}

    /// The keys a pipeline file may hold.
    static let topKeys: Set<String> = ["registry", "lexicons", "lexicon", "groups", "work", "detect", "thresholds", "name", "description", "archives", "maps", "fetch", "reviews", "privacy", "asr", "languages"]

    /// Loads a pipeline file; every problem in it is reported at once.
    public static func load(_ path: String) throws(ConfigErrors) -> PipelineConfig {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch { throw ConfigErrors([error]) }
        var errors: [VigilError] = []
        func fail(_ message: String) { errors.append(VigilError(.config, "bad_pipeline", message, file: path)) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw ConfigErrors([VigilError(.config, "bad_pipeline", "not valid YAML: \(error)", file: path)])
        }
        guard let mapping = node?.mapping else { throw ConfigErrors([VigilError(.config, "bad_pipeline", "a pipeline file must be a YAML mapping", file: path)]) }
        var config = PipelineConfig()
        config.source = path
        let base = FileSystem.directory(of: path)
        func resolve(_ p: String) -> String { FileSystem.normalize(FileSystem.join(base, p)) ?? p }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { fail("keys must be strings"); continue }
            switch key {
            case "registry", "groups", "work", "reviews":
                guard let s = value.string, !s.isEmpty else { fail("'\(key)' must be a path"); continue }
                switch key {
                case "registry": config.registry = resolve(s)
                case "groups": config.groups = resolve(s)
                case "reviews": config.reviews = resolve(s)
                default: config.work = resolve(s)
                }
            case "languages":
                guard let m = value.mapping else { fail("'languages' must be a mapping of language tags"); continue }
                var table: [String: TokenizerOptions] = [:]
                for (k, v) in m {
                    guard let tag = k.string, let o = v.mapping else { fail("languages.\(k.string ?? "?") must be a mapping"); continue }
                    var options = config.folding.options(for: tag)
                    for (ok, ov) in o {
                        guard let b = ov.bool else { fail("languages.\(tag).\(ok.string ?? "?") must be true or false"); continue }
                        switch ok.string {
                        case "fold_diacritics": options.foldDiacritics = b
                        case "turkish_casing": options.turkishCasing = b
                        default: fail("unknown key languages.\(tag).\(ok.string ?? "?") (known: fold_diacritics, turkish_casing)")
                        }
                    }
                    table[tag] = options
                }
                config.folding = LanguageFolding(table)
            case "asr":
                guard let m = value.mapping else { fail("'asr' must be a mapping"); continue }
                for (k, v) in m {
                    guard let d = v.float else { fail("asr.\(k.string ?? "?") must be a number"); continue }
                    switch k.string {
                    case "no_speech_prob": config.asr.noSpeech = d
                    case "low_logprob": config.asr.lowLogprob = d
                    case "max_compression_ratio": config.asr.maxCompression = d
                    case "low_word_probability": config.asr.lowWordProbability = d
                    case "low_confidence_weight": config.asr.lowConfidenceWeight = d
                    default: fail("unknown key asr.\(k.string ?? "?") (known: low_confidence_weight, low_logprob, low_word_probability, max_compression_ratio, no_speech_prob)")
                    }
                }
            case "privacy":
                guard let m = value.mapping else { fail("'privacy' must be a mapping"); continue }
                for (k, v) in m {
                    switch k.string {
                    case "names":
                        if let s = v.string { config.redactNames = resolve(s) } else { fail("privacy.names must be a path") }
                    case "redact_speakers":
                        if let b = v.bool { config.redactSpeakers = b } else { fail("privacy.redact_speakers must be true or false") }
                    default: fail("unknown key privacy.\(k.string ?? "?") (known: names, redact_speakers)")
                    }
                }
            case "lexicons", "lexicon":
                if let s = value.string {
                    config.lexicons.append(resolve(s))
                } else if let seq = value.sequence {
                    for item in seq {
                        if let s = item.string { config.lexicons.append(resolve(s)) } else { fail("'lexicons' must list paths") }
                    }
                } else {
                    fail("'lexicons' must be a path or a list of paths")
                }
            case "detect":
                guard let m = value.mapping else { fail("'detect' must be a mapping"); continue }
                for (k, v) in m {
                    switch k.string {
                    case "negation_window", "reporting_window", "imminence_window":
                        guard let n = v.int, n >= 0 else { fail("detect.\(k.string!) must be a whole number ≥ 0"); continue }
                        switch k.string! {
                        case "negation_window": config.negationWindow = n
                        case "reporting_window": config.reportingWindow = n
                        default: config.imminenceWindow = n
                        }
                    case "negation_cues":
                        if let seq = v.sequence, seq.allSatisfy({ $0.string != nil }) { config.negationCues = seq.compactMap(\.string) } else { fail("detect.negation_cues must be a list of phrases") }
                    case "cues":
                        if let s = v.string { config.cues = [resolve(s)] } else if let seq = v.sequence, seq.allSatisfy({ $0.string != nil }) { config.cues = seq.compactMap(\.string).map(resolve) } else { fail("detect.cues must be a path or a list of paths") }
                    case "model":
                        if let s = v.string { config.model = resolve(s) } else { fail("detect.model must be a path") }
                    default: fail("unknown key detect.\(k.string ?? "?") (known: cues, imminence_window, model, negation_cues, negation_window, reporting_window)")
                    }
                }
            case "thresholds":
                guard let m = value.mapping else { fail("'thresholds' must be a mapping"); continue }
                for (k, v) in m {
                    let name = k.string ?? "?"
                    switch name {
                    case "min_words", "baseline_weeks", "persistence_weeks":
                        guard let n = v.int else { fail("thresholds.\(name) must be a whole number"); continue }
                        switch name {
                        case "min_words": config.thresholds.minWords = n
                        case "baseline_weeks": config.thresholds.baselineWeeks = n
                        default: config.thresholds.persistenceWeeks = n
                        }
                    case "watch", "warning", "alert", "min_airtime_minutes", "escalation_ratio":
                        guard let d = v.float else { fail("thresholds.\(name) must be a number"); continue }
                        switch name {
                        case "watch": config.thresholds.watch = d
                        case "warning": config.thresholds.warning = d
                        case "alert": config.thresholds.alert = d
                        case "min_airtime_minutes": config.thresholds.minAirtimeMinutes = d
                        default: config.thresholds.escalationRatio = d
                        }
                    default:
                        fail("unknown key thresholds.\(name) (known: alert, baseline_weeks, escalation_ratio, min_airtime_minutes, min_words, persistence_weeks, warning, watch)")
                    }
                }
            case "archives":
                if let s = value.string {
                    config.archives.append(resolve(s))
                } else if let seq = value.sequence, seq.allSatisfy({ $0.string != nil }) {
                    config.archives += seq.compactMap(\.string).map(resolve)
                } else {
                    fail("'archives' must be a folder or a list of folders")
                }
            case "maps":
                guard let m = value.mapping else { fail("'maps' must be a mapping of URL prefix to folder"); continue }
                for (k, v) in m {
                    guard let prefix = k.string, WebURL.isWeb(prefix), let folder = v.string, !folder.isEmpty else {
                        fail("maps: each entry must map an http(s) URL prefix to a folder (\(k.string ?? "?"))")
                        continue
                    }
                    config.maps.append(URLMap.Entry(prefix: prefix, folder: resolve(folder)))
                }
            case "fetch":
                guard let m = value.mapping else { fail("'fetch' must be a mapping"); continue }
                for (k, v) in m {
                    let name = k.string ?? "?"
                    switch name {
                    case "timeout", "connect_timeout", "backoff", "max_total_seconds":
                        guard let d = v.float else { fail("fetch.\(name) must be a number of seconds"); continue }
                        switch name {
                        case "timeout": config.fetch.timeout = d
                        case "connect_timeout": config.fetch.connectTimeout = d
                        case "backoff": config.fetch.backoff = d
                        default: config.fetch.maxTotalSeconds = d
                        }
                    case "retries", "max_bytes", "per_host":
                        guard let n = v.int else { fail("fetch.\(name) must be a whole number"); continue }
                        switch name {
                        case "retries": config.fetch.retries = n
                        case "max_bytes": config.fetch.maxBytes = n
                        default: config.fetch.perHost = n
                        }
                    case "allow_private", "allow_loopback":
                        guard let b = v.bool else { fail("fetch.\(name) must be true or false"); continue }
                        if name == "allow_private" { config.fetch.allowPrivate = b } else { config.fetch.allowLoopback = b }
                    case "contact":
                        guard let c = v.string else { fail("fetch.contact must be text"); continue }
                        config.fetch.contact = c
                    default:
                        fail("unknown key fetch.\(name) (known: allow_loopback, allow_private, backoff, connect_timeout, contact, max_bytes, max_total_seconds, per_host, retries, timeout)")
                    }
                }
            case "name", "description":
                continue
            default:
                fail("unknown key '\(key)' (known: \(topKeys.sorted().joined(separator: ", ")))")
            }
        }
        errors += config.thresholds.problems.map { VigilError(.config, "bad_pipeline", "thresholds: \($0)", file: path) }
        errors += config.fetch.problems.map { VigilError(.config, "bad_pipeline", $0, file: path) }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        return config
    }

    /// A stable description of everything that changes results (not work or jobs); its
    /// SHA-256 goes in the manifest.
    public var fingerprint: JSONValue { fingerprint(portable: false) }

    /// The named fields of the fingerprint, serialized in fingerprint order: the settings
    /// one stage depends on (its reuse key).
    func fingerprint(only names: Set<String>) -> String {
        guard case .object(let fields) = fingerprint else { return "" }
        return JSONValue.object(fields.filter { names.contains($0.0) }).serialized()
    }

    /// With `portable`, file paths are reduced to file names, so that the hash written into
    /// data files (the audit trail) is the same on every machine and checkout.
    public func fingerprint(portable: Bool) -> JSONValue {
        func p(_ path: String) -> String { portable ? FileSystem.basename(path) : path }
        func p(_ path: String?) -> JSONValue { JSONValue(path.map { p($0) }) }
        var fields: [(String, JSONValue)] = [
            ("registry", p(registry)),
            ("lexicons", lexicons.isEmpty ? .string("shipped:default-en.csv") : .array(lexicons.map { .string(p($0)) })),
            ("groups", JSONValue(groups.map { p($0) } ?? "shipped:groups-en.csv")),
            ("cues", cues.isEmpty ? .string("shipped:cues-en.csv") : .array(cues.map { .string(p($0)) })),
            ("negation_cues", negationCues.map { .array($0.map { .string($0) }) } ?? .null),
            ("negation_window", .int(negationWindow)),
            ("reporting_window", .int(reportingWindow)),
            ("imminence_window", .int(imminenceWindow)),
            ("reviews", p(reviews)),
        ]
        // Absent without a model, so that configs without one keep their fingerprint.
        if let model { fields.append(("model", .string(p(model)))) }
        fields += [
            ("redaction", .string(unredacted ? "off" : "on")),
            ("redact_names", p(redactNames)),
            ("redact_speakers", .bool(redactSpeakers)),
            ("languages", .object(folding.byLanguage.keys.sorted().map { k in
                let o = folding.byLanguage[k]!
                return (k, .object([("fold_diacritics", .bool(o.foldDiacritics)), ("turkish_casing", .bool(o.turkishCasing))]))
            })),
            ("asr", .object([
                ("no_speech_prob", .number(asr.noSpeech)), ("low_logprob", .number(asr.lowLogprob)),
                ("max_compression_ratio", .number(asr.maxCompression)), ("low_word_probability", .number(asr.lowWordProbability)),
                ("low_confidence_weight", .number(asr.lowConfidenceWeight)),
            ])),
            ("thresholds", .object([
                ("min_words", .int(thresholds.minWords)), ("watch", .number(thresholds.watch)),
                ("warning", .number(thresholds.warning)), ("alert", .number(thresholds.alert)),
                ("baseline_weeks", .int(thresholds.baselineWeeks)),
                ("min_airtime_minutes", .number(thresholds.minAirtimeMinutes)),
                ("escalation_ratio", .number(thresholds.escalationRatio)),
                ("persistence_weeks", .int(thresholds.persistenceWeeks)),
            ])),
        ]
        // Only when used, so that configs without them keep their fingerprint.
        if let shard { fields.append(("shard", .string("\(shard.index)/\(shard.count)"))) }
        if let since { fields.append(("since", .string(since.rfc3339))) }
        if let until { fields.append(("until", .string(until.rfc3339))) }
        if !archives.isEmpty { fields.append(("archives", .array(archives.map { .string(p($0)) }))) }
        if !maps.isEmpty { fields.append(("maps", .object(maps.map { ($0.prefix, .string(p($0.folder))) }))) }
        return .object(fields)
    }
}

/// Several configuration errors, reported together before stopping.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [VigilError]
    public init(_ errors: [VigilError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
