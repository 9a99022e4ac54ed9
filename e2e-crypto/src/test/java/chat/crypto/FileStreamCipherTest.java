package chat.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileStreamCipherTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] AD = "attachment:7f3a91c2".getBytes(UTF_8);
  private static final int FIRST = FileStreamCipher.FIRST_SEGMENT_PLAINTEXT_BYTES;
  private static final int LATER = FileStreamCipher.SEGMENT_PLAINTEXT_BYTES;
  private static final int SEGMENT = FileStreamCipher.SEGMENT_SIZE_BYTES;
  private static final int HEADER = FileStreamCipher.HEADER_SIZE_BYTES;
  private static final int TAG = FileStreamCipher.TAG_SIZE_BYTES;

  private final byte[] key = FileStreamCipher.newFileKey(RANDOM);
  private final FileStreamCipher cipher = new FileStreamCipher(key);

  private static byte[] data(int size) {
    byte[] out = new byte[size];
    new Random(size).nextBytes(out);
    return out;
  }

  private byte[] encrypt(byte[] plaintext) throws IOException {
    return encrypt(cipher, plaintext, AD);
  }

  private static byte[] encrypt(FileStreamCipher cipher, byte[] plaintext, byte[] ad)
      throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = cipher.newEncryptingStream(sink, ad)) {
      out.write(plaintext);
    }
    return sink.toByteArray();
  }

  private byte[] readAll(byte[] ciphertext) throws IOException {
    try (InputStream in = cipher.newDecryptingStream(new ByteArrayInputStream(ciphertext), AD)) {
      return in.readAllBytes();
    }
  }

  private boolean opens(byte[] ciphertext) throws IOException {
    try {
      cipher.decrypt(new ByteArrayInputStream(ciphertext), OutputStream.nullOutputStream(), AD);
      return true;
    } catch (CryptoException e) {
      assertThat(e).isInstanceOf(AuthenticationException.class);
      return false;
    }
  }

  private void assertRejected(byte[] ciphertext) {
    assertThatThrownBy(() -> readAll(ciphertext)).isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                cipher.decrypt(
                    new ByteArrayInputStream(ciphertext), OutputStream.nullOutputStream(), AD))
        .isInstanceOf(AuthenticationException.class);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  // ---- construction and key handling ----

  @Test
  void constants_matchTheFormat() {
    assertThat(HEADER).isEqualTo(40);
    assertThat(FIRST).isEqualTo(65480);
    assertThat(LATER).isEqualTo(65520);
    assertThat(FileStreamCipher.MAX_PLAINTEXT_BYTES).isEqualTo(65480L + ((1L << 31) - 1) * 65520L);
  }

  @Test
  void newFileKey_always_returnsFresh32Bytes() {
    byte[] first = FileStreamCipher.newFileKey(RANDOM);
    assertThat(first).hasSize(32);
    assertThat(FileStreamCipher.newFileKey(RANDOM)).isNotEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 31, 33, 64})
  void constructor_wrongKeyLength_throwsIllegalArgument(int length) {
    assertThatThrownBy(() -> new FileStreamCipher(new byte[length]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_nullKey_throwsNullPointer() {
    assertThatThrownBy(() -> new FileStreamCipher(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void constructor_callerChangesKeyArray_cipherKeepsItsCopy() throws Exception {
    byte[] ciphertext = encrypt(data(100));
    byte[] mine = key.clone();
    FileStreamCipher copy = new FileStreamCipher(mine);
    Arrays.fill(mine, (byte) 0);
    assertThat(
            copy.decrypt(new ByteArrayInputStream(ciphertext), OutputStream.nullOutputStream(), AD))
        .isEqualTo(100);
  }

  @Test
  void toString_always_hidesKey() {
    assertThat(cipher.toString())
        .contains("redacted")
        .doesNotContain(HexFormat.of().formatHex(key))
        .doesNotContain(Arrays.toString(key));
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    cipher.destroy();
    assertThatThrownBy(() -> cipher.newEncryptingStream(new ByteArrayOutputStream(), AD))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cipher.newDecryptingStream(new ByteArrayInputStream(new byte[0]), AD))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullArguments_anyMethod_throwNullPointer() {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<ThrowingCallable> calls =
        List.of(
            () -> cipher.newEncryptingStream(null, AD),
            () -> cipher.newEncryptingStream(out, null),
            () -> cipher.newDecryptingStream(null, AD),
            () -> cipher.newDecryptingStream(in, null),
            () -> cipher.decrypt(null, out, AD),
            () -> cipher.decrypt(in, null, AD),
            () -> cipher.decrypt(in, out, null),
            () -> cipher.encrypt(null, out, AD),
            () -> cipher.encrypt(in, null, AD),
            () -> cipher.encrypt(in, out, null),
            () -> FileStreamCipher.newFileKey(null));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }
  }

  // ---- round trips and sizes ----

  static Stream<Integer> sizes() {
    return Stream.of(
        0,
        1,
        15,
        16,
        17,
        FIRST - 1,
        FIRST,
        FIRST + 1,
        LATER,
        FIRST + LATER - 1,
        FIRST + LATER,
        FIRST + LATER + 1,
        FIRST + 2 * LATER,
        200_000,
        3 * 1024 * 1024 + 7);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void roundTrip_anySize_returnsPlaintextAndExactSize(int size) throws Exception {
    byte[] plaintext = data(size);
    byte[] ciphertext = encrypt(plaintext);
    assertThat((long) ciphertext.length).isEqualTo(FileStreamCipher.ciphertextSize(size));
    assertThat(readAll(ciphertext)).isEqualTo(plaintext);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(cipher.decrypt(new ByteArrayInputStream(ciphertext), sink, AD)).isEqualTo(size);
    assertThat(sink.toByteArray()).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65480, 65520, 4 * 1024 * 1024 + 3})
  void encrypt_wholeSource_writesExactlyCiphertextSize(int size) throws Exception {
    byte[] plaintext = data(size);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(cipher.encrypt(new ByteArrayInputStream(plaintext), sink, AD)).isEqualTo(size);
    assertThat((long) sink.size()).isEqualTo(FileStreamCipher.ciphertextSize(size));
    assertThat(readAll(sink.toByteArray())).isEqualTo(plaintext);
  }

  @Test
  void roundTrip_oddWriteAndReadChunks_returnsPlaintext() throws Exception {
    byte[] plaintext = data(3 * LATER + 12_345);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = cipher.newEncryptingStream(sink, AD)) {
      int offset = 0;
      for (int chunk = 1; offset < plaintext.length; chunk = chunk * 3 % 70_001 + 1) {
        int take = Math.min(chunk, plaintext.length - offset);
        if (take == 1) {
          out.write(plaintext[offset]);
        } else {
          out.write(plaintext, offset, take);
        }
        offset += take;
      }
    }
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (InputStream in =
        cipher.newDecryptingStream(TestStreams.oneByteReads(sink.toByteArray()), AD)) {
      for (int b; (b = in.read()) >= 0; ) {
        plain.write(b);
      }
    }
    assertThat(plain.toByteArray()).isEqualTo(plaintext);
  }

  @Test
  void roundTrip_emptyAssociatedData_works() throws Exception {
    byte[] ciphertext = encrypt(cipher, data(10), new byte[0]);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    cipher.decrypt(new ByteArrayInputStream(ciphertext), sink, new byte[0]);
    assertThat(sink.toByteArray()).isEqualTo(data(10));
  }

  @Test
  void encrypt_samePlaintextTwice_differentCiphertext() throws Exception {
    byte[] plaintext = data(1000);
    assertThat(encrypt(plaintext)).isNotEqualTo(encrypt(plaintext));
  }

  @Test
  void ciphertextSize_knownValues_matchFormat() {
    assertThat(FileStreamCipher.ciphertextSize(0)).isEqualTo(56);
    assertThat(FileStreamCipher.ciphertextSize(1)).isEqualTo(57);
    assertThat(FileStreamCipher.ciphertextSize(FIRST)).isEqualTo(SEGMENT);
    assertThat(FileStreamCipher.ciphertextSize(FIRST + 1)).isEqualTo(SEGMENT + 17);
    assertThat(FileStreamCipher.ciphertextSize(FIRST + LATER)).isEqualTo(2L * SEGMENT);
    assertThat(FileStreamCipher.ciphertextSize(FileStreamCipher.MAX_PLAINTEXT_BYTES))
        .isEqualTo(FileStreamCipher.MAX_SEGMENTS * SEGMENT);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE, Long.MAX_VALUE})
  void ciphertextSize_outOfRange_throwsIllegalArgument(long size) {
    assertThatThrownBy(() -> FileStreamCipher.ciphertextSize(size))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FileStreamCipher.ciphertextSize(FileStreamCipher.MAX_PLAINTEXT_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- wrong key, wrong associated data ----

  @Test
  void decrypt_wrongKey_fails() throws Exception {
    byte[] ciphertext = encrypt(data(5000));
    FileStreamCipher other = new FileStreamCipher(FileStreamCipher.newFileKey(RANDOM));
    assertThatThrownBy(
            () -> other.newDecryptingStream(new ByteArrayInputStream(ciphertext), AD).read())
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                other.decrypt(
                    new ByteArrayInputStream(ciphertext), OutputStream.nullOutputStream(), AD))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void decrypt_wrongAssociatedData_fails() throws Exception {
    byte[] ciphertext = encrypt(cipher, data(5000), "attachment:other".getBytes(UTF_8));
    assertRejected(ciphertext);
    assertRejected(encrypt(cipher, data(5000), new byte[0]));
  }

  // ---- truncation, extension, reordering ----

  static Stream<Arguments> mutations() {
    int size = FIRST + 3 * LATER + 1000; // five segments, the last one partial
    return Stream.of(
        mutation("empty input", size, c -> new byte[0]),
        mutation("inside header", size, c -> Arrays.copyOf(c, HEADER - 1)),
        mutation("header only", size, c -> Arrays.copyOf(c, HEADER)),
        mutation("header and part of a tag", size, c -> Arrays.copyOf(c, HEADER + 15)),
        mutation("drop last segment", size, c -> Arrays.copyOf(c, 4 * SEGMENT)),
        mutation("drop last two segments", size, c -> Arrays.copyOf(c, 3 * SEGMENT)),
        mutation("cut mid first segment", size, c -> Arrays.copyOf(c, 30_000)),
        mutation("cut mid third segment", size, c -> Arrays.copyOf(c, 2 * SEGMENT + 777)),
        mutation("drop last byte", size, c -> Arrays.copyOf(c, c.length - 1)),
        mutation("drop last tag", size, c -> Arrays.copyOf(c, c.length - 16)),
        mutation("empty file: drop tag", 0, c -> Arrays.copyOf(c, HEADER)),
        mutation("full last segment: drop it", FIRST + LATER, c -> Arrays.copyOf(c, SEGMENT)),
        mutation("append one byte", size, c -> concat(c, new byte[1])),
        mutation("append a tag's worth", size, c -> concat(c, new byte[16])),
        mutation("append to full last segment", FIRST + LATER, c -> concat(c, new byte[17])),
        mutation("append to empty file", 0, c -> concat(c, new byte[1])),
        mutation(
            "append a full segment",
            size,
            c -> concat(c, Arrays.copyOfRange(c, SEGMENT, 2 * SEGMENT))),
        mutation("swap segments 1 and 2", size, c -> swap(c, 1, 2)),
        mutation("swap segments 2 and 3", size, c -> swap(c, 2, 3)),
        mutation(
            "duplicate segment 1",
            size,
            c -> concat(Arrays.copyOf(c, 2 * SEGMENT), Arrays.copyOfRange(c, SEGMENT, c.length))),
        mutation(
            "drop segment 1",
            size,
            c -> concat(Arrays.copyOf(c, SEGMENT), Arrays.copyOfRange(c, 2 * SEGMENT, c.length))),
        mutation("header length byte 0x27", size, c -> withByte(c, 0, 39)),
        mutation("header length byte 0x18", size, c -> withByte(c, 0, 24)),
        mutation(
            "last flag set early: final segment moved forward",
            FIRST + 2 * LATER,
            c -> swap(c, 1, 2)));
  }

  private static Arguments mutation(String name, int size, UnaryOperator<byte[]> change) {
    return Arguments.of(name, size, change);
  }

  private static byte[] swap(byte[] c, int a, int b) {
    byte[] out = c.clone();
    System.arraycopy(c, a * SEGMENT, out, b * SEGMENT, SEGMENT);
    System.arraycopy(c, b * SEGMENT, out, a * SEGMENT, SEGMENT);
    return out;
  }

  private static byte[] withByte(byte[] c, int index, int value) {
    byte[] out = c.clone();
    out[index] = (byte) value;
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void decrypt_mutatedStream_fails(String name, int size, UnaryOperator<byte[]> change)
      throws Exception {
    byte[] ciphertext = encrypt(data(size));
    assertThat(opens(ciphertext)).isTrue();
    assertRejected(change.apply(ciphertext));
  }

  @Test
  void decrypt_headerFromAnotherStreamUnderSameKey_fails() throws Exception {
    byte[] first = encrypt(data(5000));
    byte[] second = encrypt(data(5000));
    System.arraycopy(second, 0, first, 0, HEADER);
    assertRejected(first);
  }

  @Test
  void decrypt_twoStreamsConcatenated_fails() throws Exception {
    assertRejected(concat(encrypt(data(10)), encrypt(data(10))));
  }

  @Test
  void read_afterFailure_keepsFailing() throws Exception {
    byte[] ciphertext = encrypt(data(2 * SEGMENT));
    ciphertext[SEGMENT + 5] ^= 1;
    try (InputStream in = cipher.newDecryptingStream(new ByteArrayInputStream(ciphertext), AD)) {
      assertThat(in.readNBytes(FIRST)).isEqualTo(Arrays.copyOf(data(2 * SEGMENT), FIRST));
      assertThatThrownBy(in::read).isInstanceOf(IOException.class);
      assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
  }

  // ---- single-byte flips ----

  @Test
  void decrypt_anyByteOfSmallCiphertextFlipped_fails() throws Exception {
    byte[] ciphertext = encrypt(data(300));
    List<Integer> accepted = acceptedFlips(ciphertext, 1);
    assertThat(accepted).as("offsets whose flip was accepted").isEmpty();
  }

  @Test
  void decrypt_bytesOfLargeCiphertextFlippedAtStride_fails() throws Exception {
    byte[] ciphertext = encrypt(data(200_000)); // four segments
    List<Integer> accepted = acceptedFlips(ciphertext, 389);
    for (int boundary = SEGMENT; boundary < ciphertext.length; boundary += SEGMENT) {
      for (int offset = boundary - 17; offset <= boundary; offset++) {
        if (flippedOpens(ciphertext, offset)) {
          accepted.add(offset);
        }
      }
    }
    for (int offset = 0; offset < HEADER; offset++) {
      if (flippedOpens(ciphertext, offset)) {
        accepted.add(offset);
      }
    }
    assertThat(accepted).as("offsets whose flip was accepted").isEmpty();
  }

  private List<Integer> acceptedFlips(byte[] ciphertext, int stride) throws IOException {
    List<Integer> accepted = new ArrayList<>();
    for (int offset = 0; offset < ciphertext.length; offset += stride) {
      if (flippedOpens(ciphertext, offset)) {
        accepted.add(offset);
      }
    }
    return accepted;
  }

  private boolean flippedOpens(byte[] ciphertext, int offset) throws IOException {
    ciphertext[offset] ^= (byte) (1 << (offset % 8));
    try {
      return opens(ciphertext);
    } finally {
      ciphertext[offset] ^= (byte) (1 << (offset % 8));
    }
  }

  // ---- stream ownership and I/O errors ----

  @Test
  void decrypt_failingSource_throwsIOExceptionNotAuthentication() throws Exception {
    byte[] ciphertext = encrypt(data(3 * SEGMENT));
    IOException boom = new IOException("disk gone");
    InputStream failing = TestStreams.failingAfter(ciphertext, SEGMENT, boom);
    assertThatThrownBy(() -> cipher.decrypt(failing, OutputStream.nullOutputStream(), AD))
        .isSameAs(boom);
  }

  @Test
  void decrypt_failingSink_throwsIOException() throws Exception {
    byte[] ciphertext = encrypt(data(100));
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("full");
          }
        };
    assertThatThrownBy(() -> cipher.decrypt(new ByteArrayInputStream(ciphertext), failing, AD))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(AuthenticationException.class);
  }

  @Test
  void encryptAndDecrypt_convenienceMethods_leaveStreamsOpen() throws Exception {
    TestStreams.CloseTrackingOutputStream sink = new TestStreams.CloseTrackingOutputStream();
    cipher.encrypt(new ByteArrayInputStream(data(10)), sink, AD);
    assertThat(sink.closed).isFalse();
    TestStreams.CloseTrackingOutputStream plain = new TestStreams.CloseTrackingOutputStream();
    cipher.decrypt(new ByteArrayInputStream(sink.toByteArray()), plain, AD);
    assertThat(plain.closed).isFalse();
  }

  @Test
  void newEncryptingStream_close_closesSink() throws Exception {
    TestStreams.CloseTrackingOutputStream sink = new TestStreams.CloseTrackingOutputStream();
    cipher.newEncryptingStream(sink, AD).close();
    assertThat(sink.closed).isTrue();
  }

  @Test
  void encrypt_sourceFailsMidway_leavesUnterminatedStream() throws Exception {
    byte[] plaintext = data(3 * SEGMENT);
    InputStream failing = TestStreams.failingAfter(plaintext, 2 * SEGMENT, new IOException("gone"));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(() -> cipher.encrypt(failing, sink, AD)).isInstanceOf(IOException.class);
    assertThat(sink.size()).isGreaterThan(HEADER);
    assertRejected(sink.toByteArray());
  }

  // ---- the spec is exact: an independent JDK-only codec agrees byte for byte ----

  @ParameterizedTest
  @MethodSource("sizes")
  void spec_referenceEncoderWithSameSaltAndPrefix_producesIdenticalBytes(int size)
      throws Exception {
    byte[] plaintext = data(size);
    byte[] ciphertext = encrypt(plaintext);
    byte[] salt = Arrays.copyOfRange(ciphertext, 1, 33);
    byte[] prefix = Arrays.copyOfRange(ciphertext, 33, 40);
    assertThat(FileStreamReference.encrypt(key, salt, prefix, AD, plaintext)).isEqualTo(ciphertext);
    assertThat(FileStreamReference.decrypt(key, AD, ciphertext)).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, FIRST, FIRST + 1, FIRST + LATER, 300_000})
  void spec_referenceEncoderOutput_opensWithCipher(int size) throws Exception {
    byte[] plaintext = data(size);
    byte[] salt = new byte[32];
    byte[] prefix = new byte[7];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(prefix);
    byte[] ciphertext = FileStreamReference.encrypt(key, salt, prefix, AD, plaintext);
    assertThat(readAll(ciphertext)).isEqualTo(plaintext);
  }

  @Test
  void spec_firstSegment_opensWithPlainHkdfAndAesGcm() throws Exception {
    byte[] plaintext = data(FIRST + 10);
    byte[] ciphertext = encrypt(plaintext);
    assertThat(ciphertext[0]).isEqualTo((byte) 0x28);
    byte[] salt = Arrays.copyOfRange(ciphertext, 1, 33);
    byte[] noncePrefix = Arrays.copyOfRange(ciphertext, 33, 40);
    byte[] segmentKey = FileStreamReference.hkdfSha256(key, salt, AD);
    byte[] nonce = concat(noncePrefix, new byte[] {0, 0, 0, 0, 0}); // segment 0, not last
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec aesKey = new SecretKeySpec(segmentKey, "AES");
    gcm.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce)); // no GCM AAD
    byte[] first = gcm.doFinal(ciphertext, HEADER, SEGMENT - HEADER);
    assertThat(first).isEqualTo(Arrays.copyOf(plaintext, FIRST));

    byte[] lastNonce = concat(noncePrefix, new byte[] {0, 0, 0, 1, 1}); // segment 1, last
    gcm.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, lastNonce));
    byte[] last = gcm.doFinal(ciphertext, SEGMENT, ciphertext.length - SEGMENT);
    assertThat(last).isEqualTo(Arrays.copyOfRange(plaintext, FIRST, plaintext.length));
  }

  @Test
  void spec_lastFlagCleared_referenceDecoderAndCipherBothReject() throws Exception {
    byte[] salt = new byte[32];
    byte[] prefix = new byte[7];
    byte[] plaintext = data(FIRST + 5);
    byte[] good = FileStreamReference.encrypt(key, salt, prefix, AD, plaintext);
    // Re-encrypt the final segment with last flag 0: a stream that never says it ended.
    byte[] streamKey = FileStreamReference.hkdfSha256(key, salt, AD);
    byte[] tail = Arrays.copyOfRange(plaintext, FIRST, plaintext.length);
    byte[] unterminated =
        concat(
            Arrays.copyOf(good, SEGMENT),
            FileStreamReference.sealSegment(streamKey, prefix, 1, false, tail));
    assertThat(unterminated).hasSameSizeAs(good);
    assertThatThrownBy(() -> FileStreamReference.decrypt(key, AD, unterminated))
        .isInstanceOf(GeneralSecurityException.class);
    assertRejected(unterminated);
  }

  @Test
  void spec_emptyFinalSegmentAfterFullSegment_isAcceptedButNeverWritten() throws Exception {
    byte[] salt = new byte[32];
    byte[] prefix = new byte[7];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(prefix);
    byte[] plaintext = data(FIRST);
    byte[] streamKey = FileStreamReference.hkdfSha256(key, salt, AD);
    byte[] full = FileStreamReference.sealSegment(streamKey, prefix, 0, false, plaintext);
    byte[] emptyLast = FileStreamReference.sealSegment(streamKey, prefix, 1, true, new byte[0]);
    byte[] header = concat(new byte[] {40}, salt, prefix);
    byte[] twoSegments = concat(header, full, emptyLast);

    assertThat(readAll(twoSegments)).isEqualTo(plaintext);
    assertThat(encrypt(plaintext)).hasSize(SEGMENT).hasSize(twoSegments.length - TAG);
  }

  @Test
  void spec_knownAnswerVector_matchesBothWays() throws Exception {
    HexFormat hex = HexFormat.of();
    byte[] fileKey =
        hex.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] salt = hex.parseHex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
    byte[] prefix = hex.parseHex("40414243444546");
    byte[] ad = "attachment".getBytes(UTF_8);
    byte[] plaintext = "hello, file".getBytes(UTF_8);
    byte[] expected =
        hex.parseHex(
            "28202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243444546"
                + "b6393307c2cd8f071618ea261cd3af8b67392f814f10270c90baf2");
    assertThat(hex.formatHex(FileStreamReference.hkdfSha256(fileKey, salt, ad)))
        .isEqualTo("76306d6a53c6c0430f1bca011ed59adf1482cb0c18b528d52df5c8b4b8b9a068");
    assertThat(FileStreamReference.encrypt(fileKey, salt, prefix, ad, plaintext))
        .isEqualTo(expected);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FileStreamCipher(fileKey).decrypt(new ByteArrayInputStream(expected), out, ad);
    assertThat(out.toByteArray()).isEqualTo(plaintext);
  }
}
