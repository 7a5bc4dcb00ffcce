// Swift view of glibc's malloc extensions (<malloc.h>), for returning freed heap pages to the
// system (MemoryTrimmer). Part of the C library: nothing to install or link.
#ifndef PSA_CMALLOC_SHIM_H
#define PSA_CMALLOC_SHIM_H

#include <malloc.h>

#endif
