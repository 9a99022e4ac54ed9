/** End-to-end tests: real clients, a real relay in-process, TLS on loopback. */
package chat.e2e;
