package chat.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How both programs write a relay's address for people: {@code host:port}, with an IPv6 address in
 * brackets ({@code [::1]:7443}), the form {@code chat --server} takes. Names and IPv4 addresses are
 * written as they are; an IP address the program learned (a client's) in its compact form ({@code
 * ::1}, RFC 5952), not the JDK's full one ({@code 0:0:0:0:0:0:0:1}).
 */
public final class HostPort {
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private HostPort() {}

  /**
   * {@code address} as people write it: IPv4 dotted, IPv6 in the compact form of RFC 5952 (lower
   * case, no leading zeros, the longest run of two or more zero groups as {@code ::}), with its
   * {@code %scope} if it has one.
   */
  public static String address(InetAddress address) {
    Objects.requireNonNull(address, "address");
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    String full = address.getHostAddress();
    int percent = full.indexOf('%');
    return compact(address.getAddress()) + (percent < 0 ? "" : full.substring(percent));
  }

  /**
   * {@code text} with an IPv6 literal in it rewritten in the compact form (as {@link
   * #address(InetAddress)}); anything else (IPv4, a name, empty) as it is. Never looks a name up.
   */
  public static String address(String text) {
    Objects.requireNonNull(text, "text");
    int percent = text.indexOf('%');
    String literal = percent < 0 ? text : text.substring(0, percent);
    if (!IPV6_LITERAL.matcher(literal).matches()) {
      return text;
    }
    try {
      InetAddress parsed = InetAddress.getByName(literal); // a literal: no lookup
      return (parsed instanceof Inet6Address
              ? compact(parsed.getAddress())
              : parsed.getHostAddress())
          + (percent < 0 ? "" : text.substring(percent));
    } catch (UnknownHostException | IllegalArgumentException e) {
      return text;
    }
  }

  private static String compact(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

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
