// libFuzzer entry point: TranscriptParser.parse as both JSON transcript formats (Whisper and
// Podcasting 2.0) on every input. A thrown VigilError is a correct answer; a crash, trap,
// hang or huge allocation is a bug.
import VigilCore
import VigilIngest
import FuzzMain
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    _ = try? TranscriptParser.parse(bytes, format: .whisperJSON, file: "fuzz.json")
    _ = try? TranscriptParser.parse(bytes, format: .podcastJSON, file: "fuzz.json")
    return 0
}

@main
enum Fuzzer {
    static func main() { runLibFuzzer(fuzz) }
}
