// libFuzzer's documented entry for programs that have their own main
// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library). SwiftPM links every
// Linux executable with `--defsym main=<module>_main`, so the fuzz targets cannot use
// libFuzzer's own main(); each one's @main calls this instead.
#ifndef VIGIL_FUZZ_DRIVER_H
#define VIGIL_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
