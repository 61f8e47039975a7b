// Starts libFuzzer for a target. SwiftPM's Linux executables enter through `<module>_main`,
// not libFuzzer's own `main()`, so each target's @main calls this with its entry point
// (all libFuzzer flags work as usual).
import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif

public func runLibFuzzer(_ entry: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
}
