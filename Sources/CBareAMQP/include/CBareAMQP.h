// A bare rabbitmq-c 0.11 publish/consume loop: the baseline the transport benchmark compares
// the Swift transport to. Plain C, one connection, no threads, no recovery.
#ifndef PSA_CBAREAMQP_H
#define PSA_CBAREAMQP_H

#ifdef __cplusplus
extern "C" {
#endif

/// Where the bare loops connect. Strings are NUL-terminated and only read during the call.
typedef struct bare_amqp_target {
  const char *host;
  int port;
  const char *user;
  const char *password;
  const char *vhost;
} bare_amqp_target;

/// Publishes `count` persistent messages of `body_size` bytes to the default exchange with
/// routing key `queue`, in confirm mode, keeping up to `window` publishes unconfirmed.
/// Returns the elapsed seconds from the first publish to the last confirm, or a negative value
/// on error (then `error` holds a message, if not NULL).
double bare_publish_confirmed(const bare_amqp_target *target, const char *queue, int count,
                              int body_size, int window, char *error, int error_size);

/// Consumes `count` messages from `queue` with the given prefetch and one basic.ack per
/// message. Returns the elapsed seconds from the consume to the last ack, or a negative value
/// on error.
double bare_consume_ack(const bare_amqp_target *target, const char *queue, int count,
                        int prefetch, char *error, int error_size);

#ifdef __cplusplus
}
#endif

#endif
