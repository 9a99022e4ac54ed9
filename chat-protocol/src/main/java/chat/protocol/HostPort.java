package chat.protocol;

import java.util.Objects;

/**
 * How both programs write a relay's address for people: {@code host:port}, with an IPv6 address in
 * brackets ({@code [::1]:7443}), the form {@code chat --server} takes. Names and IPv4 addresses are
 * written as they are.
 */
public final class HostPort {
  private HostPort() {}

  /**
   * {@code host:port}, {@code host} in brackets if it is an IPv6 address not already in them.
   *
   * @throws NullPointerException if {@code host} is null
   */
  public static String format(String host, int port) {
    Objects.requireNonNull(host, "host");
    boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
    return (ipv6 ? "[" + host + "]" : host) + ":" + port;
  }
}
