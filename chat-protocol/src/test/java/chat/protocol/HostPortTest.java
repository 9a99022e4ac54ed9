package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

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
}
