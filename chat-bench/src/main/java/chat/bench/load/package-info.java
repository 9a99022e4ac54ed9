/**
 * The load generator: drives the real relay (a separate process, over TLS, with real signed
 * envelopes) and, in the same run, ngircd and Redis pub/sub as baselines, and reports deliveries,
 * loss, latency, and server and generator CPU and memory. {@link chat.bench.load.LoadGen} is the
 * entry point.
 */
package chat.bench.load;
