package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.internal.net.AddressLimiter.Decision;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressLimiterTest {
  private final AtomicLong clock = new AtomicLong();

  private static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  @Test
  void tryAcquire_upToTheLimit_admitsThenRefuses_andReleaseMakesRoom() throws Exception {
    AddressLimiter limiter = new AddressLimiter(2, clock::get);
    InetAddress a = ip("192.0.2.1");
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.REFUSED_REPORT);
    assertThat(limiter.openFrom(a)).isEqualTo(2);
    limiter.release(a);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.openFrom(a)).isEqualTo(2);
  }

  @Test
  void tryAcquire_otherAddresses_areCountedApart() throws Exception {
    AddressLimiter limiter = new AddressLimiter(1, clock::get);
    assertThat(limiter.tryAcquire(ip("192.0.2.1"))).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(ip("192.0.2.2"))).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(ip("192.0.2.1"))).isNotEqualTo(Decision.ADMITTED);
  }

  @Test
  void tryAcquire_ipv6_countsWithItsSlash64() throws Exception {
    AddressLimiter limiter = new AddressLimiter(2, clock::get);
    assertThat(limiter.tryAcquire(ip("2001:db8:1:2::1"))).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(ip("2001:db8:1:2:ffff::9"))).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(ip("2001:db8:1:2:abcd::7")))
        .as("same /64, third connection")
        .isEqualTo(Decision.REFUSED_REPORT);
    assertThat(limiter.tryAcquire(ip("2001:db8:1:3::1")))
        .as("the next /64")
        .isEqualTo(Decision.ADMITTED);
  }

  @Test
  void tryAcquire_ipv4Mapped_countsAsItsIpv4Address() throws Exception {
    AddressLimiter limiter = new AddressLimiter(1, clock::get);
    byte[] one = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
    byte[] two = one.clone();
    two[15] = 2;
    InetAddress mappedOne = Inet6Address.getByAddress(null, one, -1);
    InetAddress mappedTwo = Inet6Address.getByAddress(null, two, -1);
    assertThat(limiter.tryAcquire(mappedOne)).isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(mappedTwo))
        .as("another IPv4 host, though both share the same /64 when mapped")
        .isEqualTo(Decision.ADMITTED);
    assertThat(limiter.tryAcquire(ip("192.0.2.1")))
        .as("the same host, whichever way it arrives")
        .isEqualTo(Decision.REFUSED_REPORT);
  }

  @Test
  void tryAcquire_repeatedRefusals_reportedOnceAMinutePerAddress() throws Exception {
    AddressLimiter limiter = new AddressLimiter(1, clock::get);
    InetAddress a = ip("192.0.2.1");
    InetAddress b = ip("192.0.2.2");
    limiter.tryAcquire(a);
    limiter.tryAcquire(b);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.REFUSED_REPORT);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.REFUSED_QUIET);
    assertThat(limiter.tryAcquire(b)).isEqualTo(Decision.REFUSED_REPORT);
    clock.addAndGet(AddressLimiter.REPORT_INTERVAL_NANOS - 1);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.REFUSED_QUIET);
    clock.addAndGet(1);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.REFUSED_REPORT);
  }

  @Test
  void release_ofEveryConnection_forgetsTheAddress() throws Exception {
    AddressLimiter limiter = new AddressLimiter(1, clock::get);
    InetAddress a = ip("192.0.2.1");
    limiter.tryAcquire(a);
    assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.REFUSED_REPORT);
    limiter.release(a);
    assertThat(limiter.openFrom(a)).isZero();
    limiter.tryAcquire(a);
    assertThat(limiter.tryAcquire(a))
        .as("a new episode is reported again")
        .isEqualTo(Decision.REFUSED_REPORT);
  }

  @Test
  void limitZero_admitsEverything_andCountsNothing() throws Exception {
    AddressLimiter limiter = new AddressLimiter(0, clock::get);
    InetAddress a = ip("127.0.0.1");
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.tryAcquire(a)).isEqualTo(Decision.ADMITTED);
    }
    assertThat(limiter.openFrom(a)).isZero();
    assertThatThrownBy(() -> new AddressLimiter(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitKey_ipv6_isTheSlash64_ipv4AndMappedIpv4_theAddress() throws Exception {
    assertThat(AddressLimiter.limitKey(ip("2001:db8:1:2::1")))
        .isEqualTo(AddressLimiter.limitKey(ip("2001:db8:1:2:abcd:ef01:2345:6789")))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(AddressLimiter.limitKey(ip("2001:db8:1:3::1"))).isEqualTo("2001:db8:1:3::/64");
    assertThat(AddressLimiter.limitKey(ip("192.0.2.1"))).isEqualTo("192.0.2.1");
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(ip("192.0.2.9").getAddress(), 0, mapped, 12, 4);
    assertThat(AddressLimiter.limitKey(Inet6Address.getByAddress(null, mapped, -1)))
        .isEqualTo("192.0.2.9");
  }
}
