// Swift view of zlib (Debian `zlib1g-dev`), for the gzip files usage reports download as.
//
// inflateInit2 is a function-like macro, which Swift cannot call; the static inline wrapper
// below passes the library version and stream size the macro would.
#ifndef PSA_CZLIB_SHIM_H
#define PSA_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2(stream, window_bits) as a function.
static inline int psa_inflate_init2(z_streamp stream, int window_bits) {
  return inflateInit2(stream, window_bits);
}

#endif
