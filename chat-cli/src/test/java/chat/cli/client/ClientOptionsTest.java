package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
  private static ClientOptions options(String host) {
    return new ClientOptions(host, 17611, Path.of("home"), true, Duration.ofSeconds(30), false);
  }

  @Test
  void server_ipv6Address_inBrackets() {
    assertThat(options("::1").server()).isEqualTo("[::1]:17611");
    assertThat(options("fe80::1%eth0").server()).isEqualTo("[fe80::1%eth0]:17611");
  }

  @Test
  void server_nameOrIpv4Address_asGiven() {
    assertThat(options("relay.example").server()).isEqualTo("relay.example:17611");
    assertThat(options("127.0.0.1").server()).isEqualTo("127.0.0.1:17611");
  }

  @Test
  void serverKey_ipv6Address_withoutBrackets_asProfilesStoredIt() {
    assertThat(options("::1").serverKey()).isEqualTo("::1:17611");
  }
}
