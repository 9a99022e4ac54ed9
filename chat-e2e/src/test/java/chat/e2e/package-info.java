/**
 * End-to-end tests: real clients, a real relay in-process, TLS on loopback; and the same clients
 * behind a relay that misbehaves on purpose ({@code HostileRelay}).
 */
package chat.e2e;
