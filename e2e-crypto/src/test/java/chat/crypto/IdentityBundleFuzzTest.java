package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link IdentityBundle#parse} (bundles come from the relay's key directory and from
 * registering clients): any input is a valid, self-signed bundle that encodes back to the same
 * bytes, or a {@link CryptoException}.
 */
class IdentityBundleFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parse_anyBytes_isAValidBundleOrThrowsCryptoException(byte[] data) {
    IdentityBundle bundle;
    try {
      bundle = IdentityBundle.parse(data);
    } catch (CryptoException expected) {
      return;
    }
    assertThat(bundle.encode()).isEqualTo(data);
    assertThat(bundle.fingerprint()).isNotNull();
  }
}
