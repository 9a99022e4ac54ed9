package chat.server.internal.net;

import chat.protocol.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.regex.Pattern;

/**
 * Whether the relay can listen on its address and port, asked before it writes anything to disk,
 * and the one line that says why it cannot; and whether a bind address is one of this machine's.
 */
public final class ListenCheck {
  /** The prefix of Netty's native transport: {@code bind(..) failed with error(-98): }. */
  private static final Pattern NATIVE_PREFIX =
      Pattern.compile("^bind\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

  private ListenCheck() {}

  /**
   * Binds {@code host}:{@code port} and lets it go at once, so that a port another program holds,
   * or one this user may not take, stops the relay before it creates its data directory or log
   * file. The relay's own bind, moments later, still decides.
   *
   * @throws IOException saying where and why the relay cannot listen
   */
  public static void requireBindable(String host, int port) throws IOException {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw cannotListen(host, port, e);
    }
  }

  /**
   * The failure to listen on {@code host}:{@code port} as one line for the operator, {@code cause}
   * attached: {@code cannot listen on 127.0.0.1:7443: Address already in use; ...}.
   */
  public static IOException cannotListen(String host, int port, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    reason = NATIVE_PREFIX.matcher(reason).replaceFirst("");
    String hint = "";
    if (reason.contains("Address already in use")) {
      hint =
          "; another program, perhaps another relay, listens there: choose another --port or stop it";
    } else if (reason.contains("Permission denied") || reason.contains("Operation not permitted")) {
      hint =
          "; a port below 1024 needs root or CAP_NET_BIND_SERVICE: choose a --port of 1024 or more";
    }
    return new IOException(
        "cannot listen on " + HostPort.format(host, port) + ": " + reason + hint, cause);
  }

  /**
   * Whether {@code address} (an IPv4 or IPv6 address, or a host name, of which the relay binds the
   * first address it resolves to) is one the relay can listen on: all interfaces, a loopback
   * address or an address of one of this machine's interfaces. {@code RelayConfig} checks it so
   * that a wrong one stops the relay before it creates anything, not at its last step. If the
   * interfaces cannot be listed, the bind decides.
   */
  public static boolean isLocalAddress(String address) {
    if (address.isBlank()) {
      return false;
    }
    InetAddress resolved;
    try {
      resolved = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      return false;
    }
    if (resolved.isAnyLocalAddress() || resolved.isLoopbackAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(resolved) != null;
    } catch (SocketException e) {
      return true;
    }
  }
}
