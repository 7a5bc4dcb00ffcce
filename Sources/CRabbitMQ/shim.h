// Swift view of rabbitmq-c 0.11 (Debian librabbitmq-dev).
//
// - <sys/time.h> comes first: amqp.h only forward-declares `struct timeval`, which would
//   otherwise import as an opaque pointer.
// - amqp_login_with_properties is C-variadic, which Swift cannot call; the static inline
//   wrapper below fixes the SASL PLAIN argument list.
// - The wake-up descriptor helpers give the connection thread something to poll() next to the
//   AMQP socket, so a command from another thread wakes it without a timed busy loop.
#ifndef PSA_CRABBITMQ_SHIM_H
#define PSA_CRABBITMQ_SHIM_H

#include <sys/time.h>
#include <sys/eventfd.h>
#include <poll.h>
#include <unistd.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>

#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/framing.h>
#include <rabbitmq-c/tcp_socket.h>
#else
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#endif

/// Logs in with SASL PLAIN and the given client properties (non-variadic form of
/// amqp_login_with_properties).
static inline amqp_rpc_reply_t psa_amqp_login_plain(amqp_connection_state_t state,
                                                    const char *vhost, int channel_max,
                                                    int frame_max, int heartbeat,
                                                    const amqp_table_t *client_properties,
                                                    const char *user, const char *password) {
  return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat,
                                    client_properties, AMQP_SASL_METHOD_PLAIN, user, password);
}

/// Logs in with SASL PLAIN and the library's default client properties (non-variadic form of
/// amqp_login).
static inline amqp_rpc_reply_t psa_amqp_login_plain_default(amqp_connection_state_t state,
                                                            const char *vhost, int channel_max,
                                                            int frame_max, int heartbeat,
                                                            const char *user,
                                                            const char *password) {
  return amqp_login(state, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user,
                    password);
}

/// A non-blocking, close-on-exec eventfd used to wake a thread sleeping in poll(); -1 on error.
static inline int psa_wakeup_fd_create(void) {
  return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/// Makes the wake-up descriptor readable (safe from any thread).
static inline void psa_wakeup_fd_signal(int fd) {
  eventfd_t one = 1;
  (void)eventfd_write(fd, one);
}

/// Clears the wake-up descriptor.
static inline void psa_wakeup_fd_drain(int fd) {
  eventfd_t value;
  (void)eventfd_read(fd, &value);
}

// glibc declares this only under _GNU_SOURCE.
int pthread_setname_np(pthread_t thread, const char *name);

/// Names the calling thread (at most 15 characters are kept), for ps, top and debuggers.
static inline void psa_set_thread_name(const char *name) {
  char truncated[16];
  strncpy(truncated, name, 15);
  truncated[15] = 0;
  (void)pthread_setname_np(pthread_self(), truncated);
}

/// Waits until `socket_fd` is readable or `wake_fd` is signalled, up to `timeout_ms`.
/// Returns a bit set: 1 = socket readable (or in error), 2 = woken; 0 on timeout; -1 on error.
static inline int psa_wait_readable(int socket_fd, int wake_fd, int timeout_ms) {
  struct pollfd fds[2];
  int n = 0;
  fds[n].fd = wake_fd;
  fds[n].events = POLLIN;
  fds[n].revents = 0;
  n++;
  if (socket_fd >= 0) {
    fds[n].fd = socket_fd;
    fds[n].events = POLLIN;
    fds[n].revents = 0;
    n++;
  }
  int rc;
  do {
    rc = poll(fds, (nfds_t)n, timeout_ms);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return -1;
  int result = 0;
  if (fds[0].revents != 0) result |= 2;
  if (n > 1 && fds[1].revents != 0) result |= 1;
  return result;
}

#endif
