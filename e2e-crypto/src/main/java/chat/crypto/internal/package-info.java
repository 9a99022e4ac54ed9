/**
 * Building blocks behind the public crypto API: byte codecs, padding, Merkle trees and raw AEAD.
 */
package chat.crypto.internal;
