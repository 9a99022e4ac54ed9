/**
 * Building blocks behind the public crypto API: byte codecs, padding, Merkle trees, raw AEAD and
 * the stream wrappers that keep caller-owned streams open and tell source failures from bad input.
 */
package chat.crypto.internal;
