/**
 * The end-to-end crypto core: identities, fingerprints, envelope v1 seal and open, encrypted key
 * files, attachment streams and the relay's at-rest sealer. Pure: bytes in, bytes out; randomness
 * and clocks come in through constructors.
 */
package chat.crypto;
