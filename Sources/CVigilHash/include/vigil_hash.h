#ifndef VIGIL_HASH_H
#define VIGIL_HASH_H

#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` 64-byte blocks of `data` into the SHA-256 `state` with the CPU's SHA
/// instructions (x86 SHA extensions). Returns 1 when done, 0 when this CPU has no SHA
/// instructions (the caller then uses its portable code); `state` is untouched then.
int vigil_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
