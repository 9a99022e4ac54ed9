package chat.crypto;

import static chat.crypto.EnvelopeFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InsecureDeterministicRandomTest {
  private static byte[] read(SecureRandom random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  @Test
  void nextBytes_firstBlocks_areSha256OfSeedAndCounter() {
    byte[] seed = "seed".getBytes(StandardCharsets.UTF_8);
    byte[] stream = read(new InsecureDeterministicRandom(seed), 64);

    assertThat(Arrays.copyOfRange(stream, 0, 32))
        .isEqualTo(Hashes.sha256(seed, new byte[] {0, 0, 0, 0, 0, 0, 0, 0}));
    assertThat(Arrays.copyOfRange(stream, 32, 64))
        .isEqualTo(Hashes.sha256(seed, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}));
  }

  @Test
  void nextBytes_sameSeedAnyChunking_sameStream() {
    byte[] whole = read(InsecureDeterministicRandom.fromLabel("x"), 100);
    SecureRandom chunked = InsecureDeterministicRandom.fromLabel("x");
    byte[] first = read(chunked, 7);
    byte[] rest = chunked.generateSeed(93);

    assertThat(Arrays.copyOfRange(whole, 0, 7)).isEqualTo(first);
    assertThat(Arrays.copyOfRange(whole, 7, 100)).isEqualTo(rest);
  }

  @Test
  void nextBytes_differentSeeds_differentStreams() {
    assertThat(read(InsecureDeterministicRandom.fromLabel("a"), 32))
        .isNotEqualTo(read(InsecureDeterministicRandom.fromLabel("b"), 32));
  }

  @Test
  void setSeedOrReseed_throwsUnsupportedOperation() {
    SecureRandom random = InsecureDeterministicRandom.fromLabel("x");

    assertThatThrownBy(() -> random.setSeed(new byte[] {1}))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> random.setSeed(42L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(random::reseed).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rsaOaepWrap_sameSeed_sameCiphertextThatStillUnwraps() throws Exception {
    byte[] label = Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII);
    byte[] key = new byte[32];
    byte[] first =
        new RsaOaepKeyWrap(InsecureDeterministicRandom.fromLabel("oaep"), label)
            .wrap(BOB.bundle().rsaKey(), key);
    byte[] second =
        new RsaOaepKeyWrap(InsecureDeterministicRandom.fromLabel("oaep"), label)
            .wrap(BOB.bundle().rsaKey(), key);
    byte[] other =
        new RsaOaepKeyWrap(InsecureDeterministicRandom.fromLabel("other"), label)
            .wrap(BOB.bundle().rsaKey(), key);

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(new RsaOaepKeyWrap(new SecureRandom(), label).unwrap(BOB.rsaPrivateKey(), first))
        .isEqualTo(key);
  }

  @Test
  void toString_saysTestOnly() {
    assertThat(InsecureDeterministicRandom.fromLabel("x").toString()).contains("test only");
  }
}
