// libFuzzer entry point: TranscriptParser.parse(format: .srt) on arbitrary bytes. A thrown
// VigilError is a correct answer; a crash, trap, hang or huge allocation is a bug.
import VigilCore
import VigilIngest
import FuzzMain
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    _ = try? TranscriptParser.parse(bytes, format: .srt, file: "fuzz.srt")
    return 0
}

@main
enum Fuzzer {
    static func main() { runLibFuzzer(fuzz) }
}
