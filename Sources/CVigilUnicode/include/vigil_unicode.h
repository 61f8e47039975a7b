#ifndef VIGIL_UNICODE_H
#define VIGIL_UNICODE_H
#include <stdint.h>

/// NFKC_Casefold (NFKC + full case folding + removal of default ignorables) of
/// `len` UTF-16 units into `dst`. Returns the output length, or -1 on error
/// (including an output larger than `cap`).
int32_t vigil_nfkc_casefold(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap);

/// 1 when normalization never combines `c` with what precedes it, so text can be
/// normalized piecewise at this code point with the same result.
int vigil_nfkc_casefold_boundary_before(uint32_t c);
#endif
