package chat.server.internal.net;

import chat.crypto.Bytes;
import chat.protocol.HostPort;
import chat.server.internal.audit.AuditThrottle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts open connections per client address and refuses one past the limit, so that the
 * per-connection bounds (unsent bytes, queued requests, rate) cannot be multiplied by one host
 * opening connections until the relay runs out of memory or file descriptors. An IPv4 address
 * counts alone; an IPv6 address counts with the rest of its /64, since one host is commonly given a
 * whole /64 to pick addresses from. A limit of 0 counts nothing and refuses nothing. Thread-safe.
 */
final class AddressLimiter {
  /** How often one address's refusals are reported (logged and audited) at most. */
  static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int limit;
  private final Map<Bytes, Integer> open = new ConcurrentHashMap<>();
  private final AuditThrottle reports;

  /** What {@link #tryAcquire} decided. */
  enum Decision {
    /** Counted; call {@link #release} when the connection closes. */
    ADMITTED,
    /** Refused, and this refusal should be reported. */
    REFUSED_REPORT,
    /** Refused; one like it was reported less than a minute ago. */
    REFUSED_QUIET
  }

  /** At most {@code limit} connections per address (0: no limit), on the system clock. */
  AddressLimiter(int limit) {
    this(limit, System::nanoTime);
  }

  AddressLimiter(int limit, LongSupplier nanoTime) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (none) or more");
    }
    this.limit = limit;
    this.reports = new AuditThrottle(REPORT_INTERVAL_NANOS, nanoTime);
  }

  /** Counts a connection from {@code address} unless that address already has the limit open. */
  Decision tryAcquire(InetAddress address) {
    if (limit == 0) {
      return Decision.ADMITTED;
    }
    Bytes key = keyOf(address);
    boolean[] admitted = {false};
    open.compute(
        key,
        (k, count) -> {
          int now = count == null ? 0 : count;
          if (now >= limit) {
            return count;
          }
          admitted[0] = true;
          return now + 1;
        });
    if (admitted[0]) {
      return Decision.ADMITTED;
    }
    return reports.admit(key) >= 0 ? Decision.REFUSED_REPORT : Decision.REFUSED_QUIET;
  }

  /** Uncounts a connection admitted for {@code address}. */
  void release(InetAddress address) {
    if (limit == 0) {
      return;
    }
    Bytes key = keyOf(address);
    open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    if (!open.containsKey(key)) {
      reports.forget(key);
    }
  }

  /** Connections counted for {@code address} now. */
  int openFrom(InetAddress address) {
    return limit == 0 ? 0 : open.getOrDefault(keyOf(address), 0);
  }

  /**
   * The address as the relay's per-address limits count it, as text: an IPv4 address (also an
   * IPv4-mapped one) in dotted form, an IPv6 address as its /64 ({@code 2001:db8:1:2::/64}). Logins
   * and registrations are limited under this key, so that a host cannot multiply its guesses by
   * picking new addresses in its /64.
   */
  static String limitKey(InetAddress address) {
    byte[] key = keyOf(address).toByteArray();
    try {
      if (key.length == 4) {
        return InetAddress.getByAddress(key).getHostAddress();
      }
      byte[] prefix = Arrays.copyOf(key, 16);
      return HostPort.address(InetAddress.getByAddress(prefix)) + "/64";
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are an address", e);
    }
  }

  /**
   * The bytes an address is counted under: all 4 of IPv4 (also when it arrives IPv4-mapped, as on a
   * dual-stack socket), the first 8 (the /64) of IPv6.
   */
  private static Bytes keyOf(InetAddress address) {
    byte[] raw = address.getAddress();
    if (!(address instanceof Inet6Address)) {
      return Bytes.of(raw);
    }
    if (isIpv4Mapped(raw)) {
      return Bytes.of(Arrays.copyOfRange(raw, 12, 16));
    }
    return Bytes.of(Arrays.copyOf(raw, 8));
  }

  /** {@code ::ffff:a.b.c.d}. */
  private static boolean isIpv4Mapped(byte[] raw) {
    for (int i = 0; i < 10; i++) {
      if (raw[i] != 0) {
        return false;
      }
    }
    return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
  }
}
