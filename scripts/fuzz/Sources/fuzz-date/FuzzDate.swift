// libFuzzer entry point: DateParser.parse on arbitrary text (invalid UTF-8 is repaired the way
// String(decoding:) does for feed text). Returning nil is a correct answer; a crash, trap or
// hang is a bug.
import VigilIngest
import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    _ = DateParser.parse(text)
    return 0
}

/// SwiftPM's Linux executables enter through `fuzz_date_main`, not libFuzzer's `main()`, so
/// start libFuzzer here with the process arguments (all libFuzzer flags work as usual).
@main
enum Fuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data, size) })
    }
}
