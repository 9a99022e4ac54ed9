package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void format_ipv6Address_isBracketed() {
    assertThat(HostPort.format("::1", 7000)).isEqualTo("[::1]:7000");
    assertThat(HostPort.format("::", 7443)).isEqualTo("[::]:7443");
    assertThat(HostPort.format("fe80::1%eth0", 1)).isEqualTo("[fe80::1%eth0]:1");
  }

  @Test
  void format_ipv4AddressOrName_isUnchanged() {
    assertThat(HostPort.format("127.0.0.1", 7443)).isEqualTo("127.0.0.1:7443");
    assertThat(HostPort.format("relay.example", 7443)).isEqualTo("relay.example:7443");
  }

  @Test
  void format_alreadyBracketed_isNotBracketedTwice() {
    assertThat(HostPort.format("[::1]", 7000)).isEqualTo("[::1]:7000");
  }

  @Test
  void address_ipv6_isCompact() throws Exception {
    assertThat(HostPort.address(InetAddress.getByName("::1"))).isEqualTo("::1");
    assertThat(HostPort.address(InetAddress.getByName("::"))).isEqualTo("::");
    assertThat(HostPort.address(InetAddress.getByName("2001:DB8:0:0:1:0:0:1")))
        .isEqualTo("2001:db8::1:0:0:1");
    assertThat(HostPort.address(InetAddress.getByName("2001:db8:0:1:1:1:1:1")))
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(HostPort.address(InetAddress.getByName("fe80:0:0:0:0:0:0:1"))).isEqualTo("fe80::1");
    assertThat(HostPort.address(InetAddress.getByName("1:0:0:2:0:0:0:3"))).isEqualTo("1:0:0:2::3");
    assertThat(HostPort.address(InetAddress.getByName("1:2:3:4:5:6:7:0")))
        .isEqualTo("1:2:3:4:5:6:7:0");
    assertThat(HostPort.address(InetAddress.getByName("1:2:3:4:5:6:0:0")))
        .isEqualTo("1:2:3:4:5:6::");
  }

  @Test
  void address_ipv4_isDotted() throws Exception {
    assertThat(HostPort.address(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    assertThat(HostPort.address(InetAddress.getByName("::ffff:192.0.2.7"))).isEqualTo("192.0.2.7");
  }

  @Test
  void address_storedText_compactsIpv6LiteralsOnly() {
    assertThat(HostPort.address("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(HostPort.address("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1%eth0");
    assertThat(HostPort.address("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(HostPort.address("relay.example")).isEqualTo("relay.example");
    assertThat(HostPort.address("")).isEqualTo("");
    assertThat(HostPort.address("1:2:3")).isEqualTo("1:2:3");
  }
}
