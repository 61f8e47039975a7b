#ifndef VIGIL_CLIBXML2_SHIM_H
#define VIGIL_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its headers would pull in system ICU, whose
// UErrorCode clashes with Foundation's copy. Vigil never uses libxml2's ICU API.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared
// mutable state; call it through a function instead.
static inline void vigil_xml_free(void *p) { xmlFree(p); }

// A loader that refuses every external entity and DTD: a second lock behind
// XML_PARSE_NONET and the absence of NOENT/DTDLOAD.
static inline xmlParserInputPtr vigil_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void vigil_install_deny_loader(void) { xmlSetExternalEntityLoader(vigil_deny_loader); }
#endif
