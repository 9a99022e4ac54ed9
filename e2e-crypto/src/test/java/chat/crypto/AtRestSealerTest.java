package chat.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtRestSealerTest {
  private static final byte[] ROW = "envelope/room-42/seq-1001".getBytes(UTF_8);
  private static final byte[] OTHER_ROW = "envelope/room-42/seq-1002".getBytes(UTF_8);
  private static final byte[] PLAINTEXT = "stored envelope bytes".getBytes(UTF_8);

  private final AtRestSealer sealer = AtRestSealer.generate();

  @Test
  void generate_always_oneKey() {
    assertThat(sealer.keyCount()).isEqualTo(1);
  }

  @Test
  void seal_thenOpen_returnsPlaintext() throws Exception {
    assertThat(sealer.open(sealer.seal(PLAINTEXT, ROW), ROW)).isEqualTo(PLAINTEXT);
  }

  @Test
  void seal_bytes_opensLikeAnArraysSealAndLeavesThemUnchanged() throws Exception {
    Bytes plaintext = Bytes.of(PLAINTEXT);

    byte[] sealed = sealer.seal(plaintext, ROW);

    assertThat(sealer.open(sealed, ROW)).isEqualTo(PLAINTEXT);
    assertThat(sealed).hasSize(PLAINTEXT.length + AtRestSealer.OVERHEAD_BYTES);
    assertThat(plaintext.toByteArray()).isEqualTo(PLAINTEXT);
  }

  @Test
  void seal_emptyPlaintext_opensToEmpty() throws Exception {
    byte[] sealed = sealer.seal(new byte[0], ROW);
    assertThat(sealed).hasSize(AtRestSealer.OVERHEAD_BYTES);
    assertThat(sealer.open(sealed, ROW)).isEmpty();
  }

  @Test
  void seal_always_addsTinkPrefixNonceAndTag() {
    byte[] sealed = sealer.seal(PLAINTEXT, ROW);
    assertThat(sealed).hasSize(PLAINTEXT.length + AtRestSealer.OVERHEAD_BYTES);
    assertThat(sealed[0]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(sealed, 1, 4).getInt()).isEqualTo(sealer.primaryKeyId());
  }

  @Test
  void seal_samePlaintextTwice_differs() {
    assertThat(sealer.seal(PLAINTEXT, ROW)).isNotEqualTo(sealer.seal(PLAINTEXT, ROW));
  }

  @Test
  void open_otherRowId_throwsAuthentication() {
    byte[] sealed = sealer.seal(PLAINTEXT, ROW);
    assertThatThrownBy(() -> sealer.open(sealed, OTHER_ROW))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_anyByteFlipped_throwsAuthentication() {
    byte[] sealed = sealer.seal(PLAINTEXT, ROW);
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      try {
        sealer.open(tampered, ROW);
        accepted.add(i);
      } catch (AuthenticationException expected) {
        // rejected, as it must be
      } catch (CryptoException other) {
        accepted.add(-i - 1);
      }
    }
    assertThat(accepted).as("offsets whose flip was not an authentication failure").isEmpty();
  }

  @Test
  void open_truncatedOrExtended_fails() {
    byte[] sealed = sealer.seal(PLAINTEXT, ROW);
    assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, sealed.length - 1), ROW))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, sealed.length + 1), ROW))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, 32), ROW))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> sealer.open(new byte[0], ROW))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void open_sealedByOtherKeyset_throwsAuthentication() {
    byte[] sealed = AtRestSealer.generate().seal(PLAINTEXT, ROW);
    assertThatThrownBy(() -> sealer.open(sealed, ROW)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void sealAndOpen_badArguments_failFast() {
    assertThatThrownBy(() -> sealer.seal((byte[]) null, ROW))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> sealer.seal((Bytes) null, ROW))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> sealer.seal(PLAINTEXT, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> sealer.seal(PLAINTEXT, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sealer.open(null, ROW)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> sealer.open(new byte[40], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AtRestSealer.fromKeyset(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void serializedKeyset_parsedBack_opensOldRowsAndSealsAlike() throws Exception {
    byte[] sealed = sealer.seal(PLAINTEXT, ROW);
    AtRestSealer restored = AtRestSealer.fromKeyset(sealer.serializedKeyset());
    assertThat(restored.keyCount()).isEqualTo(1);
    assertThat(restored.primaryKeyId()).isEqualTo(sealer.primaryKeyId());
    assertThat(restored.open(sealed, ROW)).isEqualTo(PLAINTEXT);
    assertThat(sealer.open(restored.seal(PLAINTEXT, ROW), ROW)).isEqualTo(PLAINTEXT);
  }

  @Test
  void serializedKeyset_always_isTinkJsonWithAesGcmKey() {
    String json = new String(sealer.serializedKeyset(), UTF_8);
    assertThat(json)
        .contains("\"primaryKeyId\"")
        .contains("type.googleapis.com/google.crypto.tink.AesGcmKey")
        .contains("\"TINK\"")
        .contains("\"ENABLED\"");
  }

  @Test
  void rotate_always_addsNewPrimaryAndKeepsOldKey() {
    AtRestSealer rotated = sealer.rotate();
    assertThat(rotated.keyCount()).isEqualTo(2);
    assertThat(rotated.primaryKeyId()).isNotEqualTo(sealer.primaryKeyId());
    assertThat(sealer.keyCount()).as("original unchanged").isEqualTo(1);
    assertThat(rotated.rotate().keyCount()).isEqualTo(3);
  }

  @Test
  void rotate_rowsSealedBefore_stillOpen() throws Exception {
    byte[] old = sealer.seal(PLAINTEXT, ROW);
    AtRestSealer rotated = sealer.rotate();
    assertThat(rotated.open(old, ROW)).isEqualTo(PLAINTEXT);
    AtRestSealer reloaded = AtRestSealer.fromKeyset(rotated.serializedKeyset());
    assertThat(reloaded.keyCount()).isEqualTo(2);
    assertThat(reloaded.open(old, ROW)).isEqualTo(PLAINTEXT);
    assertThat(reloaded.rotate().open(old, ROW)).isEqualTo(PLAINTEXT);
  }

  @Test
  void namesAnotherKey_anotherKeysetsRowsAndARotationNotSeen_notOwnRowsEvenDamaged() {
    byte[] own = sealer.seal(PLAINTEXT, ROW);
    byte[] damaged = own.clone();
    damaged[damaged.length - 1] ^= 1;
    AtRestSealer rotated = sealer.rotate();

    assertThat(sealer.namesAnotherKey(AtRestSealer.generate().seal(PLAINTEXT, ROW))).isTrue();
    assertThat(sealer.namesAnotherKey(rotated.seal(PLAINTEXT, ROW))).isTrue();
    assertThat(sealer.namesAnotherKey(own)).isFalse();
    assertThat(sealer.namesAnotherKey(damaged)).as("the prefix names a key of it").isFalse();
    assertThat(rotated.namesAnotherKey(own)).as("rotation keeps the old key").isFalse();
    assertThat(sealer.namesAnotherKey(new byte[AtRestSealer.OVERHEAD_BYTES - 1]))
        .as("too short to name a key: damage")
        .isFalse();
    assertThat(sealer.namesAnotherKey(new byte[64])).as("zeros: no prefix, damage").isFalse();
  }

  @Test
  void rotate_newRows_sealedUnderNewPrimary() throws Exception {
    AtRestSealer rotated = sealer.rotate();
    byte[] fresh = rotated.seal(PLAINTEXT, ROW);
    assertThat(ByteBuffer.wrap(fresh, 1, 4).getInt())
        .isEqualTo(rotated.primaryKeyId())
        .isNotEqualTo(sealer.primaryKeyId());
    assertThatThrownBy(() -> sealer.open(fresh, ROW))
        .as("the pre-rotation keyset lacks the new key")
        .isInstanceOf(AuthenticationException.class);
    assertThat(AtRestSealer.fromKeyset(rotated.serializedKeyset()).open(fresh, ROW))
        .isEqualTo(PLAINTEXT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "{}",
        "[]",
        "{\"primaryKeyId\": 1, \"key\": []}",
        "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {\"typeUrl\": \"x\"}}]}",
        "null"
      })
  void fromKeyset_garbage_throwsMalformed(String text) {
    assertThatThrownBy(() -> AtRestSealer.fromKeyset(text.getBytes(UTF_8)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void fromKeyset_invalidUtf8_throwsMalformed() {
    assertThatThrownBy(() -> AtRestSealer.fromKeyset(new byte[] {'{', (byte) 0xff, '}'}))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void fromKeyset_truncatedJson_throwsMalformed() {
    byte[] json = sealer.serializedKeyset();
    assertThatThrownBy(() -> AtRestSealer.fromKeyset(Arrays.copyOf(json, json.length / 2)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void fromKeyset_primaryIdNotInKeyset_throwsMalformed() {
    String json = new String(sealer.serializedKeyset(), UTF_8);
    String wrongPrimary = json.replaceFirst("\"primaryKeyId\":\\s*-?\\d+", "\"primaryKeyId\": 7");
    assertThat(wrongPrimary).isNotEqualTo(json);
    assertThatThrownBy(() -> AtRestSealer.fromKeyset(wrongPrimary.getBytes(UTF_8)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void fromKeyset_otherAeadKeyTypes_throwsMalformed() throws Exception {
    Parameters rawAes256Gcm =
        AesGcmParameters.builder()
            .setKeySizeBytes(32)
            .setIvSizeBytes(12)
            .setTagSizeBytes(16)
            .setVariant(AesGcmParameters.Variant.NO_PREFIX)
            .build();
    for (Parameters parameters :
        List.of(
            PredefinedAeadParameters.AES128_GCM,
            PredefinedAeadParameters.CHACHA20_POLY1305,
            rawAes256Gcm)) {
      String json =
          TinkJsonProtoKeysetFormat.serializeKeyset(
              KeysetHandle.generateNew(parameters, AeadConfig2026.get()),
              AeadConfig2026.get(),
              InsecureSecretKeyAccess.get());
      assertThatThrownBy(() -> AtRestSealer.fromKeyset(json.getBytes(UTF_8)))
          .as(parameters.toString())
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void toString_always_hidesKeyMaterial() {
    String json = new String(sealer.serializedKeyset(), UTF_8);
    String keyValue = json.replaceAll("(?s).*\"value\":\\s*\"([^\"]+)\".*", "$1");
    assertThat(sealer.toString()).contains("redacted").doesNotContain(keyValue);
  }

  @Test
  void spec_sealedRow_opensWithPlainAesGcmUnderPrimaryKey() throws Exception {
    AtRestSealer rotated = sealer.rotate();
    byte[] sealed = rotated.seal(PLAINTEXT, ROW);
    KeysetHandle keyset =
        TinkJsonProtoKeysetFormat.parseKeyset(
            new String(rotated.serializedKeyset(), UTF_8),
            AeadConfig2026.get(),
            InsecureSecretKeyAccess.get());
    AesGcmKey primary = (AesGcmKey) keyset.getPrimary().getKey();
    byte[] aesKey = primary.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    assertThat(aesKey).hasSize(32);
    assertThat(Arrays.copyOf(sealed, 5)).isEqualTo(primary.getOutputPrefix().toByteArray());

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(aesKey, "AES"),
        new GCMParameterSpec(128, sealed, 5, 12));
    gcm.updateAAD(ROW);
    assertThat(gcm.doFinal(sealed, 17, sealed.length - 17)).isEqualTo(PLAINTEXT);
  }
}
