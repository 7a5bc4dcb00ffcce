// Bare rabbitmq-c baseline loops for the transport benchmark (see include/CBareAMQP.h).
#include "CBareAMQP.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_error(char *error, int error_size, const char *what, const char *detail) {
  if (error != NULL && error_size > 0) {
    snprintf(error, (size_t)error_size, "%s: %s", what, detail ? detail : "failed");
  }
}

static int rpc_ok(amqp_connection_state_t conn, const char *what, char *error, int error_size) {
  amqp_rpc_reply_t reply = amqp_get_rpc_reply(conn);
  if (reply.reply_type == AMQP_RESPONSE_NORMAL) return 1;
  if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION) {
    set_error(error, error_size, what, amqp_error_string2(reply.library_error));
  } else {
    set_error(error, error_size, what, "broker error");
  }
  return 0;
}

static amqp_connection_state_t open_connection(const bare_amqp_target *target, char *error,
                                               int error_size) {
  amqp_connection_state_t conn = amqp_new_connection();
  amqp_socket_t *socket = amqp_tcp_socket_new(conn);
  if (socket == NULL) {
    set_error(error, error_size, "socket", "amqp_tcp_socket_new failed");
    amqp_destroy_connection(conn);
    return NULL;
  }
  struct timeval timeout = {10, 0};
  int status = amqp_socket_open_noblock(socket, target->host, target->port, &timeout);
  if (status != AMQP_STATUS_OK) {
    set_error(error, error_size, "connect", amqp_error_string2(status));
    amqp_destroy_connection(conn);
    return NULL;
  }
  amqp_rpc_reply_t reply = amqp_login(conn, target->vhost, 0, 131072, 30, AMQP_SASL_METHOD_PLAIN,
                                      target->user, target->password);
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
    set_error(error, error_size, "login", "refused or failed");
    amqp_destroy_connection(conn);
    return NULL;
  }
  amqp_channel_open(conn, 1);
  if (!rpc_ok(conn, "channel.open", error, error_size)) {
    amqp_destroy_connection(conn);
    return NULL;
  }
  return conn;
}

static void close_connection(amqp_connection_state_t conn) {
  amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS);
  amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
  amqp_destroy_connection(conn);
}

double bare_publish_confirmed(const bare_amqp_target *target, const char *queue, int count,
                              int body_size, int window, char *error, int error_size) {
  amqp_connection_state_t conn = open_connection(target, error, error_size);
  if (conn == NULL) return -1;
  amqp_confirm_select(conn, 1);
  if (!rpc_ok(conn, "confirm.select", error, error_size)) {
    amqp_destroy_connection(conn);
    return -1;
  }
  char *body = malloc((size_t)(body_size > 0 ? body_size : 1));
  memset(body, 'x', (size_t)(body_size > 0 ? body_size : 1));
  amqp_bytes_t body_bytes = {(size_t)body_size, body};
  amqp_basic_properties_t props;
  memset(&props, 0, sizeof(props));
  props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_CONTENT_TYPE_FLAG;
  props.delivery_mode = 2;
  props.content_type = amqp_cstring_bytes("application/json");

  uint64_t published = 0;
  uint64_t confirmed = 0;
  int failed = 0;
  double start = now_seconds();
  while (confirmed < (uint64_t)count && !failed) {
    while (published < (uint64_t)count && published - confirmed < (uint64_t)window) {
      int status = amqp_basic_publish(conn, 1, amqp_empty_bytes, amqp_cstring_bytes(queue), 0, 0,
                                      &props, body_bytes);
      if (status != AMQP_STATUS_OK) {
        set_error(error, error_size, "basic.publish", amqp_error_string2(status));
        failed = 1;
        break;
      }
      published++;
    }
    if (failed) break;
    amqp_frame_t frame;
    int status = amqp_simple_wait_frame(conn, &frame);
    if (status != AMQP_STATUS_OK) {
      set_error(error, error_size, "wait for confirm", amqp_error_string2(status));
      failed = 1;
      break;
    }
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
      amqp_basic_ack_t *ack = frame.payload.method.decoded;
      if (ack->multiple) {
        confirmed = ack->delivery_tag;
      } else {
        confirmed++;
      }
    } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
      set_error(error, error_size, "publish", "nacked by the broker");
      failed = 1;
    } else if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
               frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
      set_error(error, error_size, "publish", "channel or connection closed by the broker");
      failed = 1;
    }
    amqp_maybe_release_buffers(conn);
  }
  double elapsed = now_seconds() - start;
  free(body);
  if (failed) {
    amqp_destroy_connection(conn);
    return -1;
  }
  close_connection(conn);
  return elapsed;
}

double bare_consume_ack(const bare_amqp_target *target, const char *queue, int count,
                        int prefetch, char *error, int error_size) {
  amqp_connection_state_t conn = open_connection(target, error, error_size);
  if (conn == NULL) return -1;
  amqp_basic_qos(conn, 1, 0, (uint16_t)prefetch, 0);
  if (!rpc_ok(conn, "basic.qos", error, error_size)) {
    amqp_destroy_connection(conn);
    return -1;
  }
  double start = now_seconds();
  amqp_basic_consume(conn, 1, amqp_cstring_bytes(queue), amqp_empty_bytes, 0, 0, 0,
                     amqp_empty_table);
  if (!rpc_ok(conn, "basic.consume", error, error_size)) {
    amqp_destroy_connection(conn);
    return -1;
  }
  int received = 0;
  int failed = 0;
  while (received < count) {
    amqp_envelope_t envelope;
    amqp_maybe_release_buffers(conn);
    struct timeval timeout = {10, 0};
    amqp_rpc_reply_t reply = amqp_consume_message(conn, &envelope, &timeout, 0);
    if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
      if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
          reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
        amqp_frame_t frame;
        if (amqp_simple_wait_frame(conn, &frame) != AMQP_STATUS_OK) {
          failed = 1;
          break;
        }
        continue;
      }
      set_error(error, error_size, "consume",
                reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION
                    ? amqp_error_string2(reply.library_error)
                    : "broker error");
      failed = 1;
      break;
    }
    int status = amqp_basic_ack(conn, envelope.channel, envelope.delivery_tag, 0);
    amqp_destroy_envelope(&envelope);
    if (status != AMQP_STATUS_OK) {
      set_error(error, error_size, "basic.ack", amqp_error_string2(status));
      failed = 1;
      break;
    }
    received++;
  }
  double elapsed = now_seconds() - start;
  if (failed) {
    amqp_destroy_connection(conn);
    return -1;
  }
  close_connection(conn);
  return elapsed;
}
