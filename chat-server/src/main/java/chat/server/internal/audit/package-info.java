/**
 * The relay's audit log: security-relevant events (connections, logins, registrations, limits,
 * errors, administrative actions) recorded off the request path into {@code relay.db}. It never
 * holds message content, passwords, tokens or keys.
 */
package chat.server.internal.audit;
