import Foundation
import VigilCore

/// Encoding and decoding of JSON Lines records with stable bytes: keys sorted, slashes
/// unescaped, one record per line.
public struct JSONLines: Sendable {
    public init() {}

    /// One line (with its `\n`) for `record`.
    public func encode<T: Encodable>(_ record: T) throws(VigilError) -> [UInt8] {
        if let fast = record as? any FastJSONRecord {
            var w = JSONByteWriter()
            fast.writeJSON(&w)
            w.bytes.append(0x0A)
            return w.bytes
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var data = Array(try encoder.encode(record))
            data.append(0x0A)
            return data
        } catch {
            throw VigilError(.config, "encode_failed", "cannot encode record: \(error)")
        }
    }

    /// One line for a record with a hand-written form (no dynamic cast per record).
    public func encode<T: FastJSONRecord & Encodable>(_ record: T) throws(VigilError) -> [UInt8] {
        var w = JSONByteWriter()
        record.writeJSON(&w)
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Decodes one line of a record with a hand-written form.
    public func decode<T: FastJSONRecord & Decodable>(_ type: T.Type, from line: [UInt8], file: String, lineNumber: Int, stage: Stage) throws(VigilError) -> T {
        do {
            return try T.decode(line)
        } catch let e as VigilError {
            throw VigilError(stage, "bad_artifact", "not a valid \(T.self) record: \(e.message)", file: file, line: lineNumber)
        } catch {
            throw VigilError(stage, "bad_artifact", "not a valid \(T.self) record: \(error)", file: file, line: lineNumber)
        }
    }

    /// Decodes one line, naming the file and line when it is not a valid record.
    public func decode<T: Decodable>(_ type: T.Type, from line: [UInt8], file: String, lineNumber: Int, stage: Stage) throws(VigilError) -> T {
        if let fast = T.self as? any FastJSONRecord.Type {
            do {
                return try fast.decode(line) as! T
            } catch let e as VigilError {
                throw VigilError(stage, "bad_artifact", "not a valid \(T.self) record: \(e.message)", file: file, line: lineNumber)
            } catch {
                throw VigilError(stage, "bad_artifact", "not a valid \(T.self) record: \(error)", file: file, line: lineNumber)
            }
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(line))
        } catch {
            throw VigilError(stage, "bad_artifact", "not a valid \(T.self) record: \(error)", file: file, line: lineNumber)
        }
    }
}
