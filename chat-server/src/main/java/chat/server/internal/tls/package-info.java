/**
 * TLS 1.3 material: operator PEM files or a self-signed ECDSA P-256 certificate made on first
 * start.
 */
package chat.server.internal.tls;
