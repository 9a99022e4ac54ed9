package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ClientOptions;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Opens TLS 1.3 connections to one relay and enforces its certificate pin: the first connection
 * pins what the relay shows (and reports it through {@code onFirstPin}); later ones accept only
 * that certificate and fail loudly, with both fingerprints, on any other.
 */
final class PinnedTlsConnector implements RelayConnection.TlsConnector {
  /** How long a connection attempt, and the TLS handshake, may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final String host;
  private final int port;
  private final ServerPins pins;
  private final SecureRandom random;
  private final Duration connectTimeout;
  private final Consumer<String> onFirstPin;

  PinnedTlsConnector(
      String host,
      int port,
      ServerPins pins,
      SecureRandom random,
      Duration connectTimeout,
      Consumer<String> onFirstPin) {
    this.host = host;
    this.port = port;
    this.pins = pins;
    this.random = random;
    this.connectTimeout = connectTimeout;
    this.onFirstPin = onFirstPin;
  }

  /** The relay for messages: {@code host:port}, an IPv6 address in brackets. */
  private String server() {
    return ClientOptions.address(host, port);
  }

  private static CommandException.Network unreachable(String host, int port, IOException e) {
    String server = ClientOptions.address(host, port);
    if (e instanceof UnknownHostException) {
      return new CommandException.Network("unknown relay host " + host, e);
    }
    if (e instanceof ConnectException || e instanceof SocketTimeoutException) {
      return new CommandException.Network(
          "cannot reach the relay at " + server + " (" + e.getMessage() + ")", e);
    }
    return new CommandException.Network(
        "cannot connect to the relay at " + server + ": " + e.getMessage(), e);
  }

  @Override
  public RelayConnection.Connected connect() {
    Optional<String> pinned = pins.pinned(host, port);
    PinningTrustManager trust = new PinningTrustManager(pinned);
    SSLSocket socket = null;
    Socket plain = null;
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, new TrustManager[] {trust}, random);
      plain = new Socket();
      plain.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      plain.setTcpNoDelay(true);
      socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3"});
      if (!host.contains(":") && !host.matches("[0-9.]+")) {
        try {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException ignored) {
          // not a valid DNS name (e.g. an IPv6 literal): connect without SNI
        }
      }
      socket.setSSLParameters(parameters);
      socket.setSoTimeout((int) connectTimeout.toMillis());
      socket.startHandshake();
      socket.setSoTimeout(0);
    } catch (SSLHandshakeException e) {
      closeQuietly(socket);
      if (trust.presented().isPresent()) {
        pins.check(host, port, trust.presented().get());
      } else if (e.getCause() instanceof EOFException
          || String.valueOf(e.getMessage()).contains("terminated the handshake")) {
        throw new CommandException.Network(
            server()
                + " closed the connection before TLS began; a relay does that when this address"
                + " already has as many connections open as the relay allows"
                + " (--max-connections-per-address): close some, or ask the operator; a tunnel or"
                + " proxy in between does it when it cannot reach the relay",
            e);
      }
      throw new CommandException.Network(
          "TLS handshake with " + server() + " failed: " + e.getMessage(), e);
    } catch (SSLException e) {
      closeQuietly(socket);
      if (!String.valueOf(e.getMessage()).contains("nrecognized SSL message")) {
        throw unreachable(host, port, e);
      }
      // The JDK's words for an answer that is not TLS (a web server's plain HTTP, say).
      throw new CommandException.Network(
          server()
              + " did not answer with TLS, as a relay does: is it the relay's port? (check"
              + " --server or CHAT_SERVER)",
          e);
    } catch (IOException e) {
      closeQuietly(socket != null ? socket : plain); // TLS closes the TCP socket under it
      if (socket != null && e instanceof SocketTimeoutException) {
        // Connected, but nothing came back to the TLS hello: not "cannot reach".
        throw new CommandException.Network(
            server()
                + " took the connection but did not answer TLS within "
                + connectTimeout.toSeconds()
                + " s: is it the relay's port? (check --server or CHAT_SERVER) Else the relay is"
                + " overloaded: try again later",
            e);
      }
      throw unreachable(host, port, e);
    } catch (GeneralSecurityException e) {
      throw new CommandException.Network("TLS 1.3 is not available in this Java", e);
    }
    String presented;
    try {
      presented =
          trust.presented().orElseThrow(() -> new CommandException.Network("no certificate", null));
      if (pins.check(host, port, presented)) {
        onFirstPin.accept(presented);
      }
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
    return new RelayConnection.Connected(socket, plain, presented);
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
