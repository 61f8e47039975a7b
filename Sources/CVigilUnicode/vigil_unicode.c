#include "vigil_unicode.h"
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static const UNormalizer2 *instance(void) {
    // ICU caches the instance itself; repeated lookups are cheap and thread-safe.
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&err);
    return U_FAILURE(err) ? 0 : n;
}

int32_t vigil_nfkc_casefold(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap) {
    const UNormalizer2 *n = instance();
    if (!n) return -1;
    UErrorCode err = U_ZERO_ERROR;
    int32_t out = unorm2_normalize(n, (const UChar *)src, len, (UChar *)dst, cap, &err);
    if (U_FAILURE(err)) return -1;
    return out;
}

int vigil_nfkc_casefold_boundary_before(uint32_t c) {
    const UNormalizer2 *n = instance();
    if (!n) return 1;
    return unorm2_hasBoundaryBefore(n, (UChar32)c) ? 1 : 0;
}
