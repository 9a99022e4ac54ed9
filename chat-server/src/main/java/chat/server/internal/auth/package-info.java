/** Password hashing, session tokens and the login and request rate limits. */
package chat.server.internal.auth;
