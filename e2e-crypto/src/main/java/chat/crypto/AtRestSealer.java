package chat.crypto;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The relay's second, server-side encryption layer for what it stores: AES-256-GCM under a Tink
 * keyset the relay owns, with the row's identity as associated data.
 *
 * <p>Guarantee: a sealed row opens only under a keyset holding the key that sealed it and only for
 * the same row id, byte for byte as sealed; altered, truncated or moved rows fail. Every seal uses
 * the keyset's primary key and a fresh random 96-bit nonce (from Tink's own {@code SecureRandom});
 * the output is Tink's 5-byte key prefix ({@code 0x01} || key id, big-endian), the nonce, the
 * ciphertext and a 16-byte tag. {@link #rotate} adds a new primary and keeps the old keys, so rows
 * sealed earlier still open. Only AES-256-GCM keys with Tink prefixes are accepted.
 *
 * <p>Null arguments throw {@link NullPointerException}; empty plaintext is allowed, an empty row id
 * is a programming error ({@link IllegalArgumentException}). A bad keyset throws {@link
 * MalformedDataException}; a row that does not open throws {@link AuthenticationException} or, if
 * too short to be a sealed row, {@link MalformedDataException}.
 *
 * <p>Immutable and safe for concurrent use. Holds secret keys: redacted {@code toString}, no {@code
 * equals}. Tink keeps the key bytes, so they cannot be zeroed from here.
 */
public final class AtRestSealer {
  /** Bytes a sealed row adds to its plaintext: key prefix, nonce and tag. */
  public static final int OVERHEAD_BYTES = 5 + 12 + 16;

  private static final Configuration CONFIGURATION = AeadConfig2026.get();

  private final KeysetHandle keyset;
  private final com.google.crypto.tink.Aead aead;

  private AtRestSealer(KeysetHandle keyset) throws GeneralSecurityException {
    this.keyset = keyset;
    this.aead = keyset.getPrimitive(CONFIGURATION, com.google.crypto.tink.Aead.class);
  }

  /** A sealer with a new keyset of one fresh AES-256-GCM key. */
  public static AtRestSealer generate() {
    try {
      return new AtRestSealer(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, CONFIGURATION));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM key generation unavailable", e);
    }
  }

  /**
   * Restores a sealer from {@link #serializedKeyset} output.
   *
   * @throws MalformedDataException if the bytes are not a Tink JSON keyset of AES-256-GCM keys
   */
  public static AtRestSealer fromKeyset(byte[] serializedKeyset) throws MalformedDataException {
    Objects.requireNonNull(serializedKeyset, "serializedKeyset");
    try {
      String json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(serializedKeyset))
              .toString();
      KeysetHandle keyset =
          TinkJsonProtoKeysetFormat.parseKeyset(json, CONFIGURATION, InsecureSecretKeyAccess.get());
      requireAes256Gcm(keyset);
      return new AtRestSealer(keyset);
    } catch (CharacterCodingException | GeneralSecurityException | RuntimeException e) {
      throw new MalformedDataException("not a valid at-rest keyset");
    }
  }

  private static void requireAes256Gcm(KeysetHandle keyset) throws GeneralSecurityException {
    for (int i = 0; i < keyset.size(); i++) {
      if (!(keyset.getAt(i).getKey() instanceof AesGcmKey key)
          || !key.getParameters().equals(PredefinedAeadParameters.AES256_GCM)) {
        throw new GeneralSecurityException("keyset holds a key that is not AES-256-GCM");
      }
    }
  }

  /**
   * The keyset, secret keys included, in Tink's JSON keyset format (UTF-8). The relay stores it in
   * its data directory in a file only its owner can read, and zeroes this array once written.
   */
  public byte[] serializedKeyset() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(
              keyset, CONFIGURATION, InsecureSecretKeyAccess.get())
          .getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keyset could not be serialized", e);
    }
  }

  /**
   * A sealer whose keyset holds every key of this one plus a fresh AES-256-GCM key with a random
   * id, which becomes the primary. This sealer is unchanged; persist the new keyset before using
   * it.
   */
  public AtRestSealer rotate() {
    try {
      return new AtRestSealer(
          KeysetHandle.newBuilder(keyset)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .setConfiguration(CONFIGURATION)
              .build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keyset rotation failed", e);
    }
  }

  /**
   * As {@link #seal(byte[], byte[])}, reading {@code plaintext} in place rather than copying it
   * first (a stored envelope to a large room is hundreds of kilobytes).
   */
  public byte[] seal(Bytes plaintext, byte[] rowId) {
    return seal(Objects.requireNonNull(plaintext, "plaintext").shared(), rowId);
  }

  /** Seals {@code plaintext} for the row {@code rowId} under the primary key. */
  public byte[] seal(byte[] plaintext, byte[] rowId) {
    Objects.requireNonNull(plaintext, "plaintext");
    requireRowId(rowId);
    try {
      return aead.encrypt(plaintext, rowId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Opens a row sealed by {@link #seal} with the same row id, under any key of this keyset.
   *
   * @throws MalformedDataException if {@code sealed} is shorter than {@link #OVERHEAD_BYTES}
   * @throws AuthenticationException if the key is unknown, the row id differs or a byte changed
   */
  public byte[] open(byte[] sealed, byte[] rowId) throws CryptoException {
    Objects.requireNonNull(sealed, "sealed");
    requireRowId(rowId);
    if (sealed.length < OVERHEAD_BYTES) {
      throw new MalformedDataException("sealed row too short");
    }
    try {
      return aead.decrypt(sealed, rowId);
    } catch (GeneralSecurityException e) {
      throw new AuthenticationException("sealed row did not authenticate");
    }
  }

  /** Number of keys in the keyset. */
  public int keyCount() {
    return keyset.size();
  }

  /** The id of the primary key, as written (big-endian) after the {@code 0x01} prefix byte. */
  public int primaryKeyId() {
    return keyset.getPrimary().getId();
  }

  /**
   * Whether {@code sealed} is, by its key prefix, a row sealed under a key this keyset does not
   * hold: another relay's keyset, or a key added by a rotation this keyset has not seen. False for
   * a row of this keyset's, changed afterwards or not, and for bytes too short or without the
   * prefix to name a key at all (damage, not another keyset). Says nothing of whether it opens.
   */
  public boolean namesAnotherKey(byte[] sealed) {
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length < OVERHEAD_BYTES || sealed[0] != 0x01) {
      return false;
    }
    int id = ByteBuffer.wrap(sealed, 1, 4).getInt();
    for (int i = 0; i < keyset.size(); i++) {
      if (keyset.getAt(i).getId() == id) {
        return false;
      }
    }
    return true;
  }

  private static void requireRowId(byte[] rowId) {
    Objects.requireNonNull(rowId, "rowId");
    if (rowId.length == 0) {
      throw new IllegalArgumentException("row id must not be empty");
    }
  }

  @Override
  public String toString() {
    return "AtRestSealer[keyCount=" + keyset.size() + ", keys=<redacted>]";
  }
}
