#ifndef CSPR_CLIBXML2_SHIM_H
#define CSPR_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, whose headers clash with Foundation's bundled ICU.
// Read the version header first and switch ICU off before any other libxml2 header.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void cspr_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
