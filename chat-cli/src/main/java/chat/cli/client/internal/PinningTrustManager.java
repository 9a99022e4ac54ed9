package chat.cli.client.internal;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one relay certificate: the one pinned for this server, or, on first use, whatever
 * the relay shows (recorded so the caller can pin it once the handshake is done). Hostname and CA
 * checks are deliberately replaced by the pin, as SSH does.
 */
final class PinningTrustManager implements X509TrustManager {
  private final Optional<String> pinned;
  private volatile String presented;

  /** A trust manager accepting {@code pinned} only, or anything when empty (first use). */
  PinningTrustManager(Optional<String> pinned) {
    this.pinned = pinned;
  }

  /** The SHA-256 hex of the certificate the relay presented, once the handshake saw it. */
  Optional<String> presented() {
    return Optional.ofNullable(presented);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the relay presented no certificate");
    }
    String fingerprint = Fingerprints.sha256Hex(chain[0].getEncoded());
    presented = fingerprint;
    if (pinned.isPresent() && !pinned.get().equals(fingerprint)) {
      throw new CertificateException("relay certificate does not match the pinned one");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client certificates are not used");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
